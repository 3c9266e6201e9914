import pytest

from tests.factories import MeasureFactory, OrganisationFactory, ProblemFactory, user_with_role
from tryggsam.accounts import permissions
from tryggsam.accounts.models import Role
from tryggsam.casework.models import Measure
from tryggsam.casework.selectors import measures_visible_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_measures(police):
    return {
        c: MeasureFactory(
            problem=ProblemFactory(classification=c, owner_organisation=police),
            classification=c,
            owner_organisation=police,
        )
        for c in ("open", "internal", "restricted")
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {"open"}),
        ("reader_other_org", {"open", "internal"}),
        ("coordinator_other_org", {"open", "internal"}),
        ("reader_owner_org", {"open", "internal", "restricted"}),
        ("superuser", {"open", "internal", "restricted"}),
    ],
)
def test_visible_q__matches_can_view_for_every_classification(who, expected, three_measures, police, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    users = {
        "anonymous": lambda: AnonymousUser(),
        "reader_other_org": lambda: user_with_role(Role.READER, OrganisationFactory(name="Skola")),
        "coordinator_other_org": lambda: user_with_role(Role.COORDINATOR, OrganisationFactory(name="Förvaltning")),
        "reader_owner_org": lambda: user_with_role(Role.READER, police),
        "superuser": lambda: django_user_model.objects.create_superuser("root@exempel.se", "x" * 12, full_name="Root"),
    }
    user = users[who]()
    listed = set(measures_visible_to(user).values_list("classification", flat=True))
    assert listed == expected
    assert {c for c, m in three_measures.items() if permissions.can_view(user, m)} == expected


def test_visible_q__shared_with_organisation_sees_restricted(three_measures):
    school = OrganisationFactory(name="Skolan i parken")
    restricted = three_measures["restricted"]
    restricted.shared_with.add(school)
    restricted.problem.shared_with.add(school)
    reader = user_with_role(Role.READER, school)
    assert permissions.can_view(reader, restricted)
    assert measures_visible_to(reader).filter(pk=restricted.pk).exists()


def test_inactive_user__sees_only_open(three_measures, police):
    user = user_with_role(Role.COORDINATOR, police, is_active=False)
    assert set(measures_visible_to(user).values_list("classification", flat=True)) == {"open"}


@pytest.mark.parametrize(
    ("role", "can_edit_own_org"),
    [("reader", False), ("reporter", False), ("member", True), ("coordinator", True), ("admin", True)],
)
def test_can_edit_measure__by_role(role, can_edit_own_org, police):
    measure = MeasureFactory(responsible_organisation=police)
    user = user_with_role(role, police)
    assert permissions.can_edit_measure(user, measure) is can_edit_own_org
    assert user.has_perm("casework.change_measure", measure) is can_edit_own_org
    assert Measure.objects.count() == 1


def test_highest_rank__follows_a_role_change_after_forget_roles(police):
    """The rank is kept with the cached roles (a work table asks it thousands of times per request);
    when the roles are read anew, so is the rank."""
    user = user_with_role(Role.READER, police)
    assert permissions.highest_rank(user) == permissions.ROLE_RANK[Role.READER]
    assert not permissions.is_coordinator(user)
    user.memberships.update(role=Role.COORDINATOR)
    permissions.forget_roles(user)
    assert permissions.highest_rank(user) == permissions.ROLE_RANK[Role.COORDINATOR]
    assert permissions.is_coordinator(user)


def _rights_of(rights: permissions.WorkTableRights, measure: Measure) -> bool:
    return rights.can_edit_measure(
        responsible_user_id=measure.responsible_user_id,
        responsible_organisation_id=measure.responsible_organisation_id,
        owner_organisation_id=measure.owner_organisation_id,
        participating_organisation_ids=frozenset(measure.participating_organisations.values_list("pk", flat=True)),
    )


@pytest.mark.parametrize("role", [Role.READER, Role.REPORTER, Role.MEMBER, Role.COORDINATOR, Role.ADMIN])
def test_work_table_rights__agree_with_the_predicates_on_every_visible_measure(role, police, district_admin):
    """`WorkTableRights` answers the per-row questions once per distinct input: for measures read through
    `visible_q` it must say what `can_edit_measure` and `can_add_measure` say, whoever asks."""
    housing = OrganisationFactory(name="Bostadsbolaget")
    person = user_with_role(Role.MEMBER, housing)
    for c in ("open", "internal", "restricted"):
        problem = ProblemFactory(classification=c, owner_organisation=police)
        MeasureFactory(problem=problem, classification=c, owner_organisation=police)
        MeasureFactory(problem=problem, classification=c, owner_organisation=police, responsible_organisation=housing)
        MeasureFactory(problem=problem, classification=c, owner_organisation=police, responsible_user=person)
        MeasureFactory(problem=problem, classification=c, owner_organisation=police).participating_organisations.add(
            housing, district_admin
        )
    readers = [
        user_with_role(role, police),
        user_with_role(role, housing),
        user_with_role(role, OrganisationFactory(name="Annan")),
        person,
    ]
    for reader in readers:
        rights = permissions.WorkTableRights(reader)
        measures = list(measures_visible_to(reader).select_related("problem"))
        assert measures
        for measure in measures:
            assert _rights_of(rights, measure) == permissions.can_edit_measure(reader, measure), (reader, measure)
            assert rights.can_add_measure() == permissions.can_add_measure(reader, measure.problem)


def test_work_table_rights__are_the_readers_own(police):
    """The rights remember their answers per input, for their own reader only: another reader asking
    about the same measure gets their own answer."""
    measure = MeasureFactory(owner_organisation=police, classification="internal")
    owner_member = permissions.WorkTableRights(user_with_role(Role.MEMBER, police))
    other_member = permissions.WorkTableRights(user_with_role(Role.MEMBER, OrganisationFactory(name="Annan")))
    assert _rights_of(owner_member, measure) and _rights_of(owner_member, measure)
    assert not _rights_of(other_member, measure)
    assert owner_member.can_add_measure() and other_member.can_add_measure()
    reader = permissions.WorkTableRights(user_with_role(Role.READER, police))
    assert not _rights_of(reader, measure) and not reader.can_add_measure()
