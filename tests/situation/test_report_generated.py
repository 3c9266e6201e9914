"""The situation report served from what was generated off the request path (issue 17, item 4): a
stored current version is served without rendering, a new incident in the area makes a new version,
a member and a visitor never share a file, and a running job shows its progress."""

from __future__ import annotations

import datetime as dt
import io
from unittest import mock

import pytest
from docx import Document

from tests.situation.test_report import incidents  # noqa: F401 - fixture
from tests.situation.test_situation import END, _incident, areas  # noqa: F401 - fixture
from tryggsam.core import generated
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.situation.report import generated as report_generated

pytestmark = pytest.mark.django_db
URL = "/lagesbild/bild/rapport.docx"


@pytest.fixture
def area(incidents):  # noqa: F811 - the report tests' area with six incidents
    return incidents


@pytest.fixture
def renders():
    with mock.patch.object(report_generated, "report_docx", wraps=report_generated.report_docx) as spy:
        yield spy


def _rows(content: bytes) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in Document(io.BytesIO(content)).tables[0].rows]


def test_report_generated__stored_version_served_new_incident_renders_anew(
    client, area, coordinator, renders, generated_files
):
    params = {"area": area.pk, "start": "2026-10-01", "end": "2026-10-31"}
    client.force_login(coordinator)
    first = client.get(URL, params)
    assert first.status_code == 200 and ["Klotter", "6", "0 *", "0 *"] in _rows(first.content)
    assert client.get(URL, params).content == first.content and renders.call_count == 1
    _incident(area, ensure_default_categories()["graffiti"], END - dt.timedelta(days=9))
    second = client.get(URL, params)
    assert renders.call_count == 2 and ["Klotter", "7", "0 *", "0 *"] in _rows(second.content)
    assert len([p for p in generated_files.rglob("*") if p.is_file()]) == 1  # the old version removed


def test_report_generated__a_visitor_never_gets_the_members_file(client, area, coordinator, renders):
    params = {"area": area.pk, "start": "2026-10-01", "end": "2026-10-31"}
    client.force_login(coordinator)
    assert ["Klotter", "6", "0 *", "0 *"] in _rows(client.get(URL, params).content)
    client.logout()
    public = client.get(URL, params)
    assert public.status_code == 200 and len(_rows(public.content)) == 1  # no internal incident counted
    assert renders.call_count == 2


def test_report_generated__progress_while_the_job_runs(client, area, coordinator):
    params = {"area": area.pk, "start": "2026-10-01", "end": "2026-10-31"}
    client.force_login(coordinator)
    with mock.patch("django_q.tasks.async_task") as queued:
        waiting = client.get(URL, params)
    assert waiting.status_code == 202 and "Dokumentet skapas" in waiting.content.decode()
    status_url = waiting.context["status_url"]
    generated.run_job(*queued.call_args.args[1:])
    assert "Dokumentet är klart" in client.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    assert client.get(URL, params).content[:2] == b"PK"
