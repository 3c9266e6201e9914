"""Residents' tips: limited per sending address in the database (not per session, which a client
without cookies never keeps), and counted in the situation picture only once reviewed."""

import datetime as dt

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from tests.factories import SQUARE, AreaFactory, OrganisationFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.core.errors import PermissionDeniedError
from tryggsam.incidents.models import Incident, IncidentSource, ReviewStatus, TipSubmission
from tryggsam.incidents.other_sources import resident_tip, tip_review
from tryggsam.incidents.selectors import counts_by_category, tips_awaiting_review
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.incidents.tips import TIPS_PER_HOUR
from tryggsam.places.models import AreaLevel
from tryggsam.situation.models import DailyRollup, MonthlyRollup
from tryggsam.situation.rollups import rebuild_rollups
from tryggsam.situation.selectors import situation_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    parent = AreaFactory(name="Söderort öst", level=AreaLevel.DISTRICT_AREA, geometry="")
    return AreaFactory(name="Tipsby", level=AreaLevel.DISTRICT, parent=parent, geometry=SQUARE)


@pytest.fixture
def coordinator():
    return user_with_role(Role.COORDINATOR, OrganisationFactory(), full_name="Tina Granskare")


def _post_without_cookies(data, **meta):
    """Each tip from a fresh client: no session cookie is ever sent back."""
    return Client().post("/lagesbild/tips/", data, **meta)


def test_resident_tip__limited_per_address_even_without_cookies(district):
    graffiti = ensure_default_categories()["graffiti"]
    data = {"category": graffiti.pk, "place_text": "Tipsby", "text": "Klotter på muren"}
    for _ in range(TIPS_PER_HOUR):
        assert _post_without_cookies(data, REMOTE_ADDR="198.51.100.7").status_code == 200
    refused = _post_without_cookies(data, REMOTE_ADDR="198.51.100.7")
    assert refused.status_code == 400 and "Många tips" in refused.content.decode()
    assert Incident.objects.count() == TIPS_PER_HOUR
    assert _post_without_cookies(data, REMOTE_ADDR="198.51.100.8").status_code == 200  # another address
    assert "198.51.100" not in "".join(TipSubmission.objects.values_list("address", flat=True))


@override_settings(TRYGGSAM_PROXY_COUNT=1)
def test_resident_tip__behind_a_proxy_the_forwarded_address_counts_not_a_forged_one(district):
    graffiti = ensure_default_categories()["graffiti"]
    data = {"category": graffiti.pk, "place_text": "Tipsby", "text": "Klotter på muren"}
    for i in range(TIPS_PER_HOUR):
        forged = f"10.0.0.{i}, 203.0.113.9"  # the client wrote the first part; the proxy appended the last
        assert _post_without_cookies(data, REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR=forged).status_code == 200
    refused = _post_without_cookies(data, REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.9")
    assert refused.status_code == 400
    other = _post_without_cookies(data, REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert other.status_code == 200


def test_resident_tip__old_submissions_no_longer_count(district):
    graffiti = ensure_default_categories()["graffiti"]
    for _ in range(TIPS_PER_HOUR):
        resident_tip(category=graffiti, text="Klotter", place_text="Tipsby", address="192.0.2.1")
    TipSubmission.objects.update(sent_at=timezone.now() - dt.timedelta(hours=2))
    resident_tip(category=graffiti, text="Klotter", place_text="Tipsby", address="192.0.2.1")
    assert TipSubmission.objects.count() == 1  # the old ones were deleted


def _rollups() -> list[tuple]:
    daily = sorted(DailyRollup.objects.values_list("area_id", "day", "category_id", "source", "count"))
    monthly = sorted(MonthlyRollup.objects.values_list("area_id", "month", "category_id", "source", "count"))
    return daily + monthly


def test_tip__counts_in_picture_and_rollups_only_after_review(district, coordinator):
    graffiti = ensure_default_categories()["graffiti"]
    tip = resident_tip(category=graffiti, text="Klotter på skolan", place_text="Tipsby", address="192.0.2.2")
    today = timezone.localdate()
    assert tip.review_status == ReviewStatus.PENDING
    assert not DailyRollup.objects.filter(source=IncidentSource.RESIDENT_TIP).exists()
    assert situation_for(coordinator, area=district, start=today, end=today).total == 0
    assert {c.category.code: c.count for c in counts_by_category(coordinator)}["graffiti"] == 0
    assert list(tips_awaiting_review(coordinator)) == [tip]
    before = _rollups()
    rebuild_rollups()
    assert _rollups() == before  # the rebuild leaves the pending tip out too

    tip_review(incident=tip, actor=coordinator)
    tip.refresh_from_db()
    assert tip.review_status == ReviewStatus.REVIEWED
    assert DailyRollup.objects.filter(area=district, source=IncidentSource.RESIDENT_TIP).get().count == 1
    assert situation_for(coordinator, area=district, start=today, end=today).total == 1
    assert {c.category.code: c.count for c in counts_by_category(coordinator)}["graffiti"] == 1
    assert not tips_awaiting_review(coordinator).exists()
    assert AuditEvent.objects.filter(object_id=str(tip.pk), action="status").exists()
    after = _rollups()
    rebuild_rollups()
    assert _rollups() == after
    tip_review(incident=tip, actor=coordinator)  # twice: counted once
    assert DailyRollup.objects.filter(area=district, source=IncidentSource.RESIDENT_TIP).get().count == 1


def test_tip_review__only_coordinators(district):
    graffiti = ensure_default_categories()["graffiti"]
    tip = resident_tip(category=graffiti, text="Klotter", place_text="Tipsby", address="192.0.2.3")
    member = user_with_role(Role.MEMBER, OrganisationFactory())
    with pytest.raises(PermissionDeniedError):
        tip_review(incident=tip, actor=member)
    assert Incident.objects.get(pk=tip.pk).review_status == ReviewStatus.PENDING
