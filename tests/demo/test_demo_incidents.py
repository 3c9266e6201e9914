"""The demo's synthetic incident history (issue 17, item 6): written through the bulk path with one
audit row per run naming the demo system, each incident as a partner's report of a point makes it,
and placed with the precision it has: "place" for a point, "district" for the effect panel's rows
placed by district; none "unknown"."""

from __future__ import annotations

from django.db.models import F

from tryggsam.audit.models import AuditAction, AuditEvent
from tryggsam.demo.system import DEMO_SYSTEM
from tryggsam.incidents.models import Incident, IncidentSource, Precision
from tryggsam.situation.models import DailyRollup


def test_demo_incidents__partner_reports_placed_with_their_precision(demo):
    reports = Incident.objects.filter(source=IncidentSource.PARTNER_REPORT)
    assert reports.count() >= 320
    assert not reports.filter(precision=Precision.UNKNOWN).exists()
    with_point = reports.filter(lat__isnull=False)
    assert with_point.count() >= 320 and set(with_point.values_list("precision", flat=True)) == {Precision.PLACE}
    by_district = reports.filter(lat__isnull=True)
    assert by_district.exists()
    assert set(by_district.values_list("precision", flat=True)) == {Precision.DISTRICT}
    assert not by_district.filter(district__isnull=True).exists()


def test_demo_incidents__each_report_as_its_reporter_made_it(demo):
    points = Incident.objects.filter(source=IncidentSource.PARTNER_REPORT, lat__isnull=False)
    assert not points.filter(reporter__isnull=True).exists()
    assert not points.filter(owner_organisation__isnull=True).exists()
    assert not points.exclude(reporting_organisation_id=F("owner_organisation_id")).exists()
    assert not points.filter(district__isnull=True).exists()  # every point lies in a demo district
    assert all(i.title and i.municipality == "Stockholm" for i in points)
    assert points.filter(categories__isnull=True).count() == 0


def test_demo_incidents__one_audit_row_per_run_naming_the_demo_system(demo):
    runs = AuditEvent.objects.filter(
        object_type="incidents.incident", action=AuditAction.IMPORT, object_id="partner_report"
    )
    assert runs.count() == 2  # the reports, and the effect panel's history
    assert set(runs.values_list("actor_label", flat=True)) == {str(DEMO_SYSTEM)}
    reports = Incident.objects.filter(source=IncidentSource.PARTNER_REPORT).values_list("pk", flat=True)
    assert not AuditEvent.objects.filter(
        object_type="incidents.incident", action=AuditAction.CREATE, object_id__in=[str(pk) for pk in reports]
    ).exists()  # not one row per incident


def test_demo_incidents__counted_in_the_roll_ups(demo):
    reports = Incident.objects.filter(source=IncidentSource.PARTNER_REPORT)
    districts = set(reports.values_list("district_id", flat=True))
    counted = DailyRollup.objects.filter(source=IncidentSource.PARTNER_REPORT, area_id__in=districts)
    assert sum(counted.values_list("count", flat=True)) == reports.count()
