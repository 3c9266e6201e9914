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
