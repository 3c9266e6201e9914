"""Incidents as work: edited, reclassified, given another classification, marked as a duplicate, linked
to a problem, and the review queue's actions (route to an organisation, accept, dismiss with a reason).

Each service asks the policy, changes the incident and writes its audit row in one transaction. A
change to what an incident is counted under (its categories, classification or owner) or to whether
it counts at all (reviewed, duplicate) takes it out of the roll-ups first and counts it anew after,
so the situation picture stays equal to `rebuild_rollups`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Person
from tryggsam.accounts.models import Organisation
from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_record, audit_update, snapshot
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.core.models import Classification
from tryggsam.incidents.counting import incidents_added, incidents_removed
from tryggsam.incidents.models import Incident, IncidentCategory, ReviewStatus
from tryggsam.incidents.tips import TipOutcome, tip_outcome


def _locked(incident: Incident) -> Incident:
    return Incident.objects.select_for_update().get(pk=incident.pk)


def _category_ids(incident: Incident) -> list[int]:
    return sorted(incident.categories.values_list("pk", flat=True))


@contextmanager
def _recounted(incident: Incident) -> Iterator[None]:
    """Take the incident out of the roll-ups as it is, let the caller change it, and count it as it is
    then (each step leaves out what does not count)."""
    incidents_removed([(incident, _category_ids(incident))])
    yield
    incidents_added([(incident, _category_ids(incident))])


def _refuse_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDeniedError(message)


@transaction.atomic
def incident_update(
    *,
    actor: Person,
    incident: Incident,
    title: str,
    description: str,
    occurred_at: dt.datetime,
    categories: Iterable[IncidentCategory],
) -> Incident:
    """Edit what an incident says and reclassify it (its categories); audited with the old and new
    values, the categories included."""
    _refuse_unless(permissions.can_edit_incident(actor, incident), _("Du får inte ändra händelsen."))
    categories = list(categories)
    if not categories:
        raise ServiceError(_("Välj minst en kategori."))
    if occurred_at > timezone.now() + dt.timedelta(minutes=5):
        raise ServiceError(_("Tidpunkten kan inte ligga i framtiden."))
    incident = _locked(incident)
    before = snapshot(incident)
    old_categories = _category_ids(incident)
    with _recounted(incident):
        incident.title = title.strip()[:300]
        incident.description = description.strip()
        incident.occurred_at = occurred_at
        incident.full_clean()
        incident.save()
        incident.categories.set(categories)
    audit_update(actor=actor, obj=incident, before=before)
    new_categories = _category_ids(incident)
    if new_categories != old_categories:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=incident,
            changes={"categories": [old_categories, new_categories]},
        )
    return incident


@transaction.atomic
def incident_classify(
    *, actor: Person, incident: Incident, classification: str, owner_organisation: Organisation | None
) -> Incident:
    """Change who may read an incident. A restricted incident needs an owner, and the actor may only
    restrict it to an organisation of their own (or leave the owner it has), so that nobody hides an
    incident from themselves by mistake or hands it to a stranger."""
    _refuse_unless(
        permissions.can_classify_incident(actor, incident), _("Du får inte ändra vem som får läsa händelsen.")
    )
    if classification not in Classification.values:
        raise ServiceError(_("Okänd klassificering."))
    if classification == Classification.RESTRICTED and owner_organisation is None:
        raise ServiceError(_("Välj den organisation som äger en begränsad händelse."))
    if not permissions.can_give_incident_to(actor, incident, owner_organisation):
        raise PermissionDeniedError(_("Du kan bara välja en av dina egna organisationer som ägare."))
    incident = _locked(incident)
    before = snapshot(incident)
    with _recounted(incident):
        incident.classification = classification
        incident.owner_organisation = owner_organisation
        incident.full_clean()
        incident.save(update_fields=["classification", "owner_organisation", "updated_at"])
    audit_update(actor=actor, obj=incident, before=before, action=AuditAction.UPDATE)
    return incident


@transaction.atomic
def incident_mark_duplicate(*, actor: Person, incident: Incident, original: Incident | None) -> Incident:
    """Mark `incident` as a duplicate of `original` (it leaves every count; the original stays), or
    with `original=None` make it count again. The original must be readable by the actor, another
    incident, and not itself a duplicate (no chains)."""
    _refuse_unless(permissions.can_edit_incident(actor, incident), _("Du får inte ändra händelsen."))
    if original is not None:
        original = _locked(original)  # as it is now, not as the caller read it
        if original.pk == incident.pk:
            raise ServiceError(_("En händelse kan inte vara dubblett av sig själv."))
        if not permissions.can_view(actor, original):
            raise ServiceError(_("Händelsen som den är dubblett av finns inte."))
        if original.duplicate_of_id is not None:
            raise ServiceError(_("Den händelsen är själv en dubblett; välj originalet."))
        if incident.duplicates.exists():
            raise ServiceError(_("Andra händelser är dubbletter av den här; den kan inte själv bli dubblett."))
    incident = _locked(incident)
    before = snapshot(incident)
    with _recounted(incident):
        incident.duplicate_of = original
        incident.save(update_fields=["duplicate_of", "updated_at"])
    audit_update(actor=actor, obj=incident, before=before)
    return incident


@transaction.atomic
def incident_link_problem(*, actor: Person, incident: Incident, problem: Any | None, answer: str = "") -> Incident:
    """Link an incident to a problem the actor may read (or unlink it with `problem=None`). A
    resident's tip newly linked tells its resident (`tips.tip_outcome`, with `answer` if written)."""
    _refuse_unless(permissions.can_edit_incident(actor, incident), _("Du får inte ändra händelsen."))
    if problem is not None and not permissions.can_view(actor, problem):
        raise ServiceError(_("Problemet finns inte."))
    incident = _locked(incident)
    before = snapshot(incident)
    newly_linked = problem is not None and incident.problem_id != problem.pk
    incident.problem = problem
    incident.save(update_fields=["problem", "updated_at"])
    audit_update(actor=actor, obj=incident, before=before)
    if newly_linked:
        tip_outcome(actor=actor, incident=incident, outcome=TipOutcome.LINKED, answer=answer)
    return incident


