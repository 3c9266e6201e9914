"""The start page of a member: their forums and the forums' next meetings, and the latest changes
they may read (the feed reads only the event fields it shows; the policy decides every record)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ForumFactory,
    ForumMemberFactory,
    MeasureFactory,
    OrganisationFactory,
    ProblemFactory,
    user_with_role,
)
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditAction
from tryggsam.audit.services import audit_record
from tryggsam.casework.selectors import measures_due, shown_due
from tryggsam.home.selectors import latest_changes_for
from tryggsam.meetings.models import Meeting
from tryggsam.meetings.selectors import next_meetings

pytestmark = pytest.mark.django_db


def _measure(title, classification, owner):
    problem = ProblemFactory(classification=classification, owner_organisation=owner)
    return MeasureFactory(problem=problem, title=title, classification=classification, owner_organisation=owner)


def test_feed__shows_the_action_in_the_reader_language_and_hides_what_they_may_not_read(client):
    police, school = OrganisationFactory(name="Polisen"), OrganisationFactory(name="Skolan")
    officer, teacher = user_with_role(Role.READER, police), user_with_role(Role.READER, school)
    secret = _measure("Spaning vid torget", "restricted", police)
    common = _measure("Belysning i parken", "internal", police)
    audit_record(actor=officer, action=AuditAction.CREATE, obj=secret)
    audit_record(actor=officer, action=AuditAction.STATUS, obj=common)

    client.force_login(officer)
    html = client.get(reverse("home:start")).content.decode()
    assert "skapad – Spaning vid torget" in html and "status ändrad – Belysning i parken" in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "created – Spaning vid torget" in client.get(reverse("home:start")).content.decode()

    client.force_login(teacher)
    html = client.get(reverse("home:start")).content.decode()
    assert "Spaning vid torget" not in html and "Belysning i parken" in html
    assert [e.object_repr for e in latest_changes_for(teacher)] == [str(common)]
    assert [e.object_repr for e in latest_changes_for(officer)] == [str(common), str(secret)]


def test_my_forums_and_their_next_meetings(client):
    police = OrganisationFactory(name="Polisen")
    member = user_with_role(Role.MEMBER, police)
    mine = ForumFactory(name="Trygg i Centrum", cadence="varannan vecka")
    ForumMemberFactory(forum=mine, user=member)
    other = ForumFactory(name="Trygg i Hamnen")
    when = dt.date.today() + dt.timedelta(days=3)
    Meeting.objects.create(forum=mine, date=when, location="Stadshuset", owner_organisation=police)
    Meeting.objects.create(forum=other, date=when, location="Hamnkontoret", owner_organisation=police)

    client.force_login(member)
    html = client.get(reverse("home:start")).content.decode()
    assert 'Trygg i Centrum</a> <span class="muted">– varannan vecka</span>' in html
    assert "Trygg i Hamnen" not in html
    assert ": Trygg i Centrum, Stadshuset</li>" in html and "Hamnkontoret" not in html


def test_my_due_follow_ups__each_reader_sees_the_measures_the_policy_lets_them_read(client):
    police, school = OrganisationFactory(name="Polisen"), OrganisationFactory(name="Skolan")
    officer, teacher = user_with_role(Role.MEMBER, police), user_with_role(Role.MEMBER, school)
    officer.full_name = "Olle Polis"
    officer.save()
    forum = ForumFactory(name="Trygg i Centrum")
    overdue = dt.date.today() - dt.timedelta(days=3)
    soon = dt.date.today() + dt.timedelta(days=5)
    secret = MeasureFactory(
        problem=ProblemFactory(classification="restricted", owner_organisation=police, forum=forum, title="Spaning"),
        title="Spaning vid torget",
        responsible_user=officer,
        next_follow_up=overdue,
    )
    common = MeasureFactory(
        problem=ProblemFactory(classification="internal", owner_organisation=police, forum=None, title="Mörk park"),
        title="Belysning i parken",
        responsible_user=teacher,
        responsible_organisation=school,
        next_follow_up=soon,
        status="planned",
    )
    # Both are the teacher's too on the list of everything due: the policy, not the responsible, decides.
    shared = MeasureFactory(
        problem=secret.problem, title="Kameror vid torget", responsible_text="Fastighetsägaren", next_follow_up=soon
    )

    client.force_login(officer)
    html = client.get(reverse("home:start")).content.decode()
    assert "Spaning vid torget" in html and "försenad" in html and "Trygg i Centrum" in html
    assert "Belysning i parken" not in html  # not the officer's
    assert [m.pk for m in shown_due(measures_due(officer))] == [secret.pk, common.pk, shared.pk]
    row = shown_due(measures_due(officer))[1]
    assert (row.problem_title, row.forum_name, row.responsible_label, row.status_label) == (
        "Mörk park",
        None,
        f"{teacher.full_name or teacher.email}, Skolan",
        "Planerad",
    )
    assert shown_due(measures_due(officer))[0].responsible_label == "Olle Polis"
    assert shown_due(measures_due(officer))[2].responsible_label == "Fastighetsägaren"

    client.force_login(teacher)
    html = client.get(reverse("home:start")).content.decode()
    assert "Belysning i parken" in html and "Mörk park" in html and "Spaning vid torget" not in html
    assert [m.pk for m in shown_due(measures_due(teacher))] == [common.pk]
    html = client.get(reverse("casework:due") + "?visa=alla").content.decode()
    assert "Belysning i parken" in html and "Kameror vid torget" not in html


def test_next_meetings__each_reader_sees_the_meetings_the_policy_lets_them_read(client):
    police, school = OrganisationFactory(name="Polisen"), OrganisationFactory(name="Skolan")
    officer, teacher = user_with_role(Role.MEMBER, police), user_with_role(Role.MEMBER, school)
    forum = ForumFactory(name="Trygg i Centrum")
    ForumMemberFactory(forum=forum, user=officer)
    ForumMemberFactory(forum=forum, user=teacher)
    when = dt.date.today() + dt.timedelta(days=3)
    Meeting.objects.create(
        forum=forum,
        date=when,
        start_time=dt.time(9),
        end_time=dt.time(10, 30),
        location="Polishuset",
        owner_organisation=police,
        classification="restricted",
    )
    Meeting.objects.create(
        forum=forum, date=when + dt.timedelta(days=1), location="Stadshuset", owner_organisation=police
    )

    client.force_login(officer)
    html = client.get(reverse("home:start")).content.decode()
    assert "kl. 09.00–10.30: Trygg i Centrum, Polishuset</li>" in html and ": Trygg i Centrum, Stadshuset</li>" in html
    assert [m.location for m in next_meetings(officer, forums=[forum.pk], limit=5)] == ["Polishuset", "Stadshuset"]

    client.force_login(teacher)
    html = client.get(reverse("home:start")).content.decode()
    assert "Polishuset" not in html and ": Trygg i Centrum, Stadshuset</li>" in html
    assert [m.location for m in next_meetings(teacher, forums=[forum.pk], limit=5)] == ["Stadshuset"]
    assert next_meetings(teacher, forums=[], limit=5) == []


def test_feed__every_kind_of_record_checked_in_one_statement(client):
    police, school = OrganisationFactory(name="Polisen"), OrganisationFactory(name="Skolan")
    officer, teacher = user_with_role(Role.READER, police), user_with_role(Role.READER, school)
    secret, common = _measure("Spaning vid torget", "restricted", police), _measure("Belysning", "internal", police)
    forum = ForumFactory(name="Hemligt forum", classification="restricted", owner_organisation=police)
    for obj in (secret, common, secret.problem, common.problem, forum):
        audit_record(actor=officer, action=AuditAction.UPDATE, obj=obj)

    def feed(reader):
        return {e.object_repr for e in latest_changes_for(reader)}

    assert feed(officer) == {str(o) for o in (secret, common, secret.problem, common.problem, forum)}
    assert feed(teacher) == {str(common), str(common.problem)}
    with CaptureQueriesContext(connection) as queries:
        feed(teacher)
    assert len(queries) == 2  # the events, and whether the reader may read each of their records
