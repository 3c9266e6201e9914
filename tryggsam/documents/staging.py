"""Uploaded files waiting for the coordinator's review: kept under MEDIA_ROOT/uppladdat/<token>/ and
known to the uploader's session only, until they are saved or discarded."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename

SESSION_KEY = "document_uploads"
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
    return token


def staged_path(session: Any, token: str) -> Path | None:
    """The staged file for `token` if this session uploaded it; None otherwise."""
    if token not in session.get(SESSION_KEY, []):
        return None
    folder = _root() / token
    files = sorted(folder.iterdir()) if folder.is_dir() else []
    return files[0] if files else None


def staged_tokens(session: Any) -> list[str]:
    return [t for t in session.get(SESSION_KEY, []) if (_root() / t).is_dir()]


def discard(session: Any, token: str) -> None:
    session[SESSION_KEY] = [t for t in session.get(SESSION_KEY, []) if t != token]
    shutil.rmtree(_root() / token, ignore_errors=True)
