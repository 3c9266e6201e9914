"""The minutes as PDF and DOCX, served from what was generated off the request path (issue 17, item 4;
`core.generated`, `meetings.minutes.generated`): the policy is asked first (the read audited as on
the meeting page), then the stored file of the current version is served, or the job is started and
a page shows its progress."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import Reader
from tryggsam.core import generated
from tryggsam.core.generated_views import generated_status, serve_generated
from tryggsam.meetings import selectors
from tryggsam.meetings.minutes import CONTENT_TYPES, minutes_filename
from tryggsam.meetings.minutes.generated import GENERATED_FORMATS, audience, job_params, minutes_version
from tryggsam.meetings.models import Meeting


def wants_public(request: HttpRequest) -> bool:
    return request.GET.get("offentlig") in {"1", "ja", "true"}


def _serve(
    request: HttpRequest, meeting: Meeting, reader: Reader, fmt: str, *, public: bool, inline: bool
) -> HttpResponse:
    key = minutes_version(meeting, reader, fmt=fmt, public=public)
    query = {"v": key.version, **({"offentlig": "1"} if public else {})}
    return serve_generated(
        request,
        key,
        job_params(meeting, reader, fmt=fmt, public=public),
        filename=minutes_filename(meeting, fmt, public=public),
        content_type=CONTENT_TYPES[fmt],
        status_url=reverse("meetings:minutes_status", args=[meeting.pk, fmt]) + "?" + urlencode(query),
        title=_("Minnesanteckningar %(meeting)s") % {"meeting": meeting},
        inline=inline,
    )


def _download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, pk)
    return _serve(request, meeting, request.user, fmt, public=wants_public(request), inline=False)


@login_required
def minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "docx")


@login_required
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "pdf")


@login_required
def minutes_status(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """How the job of the minutes the reader asked for is going (the htmx poll of the progress page).
    The policy is asked (without auditing every poll: nothing of the meeting is shown); the key is the
    reader's own audience and the version they were given."""
    if fmt not in GENERATED_FORMATS or not selectors.meetings_visible_to(request.user).filter(pk=pk).exists():
        raise Http404
    public = wants_public(request)
    try:
        key = generated.FileKey(
            "minutes", str(pk), audience(request.user, public=public), str(request.GET.get("v", "")), fmt
        )
    except ValueError:
        raise Http404 from None
    name = "meetings:minutes_pdf" if fmt == "pdf" else "meetings:minutes_docx"
    download = reverse(name, args=[pk]) + ("?offentlig=1" if public else "")
    return generated_status(request, key, download_url=download, title=_("Minnesanteckningar"))


def published(request: HttpRequest, pk: int) -> HttpResponse:
    """The published (public) minutes, for anyone: only what is classified open (see
    meetings.distribution for what the public version holds); the same stored file as the public
    version's PDF."""
    meeting = selectors.published_meeting(pk)
    return _serve(request, meeting, AnonymousUser(), "pdf", public=True, inline=True)
