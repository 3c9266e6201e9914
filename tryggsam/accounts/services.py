"""Writes on users, organisations and memberships (roles). Each service checks the policy, changes the
rows and writes its own audit row with old and new values in the same transaction (like Zulip's
do_change_user_role); the Django admin calls these services rather than saving models itself.
Two-factor devices and enrolment codes are in `two_factor.py`."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor, Person
from tryggsam.accounts.models import Membership, Organisation, Role, User
from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_record
from tryggsam.core.errors import PermissionDeniedError, ServiceError, require

# What the audit log records of a user: never the password hash or login times.
USER_FIELDS = ("email", "full_name", "title", "phone", "is_active", "is_staff", "is_superuser")
ROLE_FIELDS = frozenset({"is_active", "is_staff", "is_superuser"})
ORGANISATION_FIELDS = ("name", "short_name", "kind", "municipality")


def _require_manager(acting_user: Actor) -> None:
    """Users, organisations and roles are changed by administrators (the system only if it says it
    acts as one: accounts.actors.SystemActor)."""
    if not permissions.can_manage_accounts(acting_user):
        raise PermissionDeniedError(_("Bara administratörer får ändra användare, organisationer och roller."))


def _require_register(acting_user: Actor) -> None:
    require(
        permissions.can_keep_register(acting_user),
        _("Bara samordnare och administratörer får föra registret över organisationer och personer."),
    )


def _require_person(acting_user: Actor, person: User | None) -> None:
    require(
        permissions.can_manage_person(acting_user, person),
        _("Du får inte ändra den här personens medlemskap: det gör en administratör."),
    )


def _require_role(acting_user: Actor, role: str) -> None:
    require(permissions.can_grant_role(acting_user, role), _("Bara en administratör kan ge rollen administratör."))


def _values(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in fields}


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before[k], v] for k, v in after.items() if before[k] != v}


@transaction.atomic
def user_create(*, acting_user: Person, email: str, full_name: str, password: str | None = None, **fields: Any) -> User:
    """A coordinator creates plain accounts (through an invitation); staff or superuser accounts only
    an administrator."""
    if {"is_staff", "is_superuser"} & {k for k, v in fields.items() if v}:
        _require_manager(acting_user)
    else:
        _require_register(acting_user)
    unknown = set(fields) - set(USER_FIELDS)
    if unknown:
        raise ValueError(f"unknown user fields: {sorted(unknown)}")
    user = User(email=User.objects.normalize_email(email).strip().lower(), full_name=full_name, **fields)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    after = _values(user, USER_FIELDS)
    audit_record(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=user,
        changes={k: [None, v] for k, v in after.items()},
        note=_("Användare skapad"),
    )
    return user


@transaction.atomic
def user_update(*, user: User, acting_user: Actor, **fields: Any) -> User:
    """Change a user's details or rights (active, staff, superuser); the audit row has old and new."""
    _require_manager(acting_user)
    unknown = set(fields) - set(USER_FIELDS)
    if unknown:
        raise ValueError(f"unknown user fields: {sorted(unknown)}")
    current = User.objects.select_for_update().get(pk=user.pk)
    before = _values(current, USER_FIELDS)
    for name, value in fields.items():
        setattr(current, name, value.strip().lower() if name == "email" else value)
    if permissions.acts_on_self(acting_user, current.pk) and before["is_superuser"] and not current.is_superuser:
        raise ServiceError(_("Du kan inte ta bort din egen administratörsbehörighet."))
    current.full_clean()
    changes = _changes(before, _values(current, USER_FIELDS))
    if changes:
        current.save(update_fields=list(changes))
        note = _("Behörighet ändrad") if ROLE_FIELDS & set(changes) else _("Användare ändrad")
        audit_record(actor=acting_user, action=AuditAction.UPDATE, obj=current, changes=changes, note=note)
    permissions.forget_roles(user)
    for name in fields:
        setattr(user, name, getattr(current, name))
    return current


@transaction.atomic
def user_set_password(*, user: User, acting_user: Actor, password: str | None, note: str = "") -> User:
    """A new password (already validated by the form; None: no password login at all); the audit row
    says that it changed, not to what, and the account's address is told after commit (so a stolen
    session cannot change it unnoticed)."""
    if getattr(acting_user, "pk", None) != user.pk:
        _require_manager(acting_user)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(
        actor=acting_user or user,
        action=AuditAction.UPDATE,
        obj=user,
        changes={"password": ["[dolt]", "[nytt]"]},
        note=note or _("Lösenord ändrat"),
    )
    subject = _("Ditt lösenord i TryggSam har ändrats")
    body = _(
        "Hej!\n\nLösenordet för ditt konto i TryggSam har just ändrats. Var det du behöver du inte göra något.\n\n"
        "Var det inte du? Återställ lösenordet direkt och kontakta en administratör.\n"
    )
    transaction.on_commit(partial(send_mail, subject, body, None, [user.email]))
    return user


@transaction.atomic
def user_delete(*, user: User, acting_user: Actor) -> None:
    _require_manager(acting_user)
    if permissions.acts_on_self(acting_user, user.pk):
        raise ServiceError(_("Du kan inte ta bort ditt eget konto."))
    for membership in Membership.objects.filter(user=user).select_related("organisation"):
        membership_delete(membership=membership, acting_user=acting_user)
    before = _values(user, USER_FIELDS)
    audit_record(
        actor=acting_user,
        action=AuditAction.DELETE,
        obj=user,
        changes={k: [v, None] for k, v in before.items()},
        note=_("Användare borttagen"),
    )
    user.delete()


