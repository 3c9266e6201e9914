"""Saving an extracted document into the system's records, in one transaction.

What the import produces or updates, each linked back to the kept original (DocumentRecord):
the forum and the meeting (with the next meetings), the partnerships' problems and measures
(matched to existing rows, so that the next meeting's minutes add a follow-up and move the status
instead of duplicating the row) and the action plan's focus areas. The same file twice changes
nothing and says so. Writes go through the apps' services, which audit them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor, person_of
from tryggsam.accounts.models import Organisation, User
from tryggsam.audit.services import audit_create, audit_rows_together
from tryggsam.audit.writes import create_audited_many
from tryggsam.casework.models import ALLOWED_TRANSITIONS, Measure, MeasureStatus, Problem, WorkKind
from tryggsam.casework.services import (
    measure_change_status,
    measure_create,
    measure_update,
    problem_close,
    problem_create,
)
from tryggsam.core.db import one_savepoint
from tryggsam.core.text import fold_words
from tryggsam.documents.forum_saving import ForumsOfImport
from tryggsam.documents.matching import ARCHIVAL_AGE, CARRY_ON, CONFIRMED_STATUS, TITLE_CUTOFF, best_match
from tryggsam.documents.models import DocumentRecord, ImportedDocument
from tryggsam.documents.parsing.kinds import KIND_LABELS
from tryggsam.documents.personal_data import mask_for_saving, masked_file_name
from tryggsam.documents.plan_saving import PLAN_KINDS, focus_areas_not_saved, save_plan
from tryggsam.documents.selectors import (
    importing_organisation,
)
from tryggsam.forums.models import Forum, ForumKind
from tryggsam.meetings.agenda import decision_record, item_add, items_append
from tryggsam.meetings.models import Attendance, AttendanceStatus, Meeting
from tryggsam.meetings.services import meeting_approve, meeting_schedule, meeting_update

MEETING_KINDS = ("minutes", "agenda")


@dataclass
class SaveResult:
    document: ImportedDocument
    already_imported: bool = False
    created: Counter[str] = field(default_factory=Counter)
    created_forums: list[str] = field(default_factory=list)
    updated: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "document_id": self.document.pk,
            "already_imported": self.already_imported,
            "created": dict(self.created),
            "updated": dict(self.updated),
            "warnings": self.warnings,
            "created_forums": self.created_forums,
        }


class _Saver(ForumsOfImport):
    def __init__(
        self,
        *,
        actor: Actor,
        document: ImportedDocument,
        result: SaveResult,
        data: dict[str, Any],
        organisation: Organisation | None,
    ):
        self.actor, self.document, self.result, self.data = actor, document, result, data
        self.organisation = organisation
        meeting = data.get("meeting") or {}
        self.date = _date(meeting.get("date")) or timezone.localdate()
        # The document's links, (object_type, object_id) → action; written in one insert by `save_links`.
        self.linked: dict[tuple[str, str], str] = {}
        self.scheduled: dict[tuple[int, dt.date], Meeting] = {}  # meetings this import created

    def link(self, obj: models.Model, action: str = "created") -> None:
        self.linked.setdefault((obj._meta.label_lower, str(obj.pk)), action)
        (self.result.created if action == "created" else self.result.updated)[obj._meta.model_name or "?"] += 1

    # --- forums and meetings ---------------------------------------------------------------------

    def save_links(self) -> None:
        """Every record the import produced or matched, linked back to the document (a new document
        has no links yet, so they are all new)."""
        DocumentRecord.objects.bulk_create(
            DocumentRecord(document=self.document, object_type=object_type, object_id=object_id, action=action)
            for (object_type, object_id), action in self.linked.items()
        )

    def meetings(self, forum: Forum | None) -> Meeting | None:
        meeting_data = self.data.get("meeting") or {}
        if forum is None:
            if meeting_data.get("date") or self.data.get("next_meetings"):
                self.result.warnings.append(_("Mötet sparades inte: dokumentet anger inget forum."))
            return None
        meeting = self._meeting(forum, meeting_data) if meeting_data.get("date") else None
        meeting_chair = (meeting_data.get("chair") or "").strip()
        if meeting is not None and meeting_chair and meeting.chair_id is None:
            chair = best_match(
                meeting_chair, User.objects.filter(permissions.real_people_q(), is_active=True), key="full_name"
            )
            if chair is not None:
                meeting_update(actor=self.actor, meeting=meeting, chair=chair)
        self.minutes_content(meeting)
        for upcoming in self.data.get("next_meetings") or []:
            self._meeting(forum, upcoming)
        return meeting

    def minutes_content(self, meeting: Meeting | None) -> None:
        """Attendance, agenda items and decisions of a meeting the import created (a meeting that
        already existed keeps what it has)."""
        if meeting is None or not self._created(meeting):
            return
        attendees = self.data.get("attendees") or []
        users = list(User.objects.filter(permissions.real_people_q(), is_active=True)) if attendees else []
        organisations = list(Organisation.objects.all()) if any(p.get("organisation") for p in attendees) else []
        statuses = {
            "present": AttendanceStatus.PRESENT,
            "absent": AttendanceStatus.ABSENT,
            "called": AttendanceStatus.CALLED,
        }
        rows = []
        linked: set[int] = set()
        for position, person in enumerate(attendees, start=1):
            user = best_match(person["name"], users, key="full_name")
            if user is not None and user.pk in linked:  # two names near one user: only the first is linked
                user = None
            if user is not None:
                linked.add(user.pk)
            organisation = (
                best_match(person.get("organisation") or "", organisations) if person.get("organisation") else None
            )
            rows.append(
                {
                    "meeting": meeting,
                    "user": user,
                    "name": person["name"][:200],
                    "title": (person.get("title") or "")[:200],
                    "organisation": organisation,
                    "organisation_text": "" if organisation else (person.get("organisation") or "")[:200],
                    "status": statuses.get(person.get("status") or "", AttendanceStatus.CALLED),
                    "position": position,
                }
            )
        for attendance in create_audited_many(model=Attendance, actor=self.actor, rows=rows):
            self.link(attendance)
        read_items = [
            (
                ((item.get("heading") or "").strip() or _("Punkt %(n)s") % {"n": item.get("number") or index})[:300],
                item.get("text") or "",
            )
            for index, item in enumerate(self.data.get("items") or [], start=1)
        ]
        items = items_append(actor=self.actor, meeting=meeting, items=read_items) if read_items else []
        for created in items:
            self.link(created)
        decisions = [d for d in self.data.get("decisions") or [] if d.strip()]
        if decisions:
            target = next((i for i in items if "beslut" in i.heading.lower()), None) or (items[-1] if items else None)
            if target is None:
                target = item_add(actor=self.actor, meeting=meeting, heading=_("Beslut"))
                self.link(target)
            for text in decisions:
                self.link(decision_record(actor=self.actor, item=target, text=text))

    def approve_archived_minutes(self, meeting: Meeting | None) -> None:
        """Minutes of a past meeting read from the archive are the approved record of it: the
        meeting the import created is approved (justerat), so that it is not shown as a draft and
        its text cannot be changed; a correction is a new version, as for minutes written here."""
        if (
            meeting is None
            or self.data.get("kind") != "minutes"
            or meeting.date >= timezone.localdate()
            or not self._created(meeting)
        ):
            return
        meeting_approve(actor=self.actor, meeting=meeting)

    def _created(self, meeting: Meeting) -> bool:
        return self.linked.get(("meetings.meeting", str(meeting.pk))) == "created"

    def _meeting(self, forum: Forum, data: dict[str, Any]) -> Meeting | None:
        date = _date(data.get("date"))
        if date is None:
            return None
        # A forum this import created has no meetings but the ones it scheduled (and linked) itself.
        new_forum = self.linked.get(("forums.forum", str(forum.pk))) == "created"
        existing = self.scheduled.get((forum.pk, date)) if new_forum else None
        if not new_forum:
            existing = Meeting.objects.filter(forum=forum, date=date).first()
        if existing is not None:
            self.link(existing, "matched")
            return existing
        meeting = meeting_schedule(
            actor=self.actor,
            forum=forum,
            date=date,
            start_time=_time(data.get("start")),
            end_time=_time(data.get("end")),
            location=(data.get("location") or "")[:300],
        )
        self.scheduled[(forum.pk, date)] = meeting
        self.link(meeting)
        return meeting

    # --- work tables -------------------------------------------------------------------------------

    def work_tables(self, council: Forum | None) -> None:
        """Rows of an archived document are history as of its date: they go into closed problems (the
        state they had then) and leave today's work tables alone, unless the person carried them on in
        the review (`CARRY_ON` on the row). A recent document (a month or less) is today's work."""
        archival = self.date < timezone.localdate() - ARCHIVAL_AGE
        for table in self.data.get("work_tables") or []:
            partnership = self.forum(table.get("partnership"), kind=ForumKind.PARTNERSHIP, parent=council) or council
            if partnership is None:
                self.result.warnings.append(_("En arbetstabell utan platssamverkan och forum sparades inte."))
                continue
            kind = WorkKind.DEVELOPMENT if table.get("kind") == "development" else WorkKind.PROBLEM
            title: str | None = None
            for row in table.get("rows") or []:
                title = row.get("problem") or title
                if not title:
                    self.result.warnings.append(_("En rad utan problemområde sparades inte."))
                    continue
                history = archival and not row.get(CARRY_ON)
                self._measure(self._problem(partnership, kind, title, history=history), row)

    def _problem(self, forum: Forum, kind: str, title: str, *, history: bool) -> Problem:
        """Today's open problem of that name (carried-on rows), or a closed one kept as history."""
        candidates = forum.problems.filter(kind=kind, is_closed=history)
        existing = best_match(title, candidates, key="title", cutoff=TITLE_CUTOFF)
        if existing is not None:
            self.link(existing, "matched")
            return existing
        problem = problem_create(actor=self.actor, title=title[:300], kind=kind, forum=forum, area=forum.area)
        if history:
            reason = _("Historik från %(document)s: läget %(date)s.") % {
                "document": self.document.original_name,
                "date": self.date.isoformat(),
            }
            problem_close(actor=self.actor, problem=problem, reason=reason, date=self.date)
        self.link(problem)
        return problem

    def _measure(self, problem: Problem, row: dict[str, str]) -> None:
        title, status_text = (row.get("measure") or "").strip(), (row.get("status") or "").strip()
        if not title:
            if status_text or row.get("responsible"):
                self.result.warnings.append(
                    _("Raden ”%(problem)s” saknar åtgärd; bara problemet sparades.") % {"problem": problem.title}
                )
            return
        measure = best_match(title, problem.measures.all(), key="title", cutoff=TITLE_CUTOFF)
        if measure is None:
            measure = measure_create(
                actor=self.actor,
                problem=problem,
                title=title[:300],
                participants_text=(row.get("participants") or "")[:500],
                responsible_text=(row.get("responsible") or "")[:300],
            )
            self.link(measure)
        else:
            self._refresh_measure(measure, row)
        if status_text:
            self._follow_up(measure, status_text, row.get(CONFIRMED_STATUS))

    def _refresh_measure(self, measure: Measure, row: dict[str, str]) -> None:
        changes: dict[str, Any] = {
            name: value[:limit]
            for name, value, limit in (
                ("participants_text", (row.get("participants") or "").strip(), 500),
                ("responsible_text", (row.get("responsible") or "").strip(), 300),
            )
            if value and value != getattr(measure, name)
        }
        if changes:
            measure_update(actor=self.actor, measure=measure, expected_version=measure.version, **changes)
        self.link(measure, "updated" if changes else "matched")

    def _follow_up(self, measure: Measure, text: str, confirmed: str | None) -> None:
        """The status text becomes a follow-up. The measure's status changes only to a status a person
        confirmed in the review (`CONFIRMED_STATUS` on the row), never from the text alone."""
        latest = measure.follow_ups.order_by("-date", "-id").first()
        if latest is not None and fold_words(latest.text) == fold_words(text):
            return
        wanted = confirmed if confirmed in MeasureStatus.values else measure.status
        allowed = wanted == measure.status or wanted in ALLOWED_TRANSITIONS[measure.status]
        if confirmed not in MeasureStatus.values:
            self.result.warnings.append(
                _("Statusen för åtgärden ”%(measure)s” ändrades inte; texten sparades som uppföljning.")
                % {"measure": measure.title}
            )
        elif not allowed:
            self.result.warnings.append(
                _("Åtgärden ”%(measure)s” kan inte gå från %(old)s till %(new)s; statusen ändrades inte.")
                % {
                    "measure": measure.title,
                    "old": MeasureStatus(measure.status).label,
                    "new": MeasureStatus(wanted).label,
                }
            )
        follow_up = measure_change_status(
            actor=self.actor,
            measure=measure,
            expected_version=measure.version,
            new_status=wanted if allowed else measure.status,
            note=text,
            date=self.date,
        )
        self.link(follow_up)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _time(value: str | None) -> dt.time | None:
    try:
        return dt.time.fromisoformat(value) if value else None
    except ValueError:
        return None


