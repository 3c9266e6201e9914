"""The area options are grouped and sorted once per process for each set of rows the policy lets a
user choose from (`places.forms._AreaChoices`): the same options as before, and never another
user's options from the cache."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import AreaFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.core.forms import GroupedModelChoiceField
from tryggsam.places import forms as place_forms
from tryggsam.places.models import Area, AreaLevel
from tryggsam.situation.forms import SituationForm

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    place_forms._grouped.cache_clear()
    yield
    place_forms._grouped.cache_clear()


@pytest.fixture
def areas():
    south = AreaFactory(name="Söder", level=AreaLevel.DISTRICT_AREA)
    AreaFactory(name="Älvsjö", level=AreaLevel.DISTRICT, parent=south)
    AreaFactory(name="Åkeshov", level=AreaLevel.DISTRICT, parent=south)
    AreaFactory(name="Söder", level=AreaLevel.DISTRICT, parent=south)  # the same name on another level
    AreaFactory(name="Torget vid tunnelbanan", level=AreaLevel.PLACE)


def test_area_options__are_those_of_the_grouped_field(areas):
    queryset = Area.objects.order_by("name", "pk")
    generic = GroupedModelChoiceField(queryset=queryset, group=lambda a: place_forms.GROUP_LABELS[a.level])
    generic.order_groups = place_forms._order_groups  # type: ignore[method-assign]
    expected = list(generic.choices)
    assert list(place_forms.AreaChoiceField(queryset=queryset).choices) == expected
    assert list(place_forms.AreaChoiceField(queryset=queryset).choices) == expected  # from the cache
    assert place_forms._grouped.cache_info().hits == 1


def test_two_users_with_different_rights__get_their_own_options(areas):
    member = user_with_role(Role.MEMBER)
    member_html = str(SituationForm(user=member)["area"])
    public_html = str(SituationForm(user=AnonymousUser())["area"])  # the cache holds the member's options
    assert "Torget vid tunnelbanan" in member_html
    assert "Torget vid tunnelbanan" not in public_html
    place_forms._grouped.cache_clear()
    assert str(SituationForm(user=AnonymousUser())["area"]) == public_html


def test_a_renamed_area__is_shown_from_a_warm_cache(areas):
    member = user_with_role(Role.MEMBER)
    assert "Åkeshov" in str(SituationForm(user=member)["area"])
    Area.objects.filter(name="Åkeshov").update(name="Akalla")  # not even through an audited service
    html = str(SituationForm(user=member)["area"])
    assert "Akalla" in html and "Åkeshov" not in html
