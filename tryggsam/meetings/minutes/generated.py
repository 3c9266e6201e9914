"""The minutes (PDF, DOCX) generated off the request path (issue 17, item 4; the mechanism is
`tryggsam.core.generated`). The content version is a hash of the minutes' context as the reader gets
it (the meeting, agenda, decisions, work tables, cause trees, situation summary, next meetings: what
the renderers print) and of the renderers' own files; the audience is the policy's reading audience
(`permissions.reading_audience`), or "public" for the public version, which is read as an anonymous
visitor whoever asks.

Building the whole context for a large meeting costs a few hundred milliseconds, too much for every
download, so the download (`minutes_version`) keeps the hash of everything but the situation summary
per (meeting, audience) in the cache, stamped with the audit layer's write counters
(`audit.services.writes_stamp`: it changes with every committed audited write of anything but
incidents), the meeting's own last change and the day; an entry with another stamp is computed
again. The situation summary (what incidents change) is computed on every download: it is one
roll-up query. The job computes the same version from the context it renders (`minutes_key`)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.utils import timezone, translation

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.accounts.models import User
from tryggsam.audit.services import writes_stamp
from tryggsam.core import generated
from tryggsam.meetings.minutes import minutes_context, printable, render_context
from tryggsam.meetings.minutes.context import situation_item, situation_summary
from tryggsam.meetings.models import Meeting
from tryggsam.meetings.selectors import meetings_visible_to

KIND = "minutes"
GENERATED_FORMATS = ("pdf", "docx")


@functools.cache
def _sources() -> str:
    package = Path(__file__).parent
    return generated.sources_digest(package, package.parent.parent / "templates" / "meetings" / "minutes")


def audience(reader: Reader, *, public: bool) -> str:
    return "public" if public else permissions.reading_audience(reader)


# Writes of these models do not change the minutes but for the situation summary, computed apart.
NOT_READ_BUT_FOR_THE_SUMMARY = ("incidents.",)
CACHE_SECONDS = 24 * 3600


def _core(context: dict[str, Any]) -> tuple[str, bool]:
    """The hash of a printable minutes context without its situation summary, and whether the
    minutes have an item that prints the summary."""
    content = generated.content_of(context)
    for item in content["items"]:
        item["situation"] = []
    return generated.digest(content), situation_item(context["items"]) is not None


def _version(core: str, summary: list[str]) -> str:
    return generated.digest([_sources(), core, summary])


def minutes_key(meeting: Meeting, reader: Reader, *, fmt: str, public: bool) -> tuple[generated.FileKey, Any]:
    """The key of the minutes as `reader` gets them now, and the printable context it was computed from."""
    with translation.override("sv"):
        context = printable(minutes_context(meeting, reader, public=public))
    core, _has_summary = _core(context)
    summary_item = situation_item(context["items"])
    version = _version(core, summary_item.situation if summary_item is not None else [])
    key = generated.FileKey(KIND, str(meeting.pk), audience(reader, public=public), version, fmt)
    return key, context


def _cache_key(meeting_pk: int, audience_name: str) -> str:
    return f"tryggsam:minutes-version:{meeting_pk}:{audience_name}:{_sources()}"


def minutes_version(meeting: Meeting, reader: Reader, *, fmt: str, public: bool) -> generated.FileKey:
    """The key of the minutes as `reader` gets them now, as `minutes_key` computes it, from the cached
    hash of the context while nothing it reads was written since (see the module's docstring)."""
    audience_name = audience(reader, public=public)
    # The stamp is read before the context, so an entry is never newer than its stamp says.
    stamp = [writes_stamp(excluding=NOT_READ_BUT_FOR_THE_SUMMARY), str(meeting.updated_at), str(timezone.localdate())]
    cache_key = _cache_key(meeting.pk, audience_name)
    entry = cache.get(cache_key)
    if entry is None or entry[0] != stamp:
        fresh = Meeting.objects.select_related("forum", "chair", "secretary", "approved_by").get(pk=meeting.pk)
        with translation.override("sv"):
            context = printable(minutes_context(fresh, reader, public=public, situation=False))
        entry = (stamp, *_core(context))
        cache.set(cache_key, entry, CACHE_SECONDS)
    _stamp, core, has_summary = entry
    summary: list[str] = []
    if has_summary:
        with translation.override("sv"):
            summary = printable(situation_summary(AnonymousUser() if public else reader, meeting))
    return generated.FileKey(KIND, str(meeting.pk), audience_name, _version(core, summary), fmt)


def job_params(meeting: Meeting, reader: Reader, *, fmt: str, public: bool) -> dict[str, Any]:
    return {"meeting": meeting.pk, "reader": None if public else reader.pk, "public": public, "fmt": fmt}


def _reader(pk: int | None) -> Reader:
    if pk is None:
        return AnonymousUser()
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None:
        raise LookupError("the reader is gone")
    return user


def render_job(params: dict[str, Any]) -> tuple[generated.FileKey, bytes]:
    """The job's renderer: the minutes as the reader may read them when the job runs (the policy asked
    again; a reader who lost the meeting gets nothing)."""
    public = bool(params["public"])
    reader: Reader
    if public:  # the download asked the policy; the public version is the same whoever asked
        reader = AnonymousUser()
        meeting = Meeting.objects.select_related("forum", "chair").filter(pk=params["meeting"]).first()
    else:
        reader = _reader(params["reader"])
        meeting = meetings_visible_to(reader).filter(pk=params["meeting"]).first()
    if meeting is None:
        raise LookupError("the meeting is not readable")
    key, context = minutes_key(meeting, reader, fmt=params["fmt"], public=public)
    return key, render_context(context, params["fmt"])


def existing_meetings(object_ids: list[str]) -> set[str]:
    """Which of the folders' object ids are meetings that still exist (for the clean-up)."""
    pks = [int(i) for i in object_ids if i.isdigit()]
    return {str(pk) for pk in Meeting.objects.filter(pk__in=pks).values_list("pk", flat=True)}
