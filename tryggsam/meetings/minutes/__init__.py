"""Minutes of a meeting: one context (`minutes_context`) rendered as HTML, DOCX or PDF. Minutes are a
Swedish document, so they are always rendered in Swedish whatever the reader's interface language."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db.models import Model
from django.utils import translation

from tryggsam.accounts.actors import Reader
from tryggsam.core.text import strip_control_characters
from tryggsam.meetings.minutes.context import minutes_context

FORMATS = ("html", "docx", "pdf")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def render_minutes(meeting: Any, user: Reader, *, fmt: str, public: bool = False) -> bytes:
    """The minutes as bytes in `fmt` ("html" is a standalone document, as printed)."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    with translation.override("sv"):
        return render_context(printable(minutes_context(meeting, user, public=public)), fmt)


def render_context(context: dict[str, Any], fmt: str) -> bytes:
    """A printable minutes context (`printable(minutes_context(...))`) as bytes in `fmt`."""
    from tryggsam.meetings.minutes.docx import render_docx
    from tryggsam.meetings.minutes.pdf import render_html_for_print, render_pdf

    with translation.override("sv"):
        if fmt == "docx":
            return render_docx(context)
        if fmt == "pdf":
            return render_pdf(context)
        return render_html_for_print(context).encode()


def printable(value: Any) -> Any:
    """The rendering boundary: every text in the minutes' context without control characters, so no
    stored value (typed, imported or from before the forms stripped them) can break a document.
    Model instances are left as they are: the renderers print only the plain values."""
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, Model):
        return value
    if isinstance(value, dict):
        return {key: printable(v) for key, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(printable(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value, **{f.name: printable(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        )
    return value


def minutes_filename(meeting: Any, fmt: str, *, public: bool = False) -> str:
    from django.utils.text import slugify

    suffix = "-offentlig" if public else ""
    return f"minnesanteckningar-{slugify(meeting.forum.name)}-{meeting.date:%Y-%m-%d}{suffix}.{fmt}"


__all__ = [
    "CONTENT_TYPES",
    "FORMATS",
    "minutes_context",
    "minutes_filename",
    "printable",
    "render_context",
    "render_minutes",
]
