import datetime as dt
import io

import pdfplumber
import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from docx import Document

from tests.factories import SQUARE
from tests.situation.test_situation import END, _incident, areas  # noqa: F401 - fixture
from tryggsam.audit.models import AuditEvent
from tryggsam.incidents.models import Incident
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.situation.models import ReportSubscription
from tryggsam.situation.report.build import build_report, report_docx, report_pdf
from tryggsam.situation.report.mailing import last_complete_period, send_situation_reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def incidents(areas):  # noqa: F811
    cats = ensure_default_categories()
    areas[1].geometry = SQUARE
    areas[1].save()
    for i in range(6):
        incident = _incident(areas[1], cats["graffiti"], END - dt.timedelta(days=i))
        Incident.objects.filter(pk=incident.pk).update(lat=59.301 + i / 1000, lon=18.002 + i / 1000, precision="place")
    return areas[1]


def test_report_pdf__readable_text_tables_and_page_numbers(incidents, coordinator):
    report = build_report(coordinator, area=incidents, start=dt.date(2026, 10, 1), end=END)
    assert report.map_png[:8] == b"\x89PNG\r\n\x1a\n" and report.chart_png[:4] == b"\x89PNG"
    with pdfplumber.open(io.BytesIO(report_pdf(report))) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        images = sum(len(page.images) for page in pdf.pages)
    assert "Lägesbild Torgby 2026-10-01–2026-10-31" in text
    assert "Klotter" in text and "Sida 1 av" in text and "Sammanfattning" in text
    assert images >= 2
    assert "Intern – för samverkansparterna" in text and "Händelser per källa" in text and "Partnerrapport" in text


def test_report_docx__table_and_pictures(incidents, coordinator):
    report = build_report(coordinator, area=incidents, start=dt.date(2026, 10, 1), end=END)
    doc = Document(io.BytesIO(report_docx(report)))
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[0] == ["Kategori", "Perioden", "Föregående period", "Samma period i fjol"]
    assert ["Klotter", "6", "0 *", "0 *"] in rows
    assert len(doc.inline_shapes) == 2


def test_render_situation_report__command_public_and_as_user(incidents, coordinator, tmp_path):
    out = tmp_path / "rapport.docx"
    args = [str(incidents.pk), "--from", "2026-10-01", "--to", "2026-10-31", "--format", "docx", "--output", str(out)]
    call_command("render_situation_report", *args, stdout=io.StringIO())
    assert len(Document(out).tables[0].rows) == 1  # the public sees no internal incidents
    call_command("render_situation_report", *args, "--as-user", coordinator.email, stdout=io.StringIO())
    assert Document(out).tables[0].rows[1].cells[1].text == "6"


def test_last_complete_period__week_and_quarter():
    assert last_complete_period("weekly", dt.date(2026, 11, 23)) == (dt.date(2026, 11, 16), dt.date(2026, 11, 22))
    assert last_complete_period("quarterly", dt.date(2026, 11, 23)) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))


def test_send_situation_reports__once_per_period_with_pdf(
    incidents, coordinator, client, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    client.post("/lagesbild/bild/prenumerera/", {"area": incidents.pk, "frequency": "weekly"})
    assert ReportSubscription.objects.filter(user=coordinator, area=incidents).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_situation_reports(today=dt.date(2026, 11, 3)) == 1
        assert send_situation_reports(today=dt.date(2026, 11, 4)) == 0  # same week: nothing twice
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [coordinator.email] and message.attachments[0][2] == "application/pdf"
    with django_capture_on_commit_callbacks(execute=True):
        assert send_situation_reports(today=dt.date(2026, 11, 10)) == 1  # next week
    assert len(mail.outbox) == 2


def test_send_situation_reports__mail_after_commit_and_retried_when_it_fails(
    incidents, coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    subscription = ReportSubscription.objects.create(user=coordinator, area=incidents)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        assert send_situation_reports(today=dt.date(2026, 11, 3)) == 1
        assert not mail.outbox  # queued for the commit, not sent inside the transaction
        transaction.set_rollback(True)
    assert not callbacks and not mail.outbox
    subscription.refresh_from_db()
    assert subscription.last_period_end is None

    def broken(*args, **kwargs):
        raise OSError("e-postservern svarar inte")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    with django_capture_on_commit_callbacks(execute=True):
        send_situation_reports(today=dt.date(2026, 11, 3))
    subscription.refresh_from_db()
    assert subscription.last_period_end is None  # the mark is put back: the next run tries again
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_situation_reports(today=dt.date(2026, 11, 3)) == 1
    assert len(mail.outbox) == 1


def test_subscribe__written_and_audited_by_the_service(incidents, coordinator, client):
    client.force_login(coordinator)
    client.post("/lagesbild/bild/prenumerera/", {"area": incidents.pk, "frequency": "weekly"})
    subscription = ReportSubscription.objects.get(user=coordinator, area=incidents)
    events = AuditEvent.objects.filter(object_type="situation.reportsubscription", object_id=str(subscription.pk))
    assert list(events.values_list("action", "actor")) == [("create", coordinator.pk)]
    client.post("/lagesbild/bild/prenumerera/", {"area": incidents.pk, "frequency": "weekly"})  # twice: no change
    client.post("/lagesbild/bild/prenumerera/", {"area": incidents.pk, "frequency": "weekly", "stop": "1"})
    assert not ReportSubscription.objects.exists()
    assert sorted(events.values_list("action", flat=True)) == ["create", "delete"]


def test_report_views__download_pdf_and_docx(client, incidents, coordinator):
    params = {"area": incidents.pk, "start": "2026-10-01", "end": "2026-10-31"}
    pdf = client.get("/lagesbild/bild/rapport.pdf", params)
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    docx = client.get("/lagesbild/bild/rapport.docx", params)
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert client.get("/lagesbild/bild/rapport.pdf").status_code == 400


def test_build_report__marked_restricted_when_a_restricted_incident_is_counted(incidents, coordinator):
    from tests.factories import user_with_role
    from tryggsam.accounts.models import Role

    organisation = coordinator.memberships.first().organisation
    member = user_with_role(Role.MEMBER, organisation)
    report = build_report(member, area=incidents, start=dt.date(2026, 10, 1), end=END)
    assert report.classification.startswith("Intern")
    cats = ensure_default_categories()
    _incident(incidents, cats["robbery"], END - dt.timedelta(days=40), classification="restricted", owner=organisation)
    assert build_report(member, area=incidents, start=dt.date(2026, 10, 1), end=END).classification.startswith(
        "Begränsad"
    )  # counted in the previous period
    outsider = user_with_role(Role.MEMBER)
    assert build_report(outsider, area=incidents, start=dt.date(2026, 10, 1), end=END).classification.startswith(
        "Intern"
    )  # not counted for someone who may not see it
