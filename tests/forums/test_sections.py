"""What the apps above forums fill in on forums' pages (issue 14: forums announce, the higher apps
listen): the forum page's sections (meetings, work tables) and a finding counted as an incident."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import ForumFactory, SafetyWalkFactory
from tryggsam.core.models import Classification
from tryggsam.forums import finding_counting, sections
from tryggsam.forums.forms import FindingForm
from tryggsam.forums.models import Finding
from tryggsam.incidents.models import Incident, IncidentSource
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.meetings.models import Meeting
from tryggsam.meetings.recurrence import propose_dates

pytestmark = pytest.mark.django_db


def test_sections__registered_by_casework_and_meetings():
    placed = {s.name: (s.slot, s.template) for s in sections._sections.values()}
    assert placed == {
        "work_tables": (sections.AFTER_DESCRIPTION, "casework/_forum_work_tables.html"),
        "meetings": (sections.AFTER_FACTS, "meetings/_forum_meetings.html"),
        "causes": (sections.AFTER_DESCRIPTION, "causes/_section_forum.html"),
    }


def test_register_section__unknown_slot_refused():
    with pytest.raises(ValueError):
        sections.register_section(sections.ForumSection("x", "sidebar", "x.html", lambda u, f, m: {}))


def test_forum_detail__meetings_before_description_before_work_tables(client, coordinator):
    forum = ForumFactory(description="Beskrivningen av forumet", cadence="varannan vecka")
    client.force_login(coordinator)
    page = client.get(reverse("forums:detail", args=[forum.pk])).content.decode()
    proposals, description = page.index("Föreslagna mötesdatum"), page.index("Beskrivningen av forumet")
    tables, members = page.index(reverse("casework:problem_add", args=[forum.pk])), page.index('id="medlemmar"')
    assert proposals < description < tables < members


def test_finding_form__category_field_comes_from_incidents():
    ensure_default_categories()
    field = FindingForm().fields["category"]
    assert field.label == "Räkna i lägesbilden som" and field.queryset.exists()


def test_finding_add__posted_category_counts_through_the_registered_counter(client, police_member, monkeypatch):
    category = next(iter(ensure_default_categories().values()))
    walk = SafetyWalkFactory(title="Vandring vid torget")
    client.force_login(police_member)
    url = reverse("forums:finding_add", args=[walk.pk])
    assert client.post(url, {"text": "Trasig lampa", "category": category.pk}).status_code == 302
    assert Incident.objects.get(source=IncidentSource.SAFETY_WALK).categories.get() == category
    monkeypatch.setattr(finding_counting, "_counters", [])  # nothing counts findings: the field is not offered
    assert "category" not in FindingForm().fields
    assert Finding.objects.count() == 1


def test_forum_detail__next_meetings_as_the_reader_may_see_them(client, coordinator, police_member):
    forum = ForumFactory()
    day = dt.date.today() + dt.timedelta(days=10)
    Meeting.objects.create(forum=forum, date=day, start_time=dt.time(9), end_time=dt.time(11, 30), location="Rum <4>")
    Meeting.objects.create(
        forum=forum,
        date=day + dt.timedelta(days=1),
        location="Hemliga rummet",
        classification=Classification.RESTRICTED,
        owner_organisation=police_member.memberships.get().organisation,
    )
    Meeting.objects.create(forum=forum, date=dt.date.today() - dt.timedelta(days=1), location="Förra mötet")
    url = reverse("forums:detail", args=[forum.pk])
    client.force_login(police_member)
    page = client.get(url).content.decode()
    assert "kl. 09.00–11.30, Rum &lt;4&gt;</li>" in page and "Hemliga rummet" in page
    assert "Förra mötet" not in page
    client.force_login(coordinator)  # another reader: not the police's restricted meeting
    page = client.get(url).content.decode()
    assert "Rum &lt;4&gt;" in page and "Hemliga rummet" not in page
    Meeting.objects.filter(location="Rum <4>").update(location="Rum 5")  # a changed meeting shows anew
    assert "kl. 09.00–11.30, Rum 5</li>" in client.get(url).content.decode()


def test_propose_dates__no_rhythm_in_the_cadence_reads_nothing(django_assert_num_queries):
    forum = ForumFactory(cadence="när det behövs")
    with django_assert_num_queries(0):
        assert propose_dates(forum) == []
