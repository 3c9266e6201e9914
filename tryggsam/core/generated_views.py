"""The download of a generated document (see `core.generated`): the stored file when it exists for the
current version; otherwise the job is started (or found) and the answer comes at once, with a page
that shows the job's progress (htmx asks the status URL every second) and the link once the file is
there. The calling view has asked the policy before it gets here, and builds the key from what the
reader may see."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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
) -> HttpResponse:
    path = generated.stored(key)
    if path is None:
        generated.start(key, params)
        path = generated.stored(key)  # rendered already when the queue runs inline (sync)
    if path is not None:
        try:
            data = path.read_bytes()  # a few MB at most; read whole, so a newer version may replace it
        except FileNotFoundError:  # replaced by a newer version this instant: show the progress page
            pass
        else:
            response = HttpResponse(data, content_type=content_type)
            disposition = "inline" if inline else "attachment"
            response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
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
