"""The work tables of a partnership as CSV and XLSX: the page's rows, escaped, and only what the user
may see; restricted rows in the file are logged as reads."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from tests.factories import FollowUpFactory, MeasureFactory, ProblemFactory
from tryggsam.audit.models import AuditEvent
from tryggsam.casework.models import WorkKind
from tryggsam.core.models import Classification

pytestmark = pytest.mark.django_db
HYPERLINK = '=HYPERLINK("http://evil.example","Klicka")'
FORMATS = ("csv", "xlsx")


def url(forum, fmt: str) -> str:
    return reverse(f"casework:work_table_{fmt}", args=[forum.pk])


def rows_of(response, fmt: str) -> list[list]:
    body = response.content
    if fmt == "csv":
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def table(partnership, measure, police):
    measure.start_date = dt.date(2026, 9, 1)
    measure.next_follow_up = dt.date(2026, 12, 15)
    measure.save()
    FollowUpFactory(measure=measure, date=dt.date(2026, 11, 20), text="Färre larm under november.")
    hostile = ProblemFactory(forum=partnership, title=HYPERLINK, position=5)
    MeasureFactory(problem=hostile, title="-1 vakt per kväll", responsible_text="@fastighetsägaren")
    MeasureFactory(
        problem=measure.problem,
        title="Hemlig spaning vid torget",
        classification=Classification.RESTRICTED,
        owner_organisation=police,
        position=9,
    )
    ProblemFactory(forum=partnership, kind=WorkKind.DEVELOPMENT, title="Torgets framtid", position=7)
    return partnership


@pytest.mark.parametrize("fmt", FORMATS)
def test_work_table_export__rows_of_the_page_with_formulas_escaped(client, coordinator, table, fmt):
    client.force_login(coordinator)
    response = client.get(url(table, fmt))
    assert response.status_code == 200
    rows = rows_of(response, fmt)
    assert rows[0][:6] == [
        "Tabell",
        "Plats",
        "Problemområde/utvecklingsområde",
        "Åtgärd/insats",
        "Deltagare",
        "Sammankallande/ansvarig",
    ]
    by_measure = {row[3]: row for row in rows[1:]}
    ours = by_measure["Gemensam kvällsnärvaro"]
    assert ours[0] == "Problemområde" and ours[2] == "Torget: stök på kvällar" and ours[6] == "Pågående"
    assert ours[11] == "Färre larm under november."
    if fmt == "csv":
        assert ours[7] == "2026-09-01" and ours[9] == "2026-12-15" and ours[10] == "2026-11-20"
    else:
        assert ours[7] == dt.datetime(2026, 9, 1) and ours[10] == dt.datetime(2026, 11, 20)
    hostile = by_measure["'-1 vakt per kväll"]
    assert hostile[2] == "'" + HYPERLINK and hostile[5] == "'@fastighetsägaren"
    development = next(row for row in rows[1:] if row[2] == "Torgets framtid")
    assert development[0] == "Utvecklingsområde" and not development[3]


@pytest.mark.parametrize("fmt", FORMATS)
def test_work_table_export__restricted_measure_of_another_organisation_absent(client, coordinator, table, fmt):
    client.force_login(coordinator)
    rows = rows_of(client.get(url(table, fmt)), fmt)
    assert len(rows) == 4  # header, two problem rows, one development row
    assert not any("Hemlig spaning" in str(cell) for row in rows for cell in row)


@pytest.mark.parametrize("fmt", FORMATS)
def test_work_table_export__owner_gets_restricted_row_and_the_read_is_logged(client, police_member, table, fmt):
    client.force_login(police_member)
    rows = rows_of(client.get(url(table, fmt)), fmt)
    secret = [row for row in rows if row[3] == "Hemlig spaning vid torget"]
    assert len(secret) == 1 and secret[0][12] == "Begränsad"
    event = AuditEvent.objects.get(action="read", object_type="casework.measure", actor=police_member)
    assert event.object_repr == "Hemlig spaning vid torget" and fmt.upper() in event.note


@pytest.mark.parametrize("fmt", FORMATS)
def test_work_table_export__anonymous_redirected_to_login(client, table, fmt):
    response = client.get(url(table, fmt))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_work_table_export__restricted_forum_of_another_organisation_is_404(client, coordinator, police):
    forum = ProblemFactory(
        forum__classification=Classification.RESTRICTED, forum__owner_organisation=police, forum__name="Polisens grupp"
    ).forum
    client.force_login(coordinator)
    assert client.get(url(forum, "csv")).status_code == 404


@pytest.mark.parametrize(("fmt", "content_type"), [("csv", "text/csv"), ("xlsx", "application/vnd.openxmlformats")])
def test_work_table_export__attachment_named_after_the_forum(client, coordinator, table, fmt, content_type):
    client.force_login(coordinator)
    response = client.get(url(table, fmt))
    assert response["Content-Type"].startswith(content_type)
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="arbetstabell-platssamverkan-torget-')
    assert disposition.endswith(f'.{fmt}"')


def test_work_table_export__post_not_allowed(client, coordinator, table):
    client.force_login(coordinator)
    assert client.post(url(table, "csv")).status_code == 405


def test_partnership_page__links_to_both_downloads(client, coordinator, table):
    client.force_login(coordinator)
    html = client.get(reverse("forums:detail", args=[table.pk])).content.decode()
    assert url(table, "csv") in html and url(table, "xlsx") in html