@transaction.atomic
def organisation_create(*, acting_user: Person, name: str, **fields: Any) -> Organisation:
    _require_register(acting_user)
    organisation = Organisation(name=name, **fields)
    organisation.full_clean()
    organisation.save()
    after = _values(organisation, ORGANISATION_FIELDS)
    audit_record(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=organisation,
        changes={k: [None, v] for k, v in after.items()},
    )
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, acting_user: Person, **fields: Any) -> Organisation:
    _require_register(acting_user)
    current = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = _values(current, ORGANISATION_FIELDS)
    for name, value in fields.items():
        if name not in ORGANISATION_FIELDS:
            raise ValueError(f"unknown organisation field: {name}")
        setattr(current, name, value)
    current.full_clean()
    changes = _changes(before, _values(current, ORGANISATION_FIELDS))
    if changes:
        current.save(update_fields=[*changes, "updated_at"])
        audit_record(actor=acting_user, action=AuditAction.UPDATE, obj=current, changes=changes)
    return current


@transaction.atomic
def organisation_delete(*, organisation: Organisation, acting_user: Person) -> None:
    _require_manager(acting_user)
    for membership in Membership.objects.filter(organisation=organisation).select_related("user"):
        membership_delete(membership=membership, acting_user=acting_user)
    before = _values(organisation, ORGANISATION_FIELDS)
    audit_record(
        actor=acting_user,
        action=AuditAction.DELETE,
        obj=organisation,
        changes={k: [v, None] for k, v in before.items()},
    )
    organisation.delete()


def _require_membership(acting_user: Actor, membership: Membership) -> None:
    require(
        permissions.can_manage_membership(acting_user, membership),
        _("Du får inte ändra det här medlemskapet: det gör en administratör."),
    )


def _membership_changes(membership: Membership) -> dict[str, Any]:
    return {"user": membership.user_id, "organisation": membership.organisation_id, "role": membership.role}


@transaction.atomic
def membership_create(*, user: User, organisation: Organisation, role: str, acting_user: Person) -> Membership:
    """A deactivated organisation takes no new members (its history stays)."""
    _require_register(acting_user)
    _require_person(acting_user, user)
    _require_role(acting_user, role)
    if not organisation.is_active:
        raise ServiceError(_("%(org)s är inaktiv och kan inte få nya medlemmar.") % {"org": organisation})
    membership = Membership(user=user, organisation=organisation, role=Role(role))
    membership.full_clean()
    membership.save()
    audit_record(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=membership,
        changes={k: [None, v] for k, v in _membership_changes(membership).items()},
        note=_("Medlemskap skapat"),
    )
    permissions.forget_roles(user)
    return membership


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, acting_user: Actor) -> Membership:
    """A role change is its own audit event with the old and the new role."""
    current = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    old, new = current.role, Role(role).value
    _require_membership(acting_user, current)
    if old != new:
        _require_role(acting_user, new)
        if permissions.lowers_own_administrator_role(acting_user, current):
            raise ServiceError(_("Du kan inte sänka din egen administratörsroll."))
        current.role = new
        current.full_clean()
        current.save(update_fields=["role", "updated_at"])
        audit_record(
            actor=acting_user,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"role": [old, new]},
            note=_("Roll ändrad"),
        )
    membership.role = current.role
    permissions.forget_roles(current.user)
    return current


@transaction.atomic
def membership_delete(*, membership: Membership, acting_user: Actor) -> None:
    _require_membership(acting_user, membership)
    audit_record(
        actor=acting_user,
        action=AuditAction.DELETE,
        obj=membership,
        changes={k: [v, None] for k, v in _membership_changes(membership).items()},
        note=_("Medlemskap borttaget"),
    )
    membership.delete()


@transaction.atomic
def user_invite(
    *, acting_user: Person, email: str, full_name: str, organisation: Organisation, role: str, base_url: str
) -> User:
    """Invite a person: an account without a usable password, a membership with its role, and an
    e-mail (after commit) with a one-time link to set a password (Django's reset token: it stops
    working once the password is set). A person who already has an account only gets the membership
    (and a coordinator may not add one to an administrator's account)."""
    _require_register(acting_user)
    _require_role(acting_user, role)
    address = User.objects.normalize_email(email).strip().lower()
    if not permissions.is_real_person_email(address):
        raise ServiceError(_("Adressen hör till en API-nyckel, inte till en person, och kan inte bjudas in."))
    user = User.objects.filter(email__iexact=address).first()
    if user is not None:
        _require_person(acting_user, user)
    if user is not None and user.memberships.filter(organisation=organisation).exists():
        raise ServiceError(_("%(who)s är redan med i %(org)s.") % {"who": address, "org": organisation})
    invited = user is None
    if user is None:
        user = user_create(acting_user=acting_user, email=address, full_name=full_name.strip())
    membership_create(user=user, organisation=organisation, role=role, acting_user=acting_user)
    if invited:
        link = base_url.rstrip("/") + reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        subject = _("Inbjudan till TryggSam")
        body = _(
            "Hej!\n\nDu har bjudits in till TryggSam som %(role)s för %(org)s. Välj ditt lösenord här "
            "(länken fungerar en gång):\n\n%(link)s\n"
        ) % {"role": Role(role).label, "org": organisation, "link": link}
        transaction.on_commit(partial(send_mail, subject, body, None, [user.email]))
    return user
