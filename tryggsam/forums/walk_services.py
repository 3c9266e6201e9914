"""Who is invited to a safety walk: members of the collaboration (members of the walk's forum, directly
or through their organisation) and guests of whom only a name is kept. Every added and removed
invitation is audited in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor, Person
from tryggsam.audit.services import audit_delete
from tryggsam.audit.writes import create_audited
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.forums.guests import clean_guest_names
from tryggsam.forums.models import ForumMember, SafetyWalk, WalkInvitee
from tryggsam.forums.services import safety_walk_create, safety_walk_update


def _not_in_forum(walk: SafetyWalk, users: list[Person]) -> list[Person]:
    if walk.forum_id is None:
        return []
    members = ForumMember.objects.filter(forum=walk.forum_id)
    outside = []
    for user in users:
        orgs = permissions.organisation_ids(user)
        if not members.filter(Q(user=user) | Q(user=None, organisation__in=orgs)).exists():
            outside.append(user)
    return outside


@transaction.atomic
def walk_set_invitees(*, actor: Actor, walk: SafetyWalk, users: Iterable[Person], guests: Iterable[str]) -> None:
    """Make the walk's invitations exactly `users` and `guests`; unchanged invitations are kept."""
    if not permissions.can_record_walk(actor, walk):
        raise PermissionDeniedError(_("Du får inte ändra den här trygghetsvandringen."))
    wanted_users = list(dict.fromkeys(users))
    outside = _not_in_forum(walk, wanted_users)
    if outside:
        raise ServiceError(
            _("%(people)s är inte med i %(forum)s. Bjud in dem som gäster eller lägg till dem i forumet först.")
            % {"people": ", ".join(str(u) for u in outside), "forum": walk.forum}
        )
    wanted_guests = clean_guest_names(guests)
    current = list(walk.invitees.all())
    wanted_user_ids = {u.pk for u in wanted_users}
    for invitee in current:
        keep = invitee.user_id in wanted_user_ids if invitee.user_id else invitee.guest_name in wanted_guests
        if not keep:
            audit_delete(actor=actor, obj=invitee)
            invitee.delete()
    have_users = {i.user_id for i in current if i.user_id}
    have_guests = {i.guest_name for i in current if not i.user_id}
    for user in wanted_users:
        if user.pk not in have_users:
            create_audited(model=WalkInvitee, actor=actor, walk=walk, user=user)
    for name in wanted_guests:
        if name not in have_guests:
            create_audited(model=WalkInvitee, actor=actor, walk=walk, guest_name=name)


@transaction.atomic
def safety_walk_plan(
    *, actor: Actor, users: Iterable[Person] = (), guests: Iterable[str] = (), **fields: Any
) -> SafetyWalk:
    """Plan a walk with its route and invitations in one transaction (the form's one submit)."""
    walk = safety_walk_create(actor=actor, **fields)
    walk_set_invitees(actor=actor, walk=walk, users=users, guests=guests)
    return walk


@transaction.atomic
def safety_walk_change(
    *, actor: Person, walk: SafetyWalk, users: Iterable[Person] = (), guests: Iterable[str] = (), **fields: Any
) -> SafetyWalk:
    """Change a walk, its route and its invitations in one transaction; nothing is saved on a refusal."""
    walk = safety_walk_update(actor=actor, walk=walk, **fields)
    walk_set_invitees(actor=actor, walk=walk, users=users, guests=guests)
    return walk