def _set_review(actor: Person, incident: Incident, status: str, **fields: Any) -> Incident:
    before = snapshot(incident)
    with _recounted(incident):
        incident.review_status = status
        for name, value in fields.items():
            setattr(incident, name, value)
        incident.full_clean()
        incident.save(update_fields=["review_status", *fields, "updated_at"])
    audit_update(actor=actor, obj=incident, before=before, action=AuditAction.STATUS)
    return incident


@transaction.atomic
def incident_route(*, actor: Person, incident: Incident, organisation: Organisation, answer: str = "") -> Incident:
    """Send an incident awaiting review to the organisation responsible: its members see it in their
    queue and may accept or dismiss it. It still does not count. A police event keeps counting (the
    police reviewed it): it is only sent, and the organisation's members may dismiss it."""
    incident = _locked(incident)
    _refuse_unless(permissions.can_route_incident(actor, incident), _("Du får inte skicka händelsen vidare."))
    status = ReviewStatus.REVIEWED if incident.is_police_event_in_review else ReviewStatus.ROUTED
    incident = _set_review(actor, incident, status, routed_to=organisation)
    tip_outcome(actor=actor, incident=incident, outcome=TipOutcome.ROUTED, answer=answer)
    return incident


@transaction.atomic
def incident_accept(*, actor: Person, incident: Incident, answer: str = "") -> Incident:
    """Accept an incident awaiting review: from now on it counts in the roll-ups and the picture.
    Accepting one that no longer waits changes nothing."""
    incident = _locked(incident)
    if not incident.awaits_review and permissions.can_view(actor, incident):
        return incident
    _refuse_unless(permissions.can_review_incident(actor, incident), _("Du får inte granska händelsen."))
    incident = _set_review(actor, incident, ReviewStatus.REVIEWED)
    tip_outcome(actor=actor, incident=incident, outcome=TipOutcome.ACCEPTED, answer=answer)
    return incident


@transaction.atomic
def incident_dismiss(*, actor: Person, incident: Incident, reason: str, answer: str = "") -> Incident:
    """Dismiss an incident awaiting review, or a police event that is not relevant for the council,
    with a reason (required): it no longer counts (a police event leaves the roll-ups it was in), and
    stays for the record with the reason. The reason is internal; a resident's tip is closed with
    `answer`, the text written for the resident (or the default), never the reason."""
    incident = _locked(incident)
    _refuse_unless(permissions.can_dismiss_incident(actor, incident), _("Du får inte granska händelsen."))
    if not reason.strip():
        raise ServiceError(_("Skriv varför händelsen avfärdas."))
    incident = _set_review(actor, incident, ReviewStatus.DISMISSED, dismissal_reason=reason.strip()[:2000])
    tip_outcome(actor=actor, incident=incident, outcome=TipOutcome.DISMISSED, answer=answer)
    return incident
