"""Every page a demo user reaches from the menu renders on the demo data."""

import pytest
from django.urls import reverse

from tryggsam.accounts.models import User
from tryggsam.forums.models import Forum
from tryggsam.meetings.models import Meeting
from tryggsam.plans.models import ActionPlan


def test_demo__council_and_partnerships_have_upcoming_meetings(demo):
    assert Meeting.objects.filter(forum__kind="council").count() >= 2
    assert Meeting.objects.filter(forum__kind="partnership").count() >= 3


@pytest.mark.parametrize(
    "email", ["samordnare@demo.tryggsam.se", "kommunpolis@demo.tryggsam.se", "lasare@demo.tryggsam.se", None]
)
def test_demo__every_forum_and_plan_page_renders(demo, client, email):
    if email:
        client.force_login(User.objects.get(email=email))
    urls = ["/", reverse("forums:list"), reverse("plans:list"), reverse("places:list"), reverse("casework:due")]
    urls += [reverse("forums:detail", args=[pk]) for pk in Forum.objects.values_list("pk", flat=True)]
    urls += [reverse("plans:detail", args=[pk]) for pk in ActionPlan.objects.values_list("pk", flat=True)]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 302, 404), (url, response.status_code)
        if email:
            assert response.status_code == 200, url


def test_demo__coordinator_start_page_shows_due_items_and_meetings(demo, client):
    client.force_login(User.objects.get(email="samordnare@demo.tryggsam.se"))
    html = client.get("/").content.decode()
    assert "Nästa möten" in html and "Stadsdelshuset" in html
    assert "försenad" in html
