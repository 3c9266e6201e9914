"""The partner report's personal-data guard and sharing a restricted report with named
organisations: shared incidents count in the situation picture for exactly those who may read them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory, user_with_role
from tests.incidents.test_report import post_data
from tryggsam.accounts.models import Role
from tryggsam.incidents.models import Incident
from tryggsam.situation.models import DailyRollup
from tryggsam.situation.rollups import rebuild_rollups
from tryggsam.situation.selectors import situation_for

URL = reverse("incidents:report")
PERSONAL = "Mannen med personnummer 811218-9876 sprejade, ring 070-123 45 67."


def test_report__personal_data_shown_then_saved_masked(stockholm, client, school, school_reporter):
    client.force_login(school_reporter)
    first = client.post(URL, post_data(school, text=PERSONAL))
    assert first.status_code == 400 and not Incident.objects.exists()
    html = first.content.decode()
    assert "personnummer ”811218-9876”" in html and 'name="mask_personal_data"' in html
    second = client.post(URL, post_data(school, text=PERSONAL, mask_personal_data="on"))
    assert second.status_code == 302
    stored = Incident.objects.get().description
    assert "811218" not in stored and "070-123" not in stored and "[personnummer borttaget]" in stored


def test_report__sharing_refused_for_internal_reports(stockholm, client, school, school_reporter):
    police = OrganisationFactory(name="Lokalpolisområdet")
    client.force_login(school_reporter)
    response = client.post(URL, post_data(school, classification="internal", shared_with=[police.pk]))
    assert response.status_code == 400 and not Incident.objects.exists()
    assert "Delning gäller bara" in response.content.decode()


def test_report__restricted_shared_counts_for_shared_organisation_only(stockholm, client, school, school_reporter):
    police = OrganisationFactory(name="Lokalpolisområdet")
    housing = OrganisationFactory(name="Bostadsbolaget")
    client.force_login(school_reporter)
    for _ in range(3):
        response = client.post(
            URL, post_data(school, place_text="Farsta centrum", classification="restricted", shared_with=[police.pk])
        )
        assert response.status_code == 302
    incident = Incident.objects.select_related("district").first()
    assert set(incident.shared_with.all()) == {police}
    assert DailyRollup.objects.filter(audience=f",{police.pk},").exists()

    today = timezone.localdate()
    start = today - dt.timedelta(days=1)

    def total(user):
        return situation_for(user, area=incident.district, start=start, end=today).total

    officer = user_with_role(Role.READER, police)
    caretaker = user_with_role(Role.READER, housing)
    assert total(school_reporter) == 6  # three reports, two categories each
    assert total(officer) == 6
    assert total(caretaker) == 0
    before = sorted(DailyRollup.objects.values_list("area", "day", "category", "audience", "count"))
    rebuild_rollups()
    assert sorted(DailyRollup.objects.values_list("area", "day", "category", "audience", "count")) == before


@pytest.mark.parametrize("org_ids", [[3, 17, 3], [17, 3]])
def test_audience__sorted_unique_and_only_for_restricted(org_ids):
    from tryggsam.situation.rollups import audience

    assert audience("restricted", org_ids) == ",3,17,"
    assert audience("internal", org_ids) == ""
    assert audience("restricted", []) == ""


def test_report_page__map_starts_on_the_areas_of_the_reporters_forums(stockholm, client, school, school_reporter):
    from tests.factories import ForumFactory, ForumMemberFactory
    from tryggsam.places.models import Area, AreaLevel

    client.force_login(school_reporter)
    assert 'data-focus=""' in client.get(URL).content.decode()  # no forum yet: the whole map
    farsta = Area.objects.get(name="Farsta", level=AreaLevel.DISTRICT)
    ForumMemberFactory(forum=ForumFactory(area=farsta), user=None, organisation=school)
    html = client.get(URL).content.decode()
    expected = f'data-focus="{farsta.min_lat:.5f},{farsta.min_lon:.5f},{farsta.max_lat:.5f},{farsta.max_lon:.5f}"'
    assert expected in html


def test_report__audit_log_keeps_no_copy_of_the_free_text(stockholm, client, school, school_reporter):
    from tryggsam.audit.models import AuditEvent

    client.force_login(school_reporter)
    text = "Två vuxna bråkade högljutt vid porten på Ekvägen 5."
    assert client.post(URL, post_data(school, text=text)).status_code == 302
    incident = Incident.objects.get()
    event = AuditEvent.objects.get(object_type="incidents.incident", object_id=str(incident.pk), action="create")
    stored = event.changes["description"][1]
    assert text not in str(event.changes) and stored.startswith(f"[fritext, {len(text)} tecken, ")
    assert incident.description == text
