"""The forum page reads its work tables as values (`work_table_lines`) and asks the policy once per
distinct input (`permissions.WorkTableRights`): for every reader, every row must show what the model
rows of `work_tables` show, with the same buttons (what the predicates decide per row), and the
restricted rows are audited as read as before."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import (
    FollowUpFactory,
    MeasureFactory,
    OrganisationFactory,
    ProblemFactory,
    UserFactory,
    user_with_role,
)
from tryggsam.accounts.actors import SystemActor, SystemScope
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.casework.models import WorkKind
from tryggsam.casework.selectors import ShownFollowUp, work_table_lines, work_tables
from tryggsam.casework.templatetags import work_rows
from tryggsam.core.models import Classification
from tryggsam.places.models import Area

pytestmark = pytest.mark.django_db


def _seen(row) -> tuple:
    """What a row shows: `_shown` for a row with a measure (the row cache's key), else the fields of
    the row without a measure."""
    if row.measure is not None:
        return work_rows._shown(row)
    area = row.problem.area
    return (row.problem.pk, row.problem.title, area.name if area else None, bool(row.can_add_measure))


@pytest.fixture
def table(partnership, district_admin, police):
    """A work table with rows of every kind: responsible by text, person (with and without a name) and
    organisation; participating organisations; follow-ups visible or restricted; restricted rows; a
    problem without a measure; a development area."""
    housing = OrganisationFactory(name="Bostadsbolaget", short_name="BB")
    nameless = UserFactory(full_name="", email="utan.namn@exempel.se")
    named = UserFactory(full_name="Ansvarig Person")
    area = Area.objects.create(name="Torget", level="place")
    own = {"owner_organisation": district_admin}
    problem = ProblemFactory(forum=partnership, title="Stök på kvällar", area=area, **own)
    first = MeasureFactory(
        problem=problem, title="Vandring", participants_text="Föreningar", responsible_text="", **own
    )
    first.participating_organisations.add(police, housing)
    FollowUpFactory(measure=first, text="Äldre", date=dt.date(2026, 1, 2))
    FollowUpFactory(measure=first, text="Senaste", date=dt.date(2026, 2, 3))
    FollowUpFactory(
        measure=first, text="Begränsad", date=dt.date(2026, 3, 4), classification=Classification.RESTRICTED, **own
    )
    MeasureFactory(problem=problem, title="Belysning", responsible_user=nameless, responsible_text="", **own)
    MeasureFactory(
        problem=problem,
        title="Polisens",
        responsible_user=named,
        responsible_organisation=police,
        responsible_text="",
        owner_organisation=police,
    )
    MeasureFactory(
        problem=problem,
        title="Hemlig",
        classification=Classification.RESTRICTED,
        responsible_text="Gatukontoret",
        **own,
    )
    MeasureFactory(problem=problem, title="Bostäder", responsible_organisation=housing, responsible_text="", **own)
    ProblemFactory(forum=partnership, title="Utan åtgärd", **own)
    restricted = ProblemFactory(
        forum=partnership, title="Torget: begränsat", classification=Classification.RESTRICTED, area=area, **own
    )
    MeasureFactory(problem=restricted, title="Under begränsat", **own)
    development = ProblemFactory(forum=partnership, title="Utveckling", kind=WorkKind.DEVELOPMENT, **own)
    MeasureFactory(problem=development, title="Utvecklas", responsible_organisation=housing, **own)
    return {"housing": housing, "named": named}


def _readers(district_admin, police, housing, named):
    return {
        "coordinator": user_with_role(Role.COORDINATOR, police),
        "member of the owner": user_with_role(Role.MEMBER, district_admin),
        "member of a participant": user_with_role(Role.MEMBER, police),
        "member of the responsible": user_with_role(Role.MEMBER, housing),
        "reader of the owner": user_with_role(Role.READER, district_admin),
        "reporter": user_with_role(Role.REPORTER, housing),
        "responsible person": _with_membership(named, housing, Role.MEMBER),
        "member elsewhere": user_with_role(Role.MEMBER, OrganisationFactory(name="Annan")),
        "superuser": UserFactory(is_superuser=True),
        "anonymous": AnonymousUser(),
        "system reading all": SystemActor(purpose="test", reads=SystemScope.ALL),
        "system as coordinator": SystemActor(purpose="test", reads=SystemScope.ALL, acts_as=Role.COORDINATOR),
        "system reading the open": SystemActor(purpose="test"),
    }


def _with_membership(user, organisation, role):
    user.memberships.create(organisation=organisation, role=role)
    return user


def test_work_table_lines__show_what_the_model_rows_show_for_every_reader(table, partnership, district_admin, police):
    readers = _readers(district_admin, police, table["housing"], table["named"])
    seen_by: dict[str, list] = {}
    for name, reader in readers.items():
        expected = [(t.kind, [_seen(r) for r in t.rows]) for t in work_tables(reader, forum=partnership)]
        lines = [(t.kind, [_seen(r) for r in t.rows]) for t in work_table_lines(reader, forum=partnership)]
        assert lines == expected, name
        seen_by[name] = lines
    # The readers do differ: other rows, other buttons.
    assert seen_by["member of the owner"] != seen_by["member elsewhere"]
    assert seen_by["member of a participant"] != seen_by["member elsewhere"]
    assert seen_by["coordinator"] != seen_by["member of the owner"]  # the restricted rows
    assert seen_by["reader of the owner"] != seen_by["member of the owner"]


def test_work_table_lines__the_latest_visible_follow_up_and_the_responsible(
    table, partnership, coordinator, police_member
):
    def rows(reader):
        return {r.measure.title: r for t in work_table_lines(reader, forum=partnership) for r in t.rows if r.measure}

    assert rows(police_member)["Vandring"].latest == ShownFollowUp(dt.date(2026, 2, 3), "Senaste")
    shown = rows(coordinator)  # of the owner: reads the restricted follow-up
    assert shown["Vandring"].latest == ShownFollowUp(dt.date(2026, 3, 4), "Begränsad")
    assert [o.name for o in shown["Vandring"].participating_organisations] == ["Bostadsbolaget", "Lokalpolisområdet"]
    assert shown["Belysning"].measure.responsible_label == "utan.namn@exempel.se"
    assert shown["Polisens"].measure.responsible_label == "Ansvarig Person, Lokalpolisområdet"
    assert shown["Hemlig"].measure.responsible_label == "Gatukontoret"


def test_forum_page__audits_the_restricted_rows_it_shows(client, table, partnership, coordinator, police_member):
    client.force_login(coordinator)
    assert client.get(f"/forum/{partnership.pk}/").status_code == 200
    reads = AuditEvent.objects.filter(actor=coordinator, action="read", note=partnership.name)
    assert sorted(reads.values_list("object_type", "object_repr")) == [
        ("casework.measure", "Hemlig"),
        ("casework.measure", "Under begränsat"),
        ("casework.problem", "Torget: begränsat"),
    ]
    client.force_login(police_member)  # reads none of them
    assert client.get(f"/forum/{partnership.pk}/").status_code == 200
    assert not AuditEvent.objects.filter(actor=police_member, action="read").exists()
