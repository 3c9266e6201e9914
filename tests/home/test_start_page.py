"""The start page of a member: their forums and the forums' next meetings, and the latest changes
they may read (the feed reads only the event fields it shows; the policy decides every record)."""

import datetime as dt

import pytest
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
from tryggsam.home.selectors import latest_changes_for
from tryggsam.meetings.models import Meeting

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