def file_digest(path: Path) -> str | None:
    """The SHA-256 of the file at `path`, read in chunks (None when it cannot be read: the reader
    then says why in Swedish)."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def already_imported(path: Path) -> ImportedDocument | None:
    """The document already imported from a file with the same content as `path`, if any: a batch
    asks this before parsing, so that a known file costs one hash instead of a full reading."""
    digest = file_digest(path)
    return ImportedDocument.objects.filter(sha256=digest).first() if digest else None


def document_save(
    *, path: Path, data: dict[str, Any], actor: Actor, organisation: Organisation | None = None
) -> SaveResult:
    """Save what `extract()` read from `path` (possibly corrected by the user). All or nothing.

    The document's kind decides what is saved: minutes and agendas as the forum's meeting (minutes of
    a past meeting approved), plans and citizen promises as draft plans, an agreement with focus areas
    as a plan of that kind; a situation picture, staff report or unknown document is kept as the
    document alone, with a warning that nothing more was saved. `organisation` is the organisation the
    import is made for (by default the user's own): forum names are matched within its municipality
    and what is created is owned by it. `data["forum_id"]` is a forum the user chose.

    Personal data in the texts (and the file name) is masked before anything is written; see
    `personal_data`."""
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    existing = ImportedDocument.objects.filter(sha256=digest).first()
    if existing is not None:
        return SaveResult(document=existing, already_imported=True)
    if organisation is None:
        organisation = importing_organisation(actor)
    data = mask_for_saving(data)
    file_name, file_warning = masked_file_name(path.name)
    if file_warning:
        data["warnings"] = [*data["warnings"], file_warning]
    kind = data.get("kind") or "other"
    # All or nothing, with one savepoint (the services' own atomic blocks join it) and the document's
    # audit rows in one INSERT.
    with one_savepoint(), audit_rows_together():
        name = default_storage.get_available_name(f"arkiv/{timezone.localdate():%Y}/{file_name}")
        document = ImportedDocument(
            original_name=file_name[:300],
            sha256=digest,
            kind=kind,
            title=(data.get("title") or "")[:300],
            extracted=data,
            imported_by=person_of(actor),
            owner_organisation=organisation,
        )
        document.file.name = name
        document.save()
        audit_create(actor=actor, obj=document)
        result = SaveResult(document=document, warnings=list(data.get("warnings") or []))
        saver = _Saver(actor=actor, document=document, result=result, data=data, organisation=organisation)
        if kind in MEETING_KINDS:
            council = saver.chosen_forum() or saver.forum(data.get("forum"), kind=ForumKind.COUNCIL)
            meeting = saver.meetings(council)
            saver.work_tables(council)
            focus_areas_not_saved(saver)
            saver.approve_archived_minutes(meeting)
        elif kind in PLAN_KINDS:
            save_plan(saver)
            saver.work_tables(saver.chosen_forum())
        else:
            result.warnings.append(
                _("Dokumentet sparades som %(kind)s; inga andra poster skapades ur det.")
                % {"kind": KIND_LABELS.get(kind, KIND_LABELS["other"])}
            )
        saver.save_links()
        document.summary = {
            "created": dict(result.created),
            "updated": dict(result.updated),
            "created_forums": result.created_forums,
        }
        document.save(update_fields=["summary"])
        # The original is written only once the records are committed: a failed import leaves no file.
        transaction.on_commit(lambda: default_storage.save(name, ContentFile(raw)))
    return result
