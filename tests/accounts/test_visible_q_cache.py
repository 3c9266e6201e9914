"""`permissions.visible_q` keeps a member's filter per process, keyed by the model, the prefix and the
reader's organisations: another reader (other organisations) gets another filter and another answer,
and the filter holds no data, so a change of sharing or of memberships shows at once."""

import pytest

from tests.factories import MeasureFactory, MembershipFactory, OrganisationFactory, ProblemFactory, user_with_role
from tryggsam.accounts import permissions
from tryggsam.accounts.models import Role
from tryggsam.casework.models import Measure, Problem

pytestmark = pytest.mark.django_db


def _restricted_measure(owner):
    problem = ProblemFactory(classification="restricted", owner_organisation=owner)
    return MeasureFactory(problem=problem, classification="restricted", owner_organisation=owner)


def _visible(user):
    return set(Measure.objects.filter(permissions.visible_q(user, Measure)).values_list("pk", flat=True))


def test_visible_q__same_rights_share_one_filter_other_rights_another():
    police, school = OrganisationFactory(name="Polisen"), OrganisationFactory(name="Skolan")
    first, second = user_with_role(Role.READER, police), user_with_role(Role.MEMBER, police)
    other = user_with_role(Role.READER, school)
    assert permissions.visible_q(first, Measure) is permissions.visible_q(second, Measure)
    assert permissions.visible_q(first, Measure) != permissions.visible_q(other, Measure)
    assert permissions.visible_q(first, Measure) != permissions.visible_q(first, Problem)
    assert permissions.visible_q(first, Measure) != permissions.visible_q(first, Problem, "problem__")


def test_visible_q__readers_of_other_organisations_get_other_answers_in_turn():
    police, school = OrganisationFactory(name="Polisen"), OrganisationFactory(name="Skolan")
    police_measure, school_measure = _restricted_measure(police), _restricted_measure(school)
    officer, teacher = user_with_role(Role.READER, police), user_with_role(Role.READER, school)
    for _ in range(2):  # the second round is answered from the kept filters
        assert police_measure.pk in _visible(officer) and school_measure.pk not in _visible(officer)
        assert school_measure.pk in _visible(teacher) and police_measure.pk not in _visible(teacher)


def test_visible_q__sharing_and_memberships_changed_after_the_filter_was_made_count():
    police, school = OrganisationFactory(name="Polisen"), OrganisationFactory(name="Skolan")
    measure = _restricted_measure(police)
    teacher = user_with_role(Role.READER, school)
    assert measure.pk not in _visible(teacher)
    measure.shared_with.add(school)  # the kept filter asks the sharing table at each query
    assert measure.pk in _visible(teacher)
    measure.shared_with.remove(school)
    assert measure.pk not in _visible(teacher)
    MembershipFactory(user=teacher, organisation=police, role=Role.READER)
    permissions.forget_roles(teacher)
    assert measure.pk in _visible(teacher)
