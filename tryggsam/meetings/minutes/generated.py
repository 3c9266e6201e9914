"""The minutes (PDF, DOCX) generated off the request path (issue 17, item 4; the mechanism is
`tryggsam.core.generated`). The content version is a hash of the minutes' context as the reader gets
it (the meeting, agenda, decisions, work tables, cause trees, situation summary, next meetings: what
the renderers print) and of the renderers' own files; the audience is the policy's reading audience
(`permissions.reading_audience`), or "public" for the public version, which is read as an anonymous
visitor whoever asks. Building the context is cheap next to laying out the PDF (WeasyPrint), which is
what the job does."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.accounts.models import User
from tryggsam.core import generated
from tryggsam.meetings.minutes import minutes_context, printable, render_context
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


def minutes_key(meeting: Meeting, reader: Reader, *, fmt: str, public: bool) -> tuple[generated.FileKey, Any]:
    """The key of the minutes as `reader` gets them now, and the printable context it was computed from."""
    with translation.override("sv"):
        context = printable(minutes_context(meeting, reader, public=public))
    version = generated.digest([_sources(), generated.content_of(context)])
    key = generated.FileKey(KIND, str(meeting.pk), audience(reader, public=public), version, fmt)
    return key, context


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
