import pytest
from django.urls import reverse

from tests.factories import FollowUpFactory, MeasureFactory, OrganisationFactory, ProblemFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.casework.models import FollowUp, Measure, MeasureStatus, WorkKind

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_partnership_page__shows_both_tables_with_the_five_columns(client, coordinator, measure, partnership):
    dev = ProblemFactory(forum=partnership, kind=WorkKind.DEVELOPMENT, title="Torgets framtid")
    MeasureFactory(problem=dev, title="Dialog med fastighetsägaren", participants_text="SDF, fastighetsägare")
    FollowUpFactory(measure=measure, text="Färre larm under oktober.")
    client.force_login(coordinator)
    html = client.get(reverse("forums:detail", args=[partnership.pk])).content.decode()
    for header in (
        "Problemområde",
        "Utvecklingsområde",
        "Åtgärd/insats",
        "Deltagare",
        "Sammankallande/ansvarig",
        "Status/uppföljning",
    ):
        assert header in html
    assert "Gemensam kvällsnärvaro" in html and "Dialog med fastighetsägaren" in html
    assert "Färre larm under oktober." in html
    assert f'/arbete/atgard/{measure.pk}/#lagg-till-atgard">+ Lägg till åtgärd</a>' in html


def test_measure_status__htmx_post_returns_updated_row(client, coordinator, measure):
    client.force_login(coordinator)
    url = reverse("casework:measure_status", args=[measure.pk])
    response = client.post(url, {"version": 1, "status": "paused", "note": "Pausad över vintern."}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<tr") and "Pausad över vintern." in html and "Pausad" in html
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.PAUSED


def test_measure_status__done_with_the_shown_date_left_as_is_clears_it(client, coordinator, measure):
    Measure.objects.filter(pk=measure.pk).update(next_follow_up="2026-11-28")
    client.force_login(coordinator)
    url = reverse("casework:measure_status", args=[measure.pk])
    data = {"version": 1, "status": "done", "note": "Klart.", "next_follow_up": "2026-11-28"}
    assert client.post(url, data, **HTMX).status_code == 200
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.DONE and measure.next_follow_up is None


def test_measure_status__missing_note_shows_swedish_error(client, coordinator, measure):
    client.force_login(coordinator)
    url = reverse("casework:measure_status", args=[measure.pk])
    response = client.post(url, {"version": 1, "status": "paused", "note": ""}, **HTMX)
    assert "en statusändring måste förklaras" in response.content.decode()
    assert not FollowUp.objects.exists()


def test_measure_edit__conflict_keeps_input_and_explains(client, coordinator, measure):
    client.force_login(coordinator)
    Measure.objects.filter(pk=measure.pk).update(version=2, title="Ändrad av kollegan")
    url = reverse("casework:measure_edit", args=[measure.pk])
    response = client.post(url, {"version": 1, "title": "Min ändring", "classification": "internal"}, **HTMX)
    html = response.content.decode()
    assert "ändrats av någon annan" in html
    assert 'value="Min ändring"' in html  # the user's input is not lost
    assert "Ändrad av kollegan" in html  # and the saved value is shown
    measure.refresh_from_db()
    assert measure.title == "Ändrad av kollegan"


def test_measure_edit__plain_post_redirects_to_partnership(client, coordinator, measure):
    client.force_login(coordinator)
    url = reverse("casework:measure_edit", args=[measure.pk])
    response = client.post(url, {"version": 1, "title": "Utan javascript", "classification": "internal"})
    assert response.status_code == 302
    assert response["Location"] == reverse("forums:detail", args=[measure.problem.forum_id])


def test_measure_edit__other_organisation_member_gets_403(client, measure):
    outsider = user_with_role(Role.MEMBER, OrganisationFactory(name="Bevakningsbolaget"))
    client.force_login(outsider)
    assert client.get(reverse("casework:measure_edit", args=[measure.pk])).status_code == 403


def test_restricted_measure__invisible_to_other_organisation(client, police):
    problem = ProblemFactory(classification="restricted", owner_organisation=police, title="Hemlig spaning")
    hidden = MeasureFactory(problem=problem, title="Dold insats")
    other = user_with_role(Role.COORDINATOR, OrganisationFactory(name="Skolan"))
    client.force_login(other)
    assert client.get(reverse("casework:measure_detail", args=[hidden.pk])).status_code == 404
    page = client.get(reverse("forums:detail", args=[problem.forum_id])).content.decode()
    assert "Dold insats" not in page and "Hemlig spaning" not in page


def test_due_list__shows_my_overdue_measure(client, coordinator, measure):
    Measure.objects.filter(pk=measure.pk).update(responsible_user=coordinator, next_follow_up="2020-01-01")
    client.force_login(coordinator)
    html = client.get(reverse("casework:due")).content.decode()
    assert "Gemensam kvällsnärvaro" in html and "försenad" in html


def test_problem_add__creates_row_with_first_measure(client, coordinator, partnership):
    client.force_login(coordinator)
    url = reverse("casework:problem_add", args=[partnership.pk])
    client.post(url, {"kind": "problem", "title": "Mopedåkning i parken", "measure_title": "Dialog med föräldrar"})
    assert Measure.objects.filter(title="Dialog med föräldrar", problem__title="Mopedåkning i parken").exists()


def test_measure_add__from_empty_problem_row(client, coordinator, partnership):
    problem = ProblemFactory(forum=partnership, title="Skadegörelse på lekplatsen")
    client.force_login(coordinator)
    page = client.get(reverse("forums:detail", args=[partnership.pk])).content.decode()
    assert reverse("casework:measure_add", args=[problem.pk]) in page
    client.post(
        reverse("casework:measure_add", args=[problem.pk]), {"title": "Ny belysning", "next_follow_up": "2027-01-15"}
    )
    added = Measure.objects.get(problem=problem)
    assert added.title == "Ny belysning" and str(added.next_follow_up) == "2027-01-15"


def test_measure_edit__participating_organisations_as_checkboxes(client, coordinator, measure):
    org = OrganisationFactory(name="Fältgruppen")
    client.force_login(coordinator)
    form = client.get(reverse("casework:measure_edit", args=[measure.pk]), **HTMX).content.decode()
    assert 'type="checkbox"' in form and "Fältgruppen" in form
    client.post(
        reverse("casework:measure_edit", args=[measure.pk]),
        {"version": 1, "title": measure.title, "classification": "internal", "participating_organisations": [org.pk]},
        **HTMX,
    )
    assert list(measure.participating_organisations.all()) == [org]
