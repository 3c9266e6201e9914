"""The public minutes generated ahead of the download (issue 17, item 4): when a committed audited
write changes what a meeting's minutes show (the meeting, its attendance, agenda items and
decisions, changed or deleted; a problem, measure or follow-up of a partnership on its agenda or linked from an item),
the public PDF of each such meeting (its latest version) is put on the queue to be generated. Only
the public version: restricted audiences are generated on their first download.

Many writes in a row give one job per meeting: a marker says that a refresh is waiting, and a write
that finds it starts nothing. The job removes the marker before it reads the minutes, so a write
made while it renders queues the next refresh."""

from __future__ import annotations

import contextlib
import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, Q

from tryggsam.audit.models import AuditAction, AuditEvent
from tryggsam.audit.services import Written
from tryggsam.casework.models import FollowUp, Measure, Problem
from tryggsam.core import generated
from tryggsam.meetings.minutes import render_context
from tryggsam.meetings.minutes.generated import KIND, minutes_key
from tryggsam.meetings.models import AgendaItem, Attendance, Decision, Meeting

logger = logging.getLogger(__name__)

FORMAT = "pdf"  # the published minutes are served as PDF


def _refresh_key(meeting_pk: int) -> generated.FileKey:
    """The marker of a waiting refresh (its format is not a document's, so no slot mistakes it)."""
    return generated.FileKey(KIND, str(meeting_pk), "public", "next", "refresh")


def _ids(written: Written) -> dict[str, set[int]]:
    ids: dict[str, set[int]] = defaultdict(set)
    for object_type, object_id in written:
        if object_id.isdigit():  # a bulk row names a set ("*"): nothing to look up
            ids[object_type].add(int(object_id))
    return ids


def _owners(model: type[Model], ids: set[int], field: str) -> set[int]:
    """The values of `field` (a foreign key's id) of the rows `ids` of `model`; for a row deleted in
    the committed transaction, the value its audited deletion recorded (`audit_delete` keeps the
    row's fields), so that removing an item, a decision or a follow-up refreshes the minutes it was in
    like changing it does."""
    if not ids:
        return set()
    found = dict(model._default_manager.filter(pk__in=ids).values_list("pk", field))
    owners = {value for value in found.values() if value is not None}
    gone = [str(pk) for pk in ids - set(found)]
    if gone:
        deletions = AuditEvent.objects.filter(
            object_type=model._meta.label_lower, object_id__in=gone, action=AuditAction.DELETE
        ).values_list("changes", flat=True)
        for changes in deletions:
            value = (changes.get(field) or [None])[0]
            if isinstance(value, int):
                owners.add(value)
    return owners


def meetings_written(written: Written) -> set[int]:
    """The current meetings whose minutes the committed writes (changes and deletions) may have changed."""
    ids = _ids(written)
    items = ids["meetings.agendaitem"] | _owners(Decision, ids["meetings.decision"], "item_id")
    meetings = set(ids["meetings.meeting"])
    meetings |= _owners(AgendaItem, items, "meeting_id")
    meetings |= _owners(Attendance, ids["meetings.attendance"], "meeting_id")
    measures = ids["casework.measure"] | _owners(FollowUp, ids["casework.followup"], "measure_id")
    problems = ids["casework.problem"] | _owners(Measure, measures, "problem_id")
    if problems or measures:
        forums = _owners(Problem, problems, "forum_id")
        linked = Q(partnership_id__in=forums) | Q(problem_id__in=problems) | Q(measure_id__in=measures)
        meetings |= set(AgendaItem.objects.filter(linked).values_list("meeting_id", flat=True))
    if not meetings:
        return set()
    current = Meeting.objects.filter(pk__in=meetings, next_versions__isnull=True).order_by()
    return set(current.values_list("pk", flat=True))


def writes_committed(written: Written) -> None:
    """The audit layer's listener: queue the public minutes of the meetings the writes changed."""
    if not getattr(settings, "TRYGGSAM_MINUTES_AHEAD", True):
        return
    for pk in sorted(meetings_written(written)):
        queue_public_minutes(pk)


def queue_public_minutes(meeting_pk: int) -> bool:
    """Queue the refresh of a meeting's public minutes unless one is waiting; True if queued."""
    from django_q.tasks import async_task

    marker = _refresh_key(meeting_pk)
    if not generated.claim(marker):
        return False
    try:
        async_task(refresh_public_minutes, meeting_pk, task_name=f"dokument-minutes-{meeting_pk}-offentlig")
    except Exception:  # not queued (or, inline, the rendering failed: the download will try again)
        logger.exception("Queueing the public minutes of meeting %s failed", meeting_pk)
        with contextlib.suppress(FileNotFoundError):
            marker.marker.unlink()
    return True


def refresh_public_minutes(meeting_pk: int) -> str:
    """The job: render the current public minutes unless they are stored already."""
    with contextlib.suppress(FileNotFoundError):
        _refresh_key(meeting_pk).marker.unlink()  # a write from now on queues another refresh
    meeting = Meeting.objects.select_related("forum", "chair").filter(pk=meeting_pk).first()
    if meeting is None:
        return "gone"
    key, context = minutes_key(meeting, AnonymousUser(), fmt=FORMAT, public=True)
    if generated.stored(key) is not None:
        return "current"
    if not generated.claim(key):
        return "running"
    try:
        generated.store(key, render_context(context, FORMAT))
    except Exception:
        key.failure.touch()
        raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            key.marker.unlink()
    return "generated"
