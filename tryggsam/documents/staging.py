"""Uploaded files waiting for the coordinator's review: kept under MEDIA_ROOT/uppladdat/<token>/ and
known to the uploader's session only, until they are saved or discarded.

Each file is read once, when it is uploaded, and what was read is kept beside it (`<token>/_parse/`):
the review page and the save use that, so a large or slow file costs one parse, not one per page load."""

from __future__ import annotations

import json
import secrets
import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename

from tryggsam.documents.errors import UnreadableDocument
from tryggsam.documents.extract import extract_for_review

SESSION_KEY = "document_uploads"
_PARSE_DIR = "_parse"  # a folder beside the file; staged_path() takes files only
MAX_UPLOAD_BYTES = 25 * 1024 * 1024


def _root() -> Path:
    return Path(settings.MEDIA_ROOT) / "uppladdat"


def stage(session: Any, upload: UploadedFile) -> str:
    token = secrets.token_urlsafe(16)
    folder = _root() / token
    folder.mkdir(parents=True, exist_ok=True)
    name = get_valid_filename(Path(upload.name or "dokument").name) or "dokument"
    with open(folder / name, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    session[SESSION_KEY] = [*session.get(SESSION_KEY, []), token]
    _parse(folder / name, token)
    return token


def _parse(path: Path, token: str) -> dict[str, Any]:
    """Read the staged file and keep the result (or the reason it cannot be read) beside it."""
    try:
        data, review = extract_for_review(path)
        result: dict[str, Any] = {"data": data, "review": review}
    except UnreadableDocument as exc:
        result = {"error": exc.message}
    folder = _root() / token / _PARSE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "result.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return result


def staged_result(session: Any, token: str) -> dict[str, Any] | None:
    """What was read from the staged file: {"data": ...} or {"error": "..."}; None if this session has no
    such file. Read from what was kept at upload; a file staged without it is parsed once, now."""
    path = staged_path(session, token)
    if path is None:
        return None
    try:
        kept = json.loads((_root() / token / _PARSE_DIR / "result.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return _parse(path, token)
    return kept if isinstance(kept, dict) and ("data" in kept or "error" in kept) else _parse(path, token)


def staged_path(session: Any, token: str) -> Path | None:
    """The staged file for `token` if this session uploaded it; None otherwise."""
    if token not in session.get(SESSION_KEY, []):
        return None
    folder = _root() / token
    files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    return files[0] if files else None


def staged_tokens(session: Any) -> list[str]:
    return [t for t in session.get(SESSION_KEY, []) if (_root() / t).is_dir()]


def discard(session: Any, token: str) -> None:
    session[SESSION_KEY] = [t for t in session.get(SESSION_KEY, []) if t != token]
    shutil.rmtree(_root() / token, ignore_errors=True)
