"""Importing many archive files in the background (django-q2), with progress the page can poll.
Each file is its own transaction: one unreadable or failing file is reported and the rest go on."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Person
from tryggsam.core.errors import PermissionDeniedError
from tryggsam.documents import staging
from tryggsam.documents.errors import UnreadableDocument
from tryggsam.documents.extract import extract
from tryggsam.documents.models import BatchStatus, ImportBatch
from tryggsam.documents.personal_data import masked_file_name
from tryggsam.documents.saving import already_imported, document_save


def batch_start(*, actor: Person, session: Any) -> ImportBatch:
    """Queue every file this session has staged for import without review."""
    if not permissions.can_manage_collaboration(actor):
        raise PermissionDeniedError(_("Bara samordnare får importera arkivet."))
    paths = [p for t in staging.staged_tokens(session) if (p := staging.staged_path(session, t)) is not None]
    batch = ImportBatch.objects.create(created_by=actor, total=len(paths))
    session[staging.SESSION_KEY] = []
    async_task(run_batch, batch.pk, [str(p) for p in paths], task_name=f"arkivimport-{batch.pk}")
    return batch


def _log(batch_id: int, line: str, forums: list[str] | None = None, **counts: int) -> None:
    batch = ImportBatch.objects.get(pk=batch_id)
    batch.log = [*batch.log, line]
    batch.created_forums = [*batch.created_forums, *(forums or [])]
    batch.save(update_fields=["log", "created_forums"])
    ImportBatch.objects.filter(pk=batch_id).update(
        processed=F("processed") + 1, **{k: F(k) + v for k, v in counts.items()}
    )


def run_batch(batch_id: int, paths: list[str]) -> None:
    """The background job: import the files one by one, recording progress after each."""
    batch = ImportBatch.objects.get(pk=batch_id)
    person = get_user_model().objects.filter(pk=batch.created_by_id).first() if batch.created_by_id else None
    if person is None:  # the person who started it is gone: nobody may import on their behalf
        _log(batch_id, _("Personen som startade importen finns inte längre; inget importerades."))
        ImportBatch.objects.filter(pk=batch_id).update(status=BatchStatus.DONE)
        return
    ImportBatch.objects.filter(pk=batch_id).update(status=BatchStatus.RUNNING)
    for raw_path in paths:
        path = Path(raw_path)
        shown = masked_file_name(path.name)[0]  # the log is stored
        if already_imported(path) is not None:  # known by its content: not parsed again
            _log(batch_id, _("%(name)s: redan importerad") % {"name": shown}, skipped=1)
            shutil.rmtree(path.parent, ignore_errors=True)
            continue
        try:
            result = document_save(path=path, data=extract(path), actor=person)
        except UnreadableDocument as exc:
            _log(
                batch_id,
                _("%(name)s: kan inte läsas – %(reason)s") % {"name": shown, "reason": exc.message},
                failed=1,
            )
        except Exception as exc:  # the file's own transaction rolled back; report and go on
            _log(batch_id, _("%(name)s: kunde inte sparas (%(error)s)") % {"name": shown, "error": exc}, failed=1)
        else:
            if result.already_imported:
                _log(batch_id, _("%(name)s: redan importerad") % {"name": shown}, skipped=1)
            elif result.created_forums:
                _log(
                    batch_id,
                    _("%(name)s: sparad; nytt forum skapat: %(forums)s")
                    % {"name": shown, "forums": ", ".join(result.created_forums)},
                    forums=result.created_forums,
                    saved=1,
                )
            else:
                _log(batch_id, _("%(name)s: sparad") % {"name": shown}, saved=1)
        shutil.rmtree(path.parent, ignore_errors=True)
    ImportBatch.objects.filter(pk=batch_id).update(status=BatchStatus.DONE)
