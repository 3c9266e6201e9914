"""The download of a generated document (see `core.generated`): the stored file when it exists for the
current version; otherwise the job is started (or found) and the answer comes at once, with a page
that shows the job's progress (htmx asks the status URL every second) and the link once the file is
there. The calling view has asked the policy before it gets here, and builds the key from what the
reader may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tryggsam.core import generated


def serve_generated(
    request: HttpRequest,
    key: generated.FileKey,
    params: dict[str, Any],
    *,
    filename: str,
    content_type: str,
    status_url: str,
    title: str,
    inline: bool = False,
    previous_ok: Callable[[dict[str, Any]], bool] | None = None,
) -> HttpResponse:
    """`previous_ok`, when given, is asked about the facts of the slot's stored earlier version while
    the current one is being made: True means nothing the earlier file shows has since become
    invisible to this reader or changed (only newer content is missing), so it is served at once, with
    headers that say it is being updated and since when it is; its own "as of" line says the same."""
    path = generated.stored(key)
    if path is None:
        generated.start(key, params)
        path = generated.stored(key)  # rendered already when the queue runs inline (sync)
    earlier = None
    if path is None and previous_ok is not None:
        found = generated.previous(key)
        if found is not None and previous_ok(found.facts):
            earlier, path = found, found.key.path
    if path is not None:
        try:
            data = path.read_bytes()  # a few MB at most; read whole, so a newer version may replace it
        except FileNotFoundError:  # replaced by a newer version this instant: show the progress page
            pass
        else:
            response = HttpResponse(data, content_type=content_type)
            disposition = "inline" if inline else "attachment"
            response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
            if earlier is not None:
                as_of = dt.datetime.fromtimestamp(earlier.written, tz=dt.UTC)
                response["X-Document-Status"] = "updating"  # an earlier version; the current one is being made
                response["X-Document-As-Of"] = timezone.localtime(as_of).isoformat(timespec="seconds")
            return response
    context = _status_context(key, status_url=status_url, download_url=request.get_full_path(), title=title)
    return render(request, "core/generated_progress.html", context, status=202)


def generated_status(request: HttpRequest, key: generated.FileKey, *, download_url: str, title: str) -> HttpResponse:
    """The progress fragment (htmx) or page of the job behind `key`."""
    context = _status_context(key, status_url=request.get_full_path(), download_url=download_url, title=title)
    template = "core/_generated_status.html" if request.headers.get("HX-Request") else "core/generated_progress.html"
    return render(request, template, context)


def _status_context(key: generated.FileKey, *, status_url: str, download_url: str, title: str) -> dict[str, Any]:
    state, seconds = generated.state(key)
    return {
        "state": state.value,
        "seconds": int(seconds),
        "status_url": status_url,
        "download_url": download_url,
        "title": title,
    }
