"""Old documents stay old: importing the 2021 minutes of seed 001 into a running installation (the
demo) puts its work-table rows into history as of the meeting's date, not into today's work tables,
unless the coordinator carries them on in the review."""

import pytest
from django.test import override_settings

from tryggsam.casework.models import Measure, Problem
from tryggsam.documents.extract import extract
from tryggsam.documents.forms import CorrectionForm
from tryggsam.documents.management.import_options import IMPORT_SYSTEM
from tryggsam.documents.saving import document_save

SEED_001 = "001_64878e962ac09484.txt"


def _open_rows() -> int:
    """Rows of today's work tables: each measure of an open problem, and each open problem without one."""
    measures = Measure.objects.filter(problem__is_closed=False, problem__forum__isnull=False).count()
    bare = Problem.objects.filter(is_closed=False, forum__isnull=False, measures__isnull=True).count()
    return measures + bare


@pytest.fixture
def _media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


def test_import_of_2021_minutes__leaves_todays_work_tables_unchanged(demo, shared_dir, _media):
    before = _open_rows()
    path = shared_dir / "seeds" / SEED_001
    result = document_save(actor=IMPORT_SYSTEM, path=path, data=extract(path))
    assert not result.already_imported and result.document.pk
    assert _open_rows() == before
    history = Problem.objects.filter(is_closed=True, closed_on__year=2021)
    assert history.count() >= 15
    assert all("2021-09-17" in p.closed_reason for p in history)


def test_import_of_2021_minutes__rows_carried_on_join_todays_tables(demo, shared_dir, _media):
    before = _open_rows()
    path = shared_dir / "seeds" / SEED_001
    data = extract(path)
    form = CorrectionForm(
        {"token": "x", "carry_all": "on", "forum": data.get("forum") or "", "title": data.get("title") or ""},
        work_tables=data.get("work_tables"),
    )
    assert form.is_valid(), form.errors
    document_save(actor=IMPORT_SYSTEM, path=path, data=form.apply(data))
    assert _open_rows() > before + 20
