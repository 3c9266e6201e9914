import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from tests.factories import user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.incidents.models import Incident, IncidentSource
from tryggsam.privacy.retention import purge_expired, retention_cutoff

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


def _incident(months_ago: int, reporter=None) -> Incident:
    return Incident.objects.create(
        source=IncidentSource.PARTNER_REPORT,
        occurred_at=NOW - dt.timedelta(days=31 * months_ago),
        title="Klotter",
        description="Två personer sprayade på väggen vid Ekvägen 3",
        reporter=reporter,
    )


def test_retention_cutoff__default_24_months_and_configurable():
    assert retention_cutoff(NOW).date() == dt.date(2024, 11, 23)
    with override_settings(TRYGGSAM_RETENTION_MONTHS=6):
        assert retention_cutoff(NOW).date() == dt.date(2026, 5, 23)


def test_purge_expired__removes_text_and_reporter_keeps_the_incident(district_admin):
    reporter = user_with_role(Role.REPORTER, district_admin)
    old, recent = _incident(30, reporter), _incident(3, reporter)
    result = purge_expired(now=NOW)
    assert result.incidents == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.description == "" and old.reporter is None and old.title == "Klotter"  # counted as before
    assert recent.description.startswith("Två personer") and recent.reporter == reporter
    assert Incident.objects.count() == 2
    event = AuditEvent.objects.get(object_type="incidents.incident", object_id="*")
    assert event.changes["count"] == [None, 1]
    assert purge_expired(now=NOW).incidents == 0  # nothing left to purge: a second run changes nothing


def test_purge_expired__dry_run_lists_and_changes_nothing():
    old = _incident(30)
    out = io.StringIO()
    with override_settings(TRYGGSAM_RETENTION_MONTHS=1):
        call_command("purge_expired", "--dry-run", stdout=out)
    assert f"{old.pk}\t" in out.getvalue() and "skulle gallras" in out.getvalue()
    old.refresh_from_db()
    assert old.description
    assert timezone.now() > old.occurred_at


def test_schedules__purge_daily_and_police_feed_every_15_minutes():
    from django_q.models import Schedule

    assert Schedule.objects.filter(name="purge_expired", schedule_type="D").exists()
    assert Schedule.objects.filter(name="fetch_police_events", schedule_type="I", minutes=15).exists()


def test_purge_expired__creator_walk_title_and_exact_point_go(district_admin):
    reporter = user_with_role(Role.REPORTER, district_admin)
    report = _incident(30, reporter)
    Incident.objects.filter(pk=report.pk).update(created_by=reporter, lat=59.3108765, lon=18.0281234)
    walk = Incident.objects.create(
        source=IncidentSource.SAFETY_WALK,
        occurred_at=NOW - dt.timedelta(days=31 * 30),
        title="Kvällsvandring: grannen i nr 5 lämnar porten öppen",
    )
    recent = _incident(3, reporter)
    Incident.objects.filter(pk=recent.pk).update(created_by=reporter, lat=59.3108765)
    assert purge_expired(now=NOW).incidents == 2
    report.refresh_from_db()
    walk.refresh_from_db()
    recent.refresh_from_db()
    assert report.created_by is None and report.title == "Klotter"  # a category name stays
    assert (report.lat, report.lon) == (pytest.approx(59.311), pytest.approx(18.028))
    assert walk.title == ""
    assert recent.created_by == reporter and recent.lat == pytest.approx(59.3108765)
    assert purge_expired(now=NOW).incidents == 0


def _copies_of(incident: Incident, copies: int) -> None:
    """`copies` more rows like `incident` in one INSERT … SELECT over a counter, so that a test can hold
    hundreds of thousands of incidents without creating them one by one."""
    from django.db import connection

    table = connection.ops.quote_name(Incident._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(f.column) for f in Incident._meta.concrete_fields if not f.primary_key
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE counter(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM counter WHERE n < %s) "
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {table} CROSS JOIN counter WHERE id = %s",
            [copies, incident.pk],
        )


def test_purge_expired__260_000_expired_incidents_in_bounded_chunks(district_admin):
    """More expired incidents than SQLite allows variables in one statement (250 000 on Debian 12)."""
    reporter = user_with_role(Role.REPORTER, district_admin)
    first = _incident(30, reporter)
    _copies_of(first, 259_999)
    recent = _incident(3, reporter)
    assert Incident.objects.count() == 260_001

    result = purge_expired(now=NOW)

    assert result.incidents == 260_000
    assert not Incident.objects.filter(occurred_at__lt=retention_cutoff(NOW)).exclude(description="").exists()
    assert not Incident.objects.filter(occurred_at__lt=retention_cutoff(NOW), reporter__isnull=False).exists()
    recent.refresh_from_db()
    assert recent.description and recent.reporter == reporter
    event = AuditEvent.objects.get(object_type="incidents.incident", object_id="*")
    assert event.changes["count"] == [None, 260_000]
    assert purge_expired(now=NOW).incidents == 0
