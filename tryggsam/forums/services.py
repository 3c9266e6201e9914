"""Writes on the collaboration structure: forums and their members, programmes and their delivery,
safety walks and their findings. Only coordinators change the structure (system actor None allowed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor, Person, person_of
from tryggsam.accounts.models import Organisation
from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_delete
from tryggsam.audit.writes import create_audited, set_m2m_audited, update_audited
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.core.models import Classification
from tryggsam.forums.finding_counting import count_finding
from tryggsam.forums.models import (
    DeliveryStatus,
    Finding,
    Forum,
    ForumMember,
    ForumRole,
    Programme,
    ProgrammeDelivery,
    SafetyWalk,
)
from tryggsam.forums.photos import clean_photo
from tryggsam.forums.routes import validate_route


def _require_coordinator(actor: Actor) -> None:
    if not permissions.can_manage_collaboration(actor):
        raise PermissionDeniedError(_("Bara samordnare får ändra samverkansstrukturen."))


@transaction.atomic
def forum_create(
    *,
    actor: Actor,
    name: str,
    kind: str,
    purpose: str = "",
    cadence: str = "",
    parent: Forum | None = None,
    area: Any = None,
    description: str = "",
    classification: str = Classification.INTERNAL,
    owner_organisation: Any = None,
    places: Iterable[Any] = (),
) -> Forum:
    _require_coordinator(actor)
    if Forum.objects.filter(name__iexact=name.strip()).exists():
        raise ServiceError(_("Det finns redan ett forum som heter %(name)s.") % {"name": name.strip()})
    return create_audited(
        model=Forum,
        actor=actor,
        m2m={"places": list(places)} if places else None,
        owner_organisation=owner_organisation,
        name=name.strip(),
        kind=kind,
        purpose=purpose,
        cadence=cadence,
        parent=parent,
        area=area,
        description=description,
        classification=classification,
        created_by=person_of(actor),
    )


FORUM_EDITABLE_FIELDS = {
    "name",
    "kind",
    "purpose",
    "cadence",
    "parent",
    "area",
    "description",
    "classification",
    "owner_organisation",
}


def _require_forum_manager(actor: Actor, forum: Forum) -> None:
    if not permissions.can_manage_forum(actor, forum):
        raise PermissionDeniedError(_("Bara samordnare får ändra samverkansstrukturen."))


@transaction.atomic
def forum_update(*, actor: Person, forum: Forum, places: Iterable[Any] | None = None, **fields: Any) -> Forum:
    """Change a forum's fields (and, given `places`, its places); each change audited with old and new value."""
    _require_forum_manager(actor, forum)
    unknown = set(fields) - FORUM_EDITABLE_FIELDS
    if unknown:
        raise ServiceError(_("Okända fält: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    parent = fields.get("parent")
    while parent is not None:
        if parent.pk == forum.pk:
            raise ServiceError(_("Ett forum kan inte ligga under sig självt."))
        parent = parent.parent
    if "name" in fields:
        fields["name"] = fields["name"].strip()
        if Forum.objects.filter(name__iexact=fields["name"]).exclude(pk=forum.pk).exists():
            raise ServiceError(_("Det finns redan ett forum som heter %(name)s.") % {"name": fields["name"]})
    forum = update_audited(obj=forum, actor=actor, fields=fields)
    if places is not None:
        set_m2m_audited(obj=forum, actor=actor, name="places", values=places)
    return forum


@transaction.atomic
def forum_archive(*, actor: Person, forum: Forum, reason: str = "") -> Forum:
    """An archived forum leaves the lists; its work tables, meetings and minutes keep their history."""
    _require_forum_manager(actor, forum)
    if not forum.is_active:
        raise ServiceError(_("Forumet är redan arkiverat."))
    return update_audited(
        obj=forum, actor=actor, fields={"is_active": False}, action=AuditAction.STATUS, note=reason[:500]
    )


@transaction.atomic
def forum_restore(*, actor: Person, forum: Forum) -> Forum:
    _require_forum_manager(actor, forum)
    if forum.is_active:
        raise ServiceError(_("Forumet är inte arkiverat."))
    return update_audited(obj=forum, actor=actor, fields={"is_active": True}, action=AuditAction.STATUS)


@transaction.atomic
def forum_member_update(*, actor: Person, member: ForumMember, role: str, title: str = "") -> ForumMember:
    _require_forum_manager(actor, member.forum)
    return update_audited(obj=member, actor=actor, fields={"role": role, "title": title.strip()})


@transaction.atomic
def forum_member_remove(*, actor: Person, member: ForumMember) -> None:
    """Take a person or organisation off a forum; the audit row keeps who it was and their role."""
    _require_forum_manager(actor, member.forum)
    audit_delete(actor=actor, obj=member)
    member.delete()


@transaction.atomic
def forum_member_add(
    *,
    actor: Actor,
    forum: Forum,
    user: Person | None = None,
    organisation: Any = None,
    role: str = ForumRole.MEMBER,
    title: str = "",
) -> ForumMember:
    _require_forum_manager(actor, forum)
    if user is None and organisation is None:
        raise ServiceError(_("Ange en person eller en organisation."))
    if user is not None and organisation is None:
        own = list(user.memberships.values_list("organisation", flat=True)[:2])
        if len(own) == 1:  # a person of one organisation sits in the forum for it
            organisation = Organisation.objects.get(pk=own[0])
    if user is not None and forum.members.filter(user=user).exists():
        raise ServiceError(_("%(user)s är redan medlem i %(forum)s.") % {"user": user, "forum": forum})
    if user is None and forum.members.filter(user=None, organisation=organisation).exists():
        raise ServiceError(_("%(org)s är redan med i %(forum)s.") % {"org": organisation, "forum": forum})
    return create_audited(
        model=ForumMember, actor=actor, forum=forum, user=user, organisation=organisation, role=role, title=title
    )


@transaction.atomic
def programme_create(
    *,
    actor: Actor,
    name: str,
    short_name: str = "",
    grade: int | None = None,
    description: str = "",
    forum: Forum | None = None,
) -> Programme:
    _require_coordinator(actor)
    return create_audited(
        model=Programme,
        actor=actor,
        name=name,
        short_name=short_name,
        grade=grade,
        description=description,
        forum=forum,
    )


def _check_delivery(status: str, delivered_on: dt.date | None) -> None:
    if delivered_on and status in (DeliveryStatus.NOT_HELD, DeliveryStatus.DECLINED):
        raise ServiceError(_("Ett program som inte genomfördes har inget genomförandedatum."))


DELIVERY_EDITABLE_FIELDS = {
    "school",
    "school_year",
    "status",
    "delivered_on",
    "classes",
    "pupils",
    "delivered_by",
    "note",
}


@transaction.atomic
def delivery_update(*, actor: Person, delivery: ProgrammeDelivery, **fields: Any) -> ProgrammeDelivery:
    """Correct a recorded delivery (another school or school year included); audited field by field."""
    _require_coordinator(actor)
    unknown = set(fields) - DELIVERY_EDITABLE_FIELDS
    if unknown:
        raise ServiceError(_("Okända fält: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    _check_delivery(fields.get("status", delivery.status), fields.get("delivered_on", delivery.delivered_on))
    school, year = fields.get("school", delivery.school), fields.get("school_year", delivery.school_year)
    clash = ProgrammeDelivery.objects.filter(programme=delivery.programme_id, school=school, school_year=year)
    if clash.exclude(pk=delivery.pk).exists():
        raise ServiceError(
            _("%(school)s har redan en rad för %(year)s i det här programmet.") % {"school": school, "year": year}
        )
    return update_audited(obj=delivery, actor=actor, fields=fields)


@transaction.atomic
def delivery_record(
    *,
    actor: Actor,
    programme: Programme,
    school: Any,
    school_year: str,
    status: str = DeliveryStatus.PLANNED,
    delivered_on: dt.date | None = None,
    classes: int | None = None,
    pupils: int | None = None,
    delivered_by: str = "",
    note: str = "",
    replace: bool = True,
) -> ProgrammeDelivery:
    """Create or update the delivery of a programme in one school and school year; with
    `replace=False` (the UI's "Registrera leverans") an existing row is refused instead of overwritten."""
    _require_coordinator(actor)
    _check_delivery(status, delivered_on)
    existing = ProgrammeDelivery.objects.filter(programme=programme, school=school, school_year=school_year).first()
    if existing and not replace:
        raise ServiceError(
            _("%(school)s har redan en rad för %(year)s i det här programmet; rätta den i stället.")
            % {"school": school, "year": school_year}
        )
    fields: dict[str, Any] = {
        "status": status,
        "delivered_on": delivered_on,
        "classes": classes,
        "pupils": pupils,
        "delivered_by": delivered_by.strip(),
        "note": note,
    }
    if existing:
        return update_audited(obj=existing, actor=actor, fields=fields)
    return create_audited(
        model=ProgrammeDelivery, actor=actor, programme=programme, school=school, school_year=school_year, **fields
    )


@transaction.atomic
def safety_walk_create(
    *,
    actor: Actor,
    title: str,
    date: dt.date,
    area: Any,
    forum: Forum | None = None,
    participants: str = "",
    summary: str = "",
    classification: str = Classification.INTERNAL,
    owner_organisation: Any = None,
    route: dict[str, Any] | None = None,
) -> SafetyWalk:
    _require_coordinator(actor)
    return create_audited(
        model=SafetyWalk,
        actor=actor,
        title=title,
        date=date,
        area=area,
        forum=forum,
        participants=participants,
        summary=summary,
        classification=classification,
        owner_organisation=owner_organisation,
        route=validate_route(route),
        created_by=person_of(actor),
    )


@transaction.atomic
def finding_add(
    *,
    actor: Actor,
    walk: SafetyWalk,
    text: str,
    location: str = "",
    area: Any = None,
    category: Any = None,
    lat: float | None = None,
    lon: float | None = None,
    photo: bytes | None = None,
) -> Finding:
    """A finding of a safety walk, with an optional point and photo (stripped of its metadata); with a
    `category` it is also counted in the situation picture as an incident from the safety walk (by the
    incidents app, through `finding_counting`)."""
    _require_walk_editor(actor, walk)
    if (lat is None) != (lon is None):
        raise ServiceError(_("En punkt behöver både latitud och longitud."))
    if not text.strip():
        raise ServiceError(_("Skriv vad ni såg."))
    cleaned = clean_photo(photo, name=f"iakttagelse-{walk.pk}") if photo else None
    photo_name = _reserve_photo_name(cleaned.name or "foto.jpg") if cleaned is not None else ""
    finding = create_audited(
        model=Finding,
        actor=actor,
        walk=walk,
        text=text.strip(),
        location=location.strip(),
        area=area or walk.area,
        lat=lat,
        lon=lon,
        photo=photo_name,
    )
    if category is not None:
        count_finding(finding=finding, category=category, actor=actor)
    if cleaned is not None:
        # The file is written once the finding is committed: a finding that rolls back leaves no photo.
        storage = Finding._meta.get_field("photo").storage
        transaction.on_commit(lambda: storage.save(photo_name, cleaned))
    return finding


def _reserve_photo_name(file_name: str) -> str:
    """The name the photo will be stored under (the field's folder, a name not taken yet)."""
    field = Finding._meta.get_field("photo")
    return str(field.storage.get_available_name(field.generate_filename(None, file_name)))


def _require_walk_editor(actor: Actor, walk: SafetyWalk) -> None:
    if not permissions.can_record_walk(actor, walk):
        raise PermissionDeniedError(_("Du får inte ändra den här trygghetsvandringen."))


WALK_EDITABLE_FIELDS = {
    "title",
    "date",
    "area",
    "forum",
    "participants",
    "summary",
    "classification",
    "owner_organisation",
    "route",
}


@transaction.atomic
def safety_walk_update(*, actor: Person, walk: SafetyWalk, **fields: Any) -> SafetyWalk:
    _require_walk_editor(actor, walk)
    unknown = set(fields) - WALK_EDITABLE_FIELDS
    if unknown:
        raise ServiceError(_("Okända fält: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if "route" in fields:
        fields["route"] = validate_route(fields["route"])
    return update_audited(obj=walk, actor=actor, fields=fields)
