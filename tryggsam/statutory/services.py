"""Writes on statutory documents (coordinators; the system with a role for the demo). A decided
document is frozen: its members' and public versions are stored as snapshots when it is decided
under an agenda item of the council's meeting (a decision in the minutes, through the meetings'
own service, in the same transaction); the next version starts as a draft copy of the written
sections; a decided document may be published (its public version is then served to anyone)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor, person_of
from tryggsam.audit.models import AuditAction
from tryggsam.audit.writes import create_audited, update_audited
from tryggsam.core.errors import InvalidTransitionError, PermissionDeniedError, ServiceError
from tryggsam.core.models import Classification
from tryggsam.forums.models import Forum, ForumKind
from tryggsam.meetings.agenda import decision_record
from tryggsam.meetings.models import AgendaItem, Decision
from tryggsam.places.models import Area
from tryggsam.statutory.models import DocumentKind, DocumentStatus, StatutoryDocument
from tryggsam.statutory.snapshot import build_snapshot, public_snapshot

TEXT_FIELDS = ("summary", "risk_factors", "conclusions")
TEXT_LIMIT = 20000


def _require_writer(actor: Actor) -> None:
    if not permissions.can_write_statutory_documents(actor):
        raise PermissionDeniedError(_("Bara samordnare får skriva styrdokument."))


def _require_editor(actor: Actor, document: StatutoryDocument) -> None:
    if not permissions.can_edit_statutory_document(actor, document):
        raise PermissionDeniedError(_("Du får inte ändra det här styrdokumentet."))


def _require_draft(document: StatutoryDocument) -> None:
    if document.is_frozen:
        raise InvalidTransitionError(
            _("Dokumentet är beslutat och kan inte ändras. Gör en ny version för att arbeta vidare med det.")
        )


def _check_year(year: int, *, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    if not 2000 <= year <= today.year + 1:
        raise ServiceError(_("Ange ett år mellan 2000 och %(last)s.") % {"last": today.year + 1})


@transaction.atomic
def document_create(
    *,
    actor: Actor,
    kind: str,
    year: int,
    forum: Forum | None = None,
    area: Area | None = None,
    classification: str = Classification.INTERNAL,
) -> StatutoryDocument:
    """A draft for a council (a forum of the council kind) or a municipality area and a year. The
    first version of its kind, council/area and year; later ones are made with `document_new_version`."""
    _require_writer(actor)
    if kind not in DocumentKind.values:
        raise ServiceError(_("Okänd typ av styrdokument."))
    if (forum is None) == (area is None):
        raise ServiceError(_("Välj antingen ett råd eller ett område."))
    if forum is not None and (forum.kind != ForumKind.COUNCIL or not permissions.can_view(actor, forum)):
        raise ServiceError(_("Välj ett lokalt brottsförebyggande råd."))
    _check_year(year)
    if StatutoryDocument.objects.filter(kind=kind, forum=forum, area=area, year=year).exists():
        raise ServiceError(_("Det finns redan ett sådant dokument för året; öppna det eller gör en ny version av det."))
    return create_audited(
        model=StatutoryDocument,
        actor=actor,
        kind=kind,
        year=year,
        forum=forum,
        area=area,
        classification=classification,
        owner_organisation_id=permissions.importing_organisation_id(actor),
        created_by=person_of(actor),
    )


@transaction.atomic
def document_write(*, actor: Actor, document: StatutoryDocument, **texts: str) -> StatutoryDocument:
    """Change the written sections of a draft (sammanfattning, risk- och skyddsfaktorer, slutsatser)."""
    _require_editor(actor, document)
    _require_draft(document)
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise ServiceError(_("Okända fält: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if any(len(t or "") > TEXT_LIMIT for t in texts.values()):
        raise ServiceError(_("En text får vara högst %(n)d tecken.") % {"n": TEXT_LIMIT})
    return update_audited(obj=document, actor=actor, fields={k: (v or "").strip() for k, v in texts.items()})


@transaction.atomic
def document_decide(
    *, actor: Actor, document: StatutoryDocument, item: AgendaItem, text: str = "", now: dt.datetime | None = None
) -> Decision:
    """Decide the draft under an agenda item of the council's meeting: the decision is written in the
    minutes (meetings' `decision_record`, audited there), the members' version is frozen as the one
    who decides reads it and the public version as an anonymous visitor reads it. When the members'
    version counts restricted data the document becomes restricted to its owning organisation."""
    meeting = item.meeting
    _require_editor(actor, document)
    _require_draft(document)
    if not permissions.can_decide_statutory_document_in_meeting(actor, meeting, document):
        raise ServiceError(_("Du kan inte besluta det här dokumentet i det här mötet."))
    text = (text or "").strip() or _("%(document)s beslutades.") % {"document": str(document)}
    if len(text) > TEXT_LIMIT:
        raise ServiceError(_("En text får vara högst %(n)d tecken.") % {"n": TEXT_LIMIT})
    decision = decision_record(actor=actor, item=item, text=text)
    members = build_snapshot(actor, document, now=now)
    classification = permissions.strictest_classification(document.classification, members["classification"])
    update_audited(
        obj=document,
        actor=actor,
        fields={
            "status": DocumentStatus.DECIDED,
            "decided_on": meeting.date,
            "decided_at_meeting": meeting,
            "snapshot": members,
            "public_snapshot": public_snapshot(document, now=now),
            "classification": classification,
        },
        action=AuditAction.STATUS,
    )
    return decision


@transaction.atomic
def document_new_version(*, actor: Actor, document: StatutoryDocument) -> StatutoryDocument:
    """The next version of a decided document: a draft with its written sections, audited."""
    _require_editor(actor, document)
    if not document.is_frozen:
        raise InvalidTransitionError(_("Dokumentet är fortfarande ett utkast: ändra det direkt."))
    newer = StatutoryDocument.objects.filter(previous=document).first()
    if newer is not None:
        raise InvalidTransitionError(
            _("Det finns redan en version %(v)s av dokumentet; arbeta vidare i den.") % {"v": newer.version}
        )
    fields: dict[str, Any] = {name: getattr(document, name) for name in TEXT_FIELDS}
    return create_audited(
        model=StatutoryDocument,
        actor=actor,
        kind=document.kind,
        year=document.year,
        forum=document.forum,
        area=document.area,
        classification=document.classification,
        owner_organisation=document.owner_organisation,
        created_by=person_of(actor),
        version=document.version + 1,
        previous=document,
        **fields,
    )


@transaction.atomic
def document_publish(*, actor: Actor, document: StatutoryDocument, on: dt.date | None = None) -> StatutoryDocument:
    """Publish the decided document's public version (the public snapshot stored when it was decided)."""
    _require_editor(actor, document)
    if not document.is_frozen:
        raise InvalidTransitionError(_("Bara ett beslutat dokument kan publiceras."))
    if document.is_published:
        raise InvalidTransitionError(_("Dokumentet är redan publicerat."))
    if not permissions.can_publish_statutory_document(document):
        raise ServiceError(_("Rådet är inte öppet, och den offentliga versionen bär dess namn: gör rådet öppet först."))
    return update_audited(
        obj=document, actor=actor, fields={"published_on": on or timezone.localdate()}, action=AuditAction.STATUS
    )
