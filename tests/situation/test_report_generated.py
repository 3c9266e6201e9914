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
from tryggsam.incidents.models import Incident
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
    kept = sorted(p.suffix for p in generated_files.rglob("*") if p.is_file())
    assert kept == [".docx", ".facts"]  # the old version (and its facts) removed


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


# --- the earlier version while the current one is made (issue 17, item 1) -------------------------

PARAMS = {"start": "2026-10-01", "end": "2026-10-31"}


def _first_version(client, user, area):
    client.force_login(user)
    first = client.get(URL, {"area": area.pk, **PARAMS})
    assert first.status_code == 200 and "X-Document-Status" not in first
    return first


def test_report_generated__earlier_file_served_while_a_new_incident_is_rendered(client, area, coordinator):
    first = _first_version(client, coordinator, area)
    _incident(area, ensure_default_categories()["graffiti"], END - dt.timedelta(days=9))
    with mock.patch("django_q.tasks.async_task") as queued:
        earlier = client.get(URL, {"area": area.pk, **PARAMS})
        assert earlier.status_code == 200 and earlier.content == first.content  # 6, not yet 7
        assert earlier["X-Document-Status"] == "updating" and earlier["X-Document-As-Of"]
        assert ["Klotter", "6", "0 *", "0 *"] in _rows(earlier.content)
        again = client.get(URL, {"area": area.pk, **PARAMS})  # the job still runs: no second one
        assert again.content == first.content and queued.call_count == 1
    generated.run_job(*queued.call_args.args[1:])  # the cluster makes the new one
    current = client.get(URL, {"area": area.pk, **PARAMS})
    assert "X-Document-Status" not in current and ["Klotter", "7", "0 *", "0 *"] in _rows(current.content)


@pytest.mark.parametrize("change", ["reclassified", "deleted", "changed"])
def test_report_generated__earlier_file_not_served_after_a_counted_incident_changed(
    client, area, coordinator, police, change
):
    _first_version(client, coordinator, area)
    counted = Incident.objects.filter(district=area).order_by("pk").first()
    if change == "reclassified":  # now restricted to the police: the coordinator may no longer see it
        counted.classification, counted.owner_organisation = "restricted", police
        counted.save()
    elif change == "deleted":
        counted.delete()
    else:
        counted.title = "Rättad rubrik"
        counted.save()
    _incident(area, ensure_default_categories()["graffiti"], END - dt.timedelta(days=9))  # and a new one
    with mock.patch("django_q.tasks.async_task") as queued:
        waiting = client.get(URL, {"area": area.pk, **PARAMS})
    assert waiting.status_code == 202 and queued.call_count == 1


def test_report_generated__another_audience_never_gets_the_earlier_file(
    client, area, coordinator, police_member, police
):
    """The police see an incident of theirs the district administration may not: another file, and
    the administration's earlier one is never theirs while their own is made."""
    _incident(area, ensure_default_categories()["graffiti"], END - dt.timedelta(days=3), "restricted", police)
    coordinators = _first_version(client, coordinator, area)
    assert ["Klotter", "6", "0 *", "0 *"] in _rows(coordinators.content)
    client.force_login(police_member)
    with mock.patch("django_q.tasks.async_task") as queued:
        waiting = client.get(URL, {"area": area.pk, **PARAMS})
    assert waiting.status_code == 202 and queued.call_count == 1
    generated.run_job(*queued.call_args.args[1:])
    polices = client.get(URL, {"area": area.pk, **PARAMS})
    assert polices.status_code == 200 and ["Klotter", "7", "0 *", "0 *"] in _rows(polices.content)
    folder = next((generated.generated_root() / report_generated.KIND).iterdir())
    assert len([p for p in folder.iterdir() if p.suffix == ".docx"]) == 2


def test_report_generated__no_facts_kept_when_an_incident_came_during_the_rendering(
    client, area, coordinator, generated_files
):
    build = report_generated.build_report

    def build_and_meanwhile(*args, **kwargs):
        report = build(*args, **kwargs)
        _incident(area, ensure_default_categories()["graffiti"], END - dt.timedelta(days=9))
        return report

    with mock.patch.object(report_generated, "build_report", build_and_meanwhile):
        _first_version(client, coordinator, area)
    assert [p.suffix for p in generated_files.rglob("*") if p.is_file()] == [".docx"]
    _incident(area, ensure_default_categories()["graffiti"], END - dt.timedelta(days=8))
    with mock.patch("django_q.tasks.async_task"):
        assert client.get(URL, {"area": area.pk, **PARAMS}).status_code == 202  # no facts: not served


def test_report_key__a_district_areas_top_places_cost_no_query_each(areas, coordinator):  # noqa: F811
    """The version of a district area's report holds its districts (the picture's top places, loaded
    with only their names): their other fields are read in one query, not one per district and field."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    graffiti = ensure_default_categories()["graffiti"]
    district_area, district, other = areas
    start, end = dt.date(2026, 10, 1), END

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            report_generated.report_key(coordinator, area=district_area, start=start, end=end, fmt="pdf")
        return len(captured.captured_queries)

    _incident(district, graffiti, END - dt.timedelta(days=2))
    queries()  # the first also reads the reader's memberships (then kept on the user)
    one = queries()
    _incident(other, graffiti, END - dt.timedelta(days=3))
    assert queries() == one


def test_report_facts__up_to_the_highest_id_the_same_as_up_to_that_id_given(area, coordinator, police):
    """The job reads the facts up to the highest id in one pass; a later download asks them up to that
    id: equal while nothing changed, and a newer incident does not move them."""
    start = dt.date(2026, 10, 1)
    _incident(area, ensure_default_categories()["graffiti"], END - dt.timedelta(days=3), "restricted", police)
    facts = report_generated.report_facts(coordinator, area=area, start=start, end=END)
    assert facts["incidents"]["n"] == 6  # the police's restricted one is not the coordinator's
    assert report_generated.report_facts(coordinator, area=area, start=start, end=END, last=facts["last"]) == facts
    _incident(area, ensure_default_categories()["graffiti"], END - dt.timedelta(days=2))
    assert report_generated.report_facts(coordinator, area=area, start=start, end=END, last=facts["last"]) == facts
    assert report_generated.report_facts(coordinator, area=area, start=start, end=END)["incidents"]["n"] == 7
