"""Writes on the work tables: problems, measures and follow-ups. Each service checks the policy,
validates, saves and records its audit rows in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor, Person, person_of
from tryggsam.accounts.models import Organisation
from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_update, snapshot
from tryggsam.audit.writes import create_audited, set_m2m_audited, update_audited
from tryggsam.casework.models import ALLOWED_TRANSITIONS, FollowUp, Measure, MeasureStatus, Problem, WorkKind
from tryggsam.core.errors import ConcurrentEditError, InvalidTransitionError, PermissionDeniedError, ServiceError
from tryggsam.core.models import Classification
from tryggsam.forums.models import Finding, Forum

if TYPE_CHECKING:
    pass

MEASURE_EDITABLE_FIELDS = {
    "title",
    "description",
    "participants_text",
    "responsible_organisation",
    "responsible_user",
    "responsible_text",
    "start_date",
    "end_date",
    "next_follow_up",
    "classification",
}
PROBLEM_EDITABLE_FIELDS = {"title", "description", "area", "categories", "forum", "classification"}


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDeniedError(message)


@transaction.atomic
def problem_create(
    *,
    actor: Actor,
    title: str,
    kind: str = WorkKind.PROBLEM,
    forum: Any = None,
    area: Any = None,
    description: str = "",
    categories: Iterable[str] = (),
    classification: str = Classification.INTERNAL,
    owner_organisation: Organisation | None = None,
) -> Problem:
    _require(permissions.can_create_problem(actor), _("Du får inte lägga till problem."))
    _require(permissions.can_add_problem_to_forum(actor, forum), _("Du får inte lägga till problem här."))
    position = (
        Problem.objects.filter(forum=forum).order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    return create_audited(
        model=Problem,
        actor=actor,
        title=title.strip(),
        kind=kind,
        forum=forum,
        area=area,
        description=description,
        categories=list(categories),
        classification=classification,
        owner_organisation=owner_organisation,
        created_by=person_of(actor),
        position=position,
    )


@transaction.atomic
def problem_update(*, actor: Person, problem: Problem, expected_version: int | None = None, **fields: Any) -> Problem:
    """Edit a problem's fields. With `expected_version` (the API) the edit is refused if anyone saved
    since that version was read; every edit raises the version."""
    unknown = set(fields) - PROBLEM_EDITABLE_FIELDS
    if unknown:
        raise ServiceError(_("Okända fält: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    _require(permissions.can_edit_problem(actor, problem), _("Du får inte ändra det här problemet."))
    expected = problem.version if expected_version is None else expected_version
    claimed = Problem.objects.filter(pk=problem.pk, version=expected).update(version=F("version") + 1)
    if not claimed:
        raise ConcurrentEditError(
            _(
                "Problemet har ändrats av någon annan sedan du öppnade det. Dina ändringar har inte sparats – "
                "läs in det igen, jämför och gör om ändringen."
            )
        )
    problem.version = expected  # the audit row shows the version moving on with the fields
    return update_audited(obj=problem, actor=actor, fields={"version": expected + 1, **fields})


@transaction.atomic
def problem_close(*, actor: Actor, problem: Problem, reason: str, date: dt.date | None = None) -> Problem:
    """Close a problem with a stated reason: it leaves the work tables (its measures keep their
    status and history) and can be reopened. Open measures are not closed with it: the form says so."""
    _require(permissions.can_close_problem(actor, problem), _("Du får inte avsluta det här problemet."))
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Skriv varför problemet avslutas."))
    if problem.is_closed:
        raise InvalidTransitionError(_("Problemet är redan avslutat."))
    return update_audited(
        obj=problem,
        actor=actor,
        fields={"is_closed": True, "closed_on": date or timezone.localdate(), "closed_reason": reason},
        action=AuditAction.STATUS,
        note=reason[:500],
    )


@transaction.atomic
def problem_reopen(*, actor: Person, problem: Problem, reason: str = "") -> Problem:
    """Put a closed problem back into its work table; the reason for closing is kept in the audit log."""
    _require(permissions.can_close_problem(actor, problem), _("Du får inte öppna det här problemet igen."))
    if not problem.is_closed:
        raise InvalidTransitionError(_("Problemet är inte avslutat."))
    return update_audited(
        obj=problem,
        actor=actor,
        fields={"is_closed": False, "closed_on": None, "closed_reason": ""},
        action=AuditAction.STATUS,
        note=(reason or "").strip()[:500],
    )


@transaction.atomic
def measure_create(
    *,
    actor: Actor,
    problem: Problem,
    title: str,
    participants_text: str = "",
    participating_organisations: Iterable[Organisation] = (),
    responsible_organisation: Organisation | None = None,
    responsible_user: Person | None = None,
    responsible_text: str = "",
    status: str = MeasureStatus.PLANNED,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    next_follow_up: dt.date | None = None,
    description: str = "",
    classification: str | None = None,
    owner_organisation: Organisation | None = None,
) -> Measure:
    """Add a measure to a problem's row in the work table; its kind follows the problem's."""
    _require(permissions.can_add_measure(actor, problem), _("Du får inte lägga till åtgärder här."))
    if not title.strip():
        raise ServiceError(_("Åtgärden måste ha en beskrivning."))
    position = (problem.measures.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    return create_audited(
        model=Measure,
        actor=actor,
        m2m={"participating_organisations": list(participating_organisations)} if participating_organisations else None,
        problem=problem,
        kind=problem.kind,
        title=title.strip(),
        description=description,
        participants_text=participants_text.strip(),
        responsible_organisation=responsible_organisation,
        responsible_user=responsible_user,
        responsible_text=responsible_text.strip(),
        status=status,
        start_date=start_date,
        end_date=end_date,
        next_follow_up=next_follow_up,
        classification=classification or problem.classification,
        owner_organisation=owner_organisation or problem.owner_organisation,
        created_by=person_of(actor),
        position=position,
    )


def _claim_version(measure: Measure, expected_version: int | None) -> None:
    """Optimistic lock: raise the version only if nobody saved since `expected_version` was read.
    The conditional UPDATE is atomic in the database, so two concurrent saves cannot both win."""
    if expected_version is None:
        expected_version = measure.version
    claimed = Measure.objects.filter(pk=measure.pk, version=expected_version).update(version=F("version") + 1)
    if not claimed:
        raise ConcurrentEditError(
            _(
                "Åtgärden har ändrats av någon annan sedan du öppnade den. Dina ändringar har inte sparats – "
                "ladda om raden, jämför och gör om ändringen."
            )
        )
    measure.version = expected_version + 1


@transaction.atomic
def measure_update(
    *,
    actor: Actor,
    measure: Measure,
    expected_version: int | None,
    participating_organisations: Iterable[Organisation] | None = None,
    **fields: Any,
) -> Measure:
    """Edit a measure's row (not its status: see measure_change_status)."""
    unknown = set(fields) - MEASURE_EDITABLE_FIELDS
    if unknown:
        raise ServiceError(_("Okända fält: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    _require(permissions.can_edit_measure(actor, measure), _("Du får inte ändra den här åtgärden."))
    _claim_version(measure, expected_version)
    before = snapshot(measure)
    before["version"] = measure.version - 1
    for name, value in fields.items():
        setattr(measure, name, value.strip() if isinstance(value, str) else value)
    measure.full_clean()
    measure.save()
    audit_update(actor=actor, obj=measure, before=before)
    if participating_organisations is not None:
        set_m2m_audited(
            obj=measure, actor=actor, name="participating_organisations", values=participating_organisations
        )
    return measure


@transaction.atomic
def measure_change_status(
    *,
    actor: Actor,
    measure: Measure,
    expected_version: int | None,
    new_status: str,
    note: str,
    date: dt.date | None = None,
    next_follow_up: dt.date | str | None = "unchanged",
) -> FollowUp:
    """Record a follow-up and, if `new_status` differs, move the measure to it. A status change
    without a follow-up note is refused: the table's Status/uppföljning column is that note."""
    _require(permissions.can_edit_measure(actor, measure), _("Du får inte ändra den här åtgärden."))
    note = (note or "").strip()
    if not note:
        raise ServiceError(_("Skriv en uppföljningsanteckning – en statusändring måste förklaras."))
    if new_status not in MeasureStatus.values:
        raise InvalidTransitionError(_("Okänd status."))
    old_status = measure.status
    if new_status != old_status and new_status not in ALLOWED_TRANSITIONS[old_status]:
        raise InvalidTransitionError(
            _("Status kan inte ändras från %(old)s till %(new)s.")
            % {"old": MeasureStatus(old_status).label, "new": MeasureStatus(new_status).label}
        )
    _claim_version(measure, expected_version)
    before = snapshot(measure)
    before["version"] = measure.version - 1
    measure.status = new_status
    if next_follow_up != "unchanged":
        measure.next_follow_up = next_follow_up
    elif new_status != old_status and new_status in (MeasureStatus.DONE, MeasureStatus.STOPPED):
        # Finished work has no next follow-up unless one is given (e.g. an effect evaluation).
        measure.next_follow_up = None
    today = timezone.localdate()
    if new_status == MeasureStatus.ONGOING and measure.start_date is None:
        measure.start_date = date or today
    if new_status in (MeasureStatus.DONE, MeasureStatus.STOPPED) and measure.end_date is None:
        measure.end_date = max(date or today, measure.start_date or date or today)
    measure.full_clean()
    measure.save()
    audit_update(
        actor=actor,
        obj=measure,
        before=before,
        action=AuditAction.STATUS if new_status != old_status else AuditAction.UPDATE,
        note=note,
    )
    return create_audited(
        model=FollowUp,
        actor=actor,
        measure=measure,
        date=date or today,
        text=note,
        status_after=new_status,
        author=person_of(actor),
        classification=measure.classification,
        owner_organisation=measure.owner_organisation,
        created_by=person_of(actor),
    )


@transaction.atomic
def finding_to_problem(
    *, actor: Actor, finding: Finding, forum: Forum | None = None, title: str | None = None
) -> Problem:
    """Turn a safety-walk finding into a problem in a forum's work table, linked back to the finding."""
    if finding.problem_id:
        raise ServiceError(_("Iakttagelsen är redan ett problem."))
    walk = finding.walk
    problem = problem_create(
        actor=actor,
        title=title or (f"{finding.location}: {finding.text}" if finding.location else finding.text)[:300],
        forum=forum or walk.forum,
        area=finding.area or walk.area,
        description=_("Från trygghetsvandring %(walk)s.") % {"walk": walk},
        classification=walk.classification,
    )
    update_audited(obj=finding, actor=actor, fields={"problem": problem})
    return problem
