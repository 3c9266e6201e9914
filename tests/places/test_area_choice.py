import pytest
from django import forms

from tests.factories import AreaFactory
from tryggsam.core.text import swedish_sort_key
from tryggsam.places.forms import AreaChoiceField
from tryggsam.places.models import Area, AreaLevel

pytestmark = pytest.mark.django_db


def test_swedish_sort_key__a_ring_a_umlaut_o_umlaut_after_z():
    names = ["Örby", "Älvsjö", "Åkeshov", "Zinkensdamm", "Äppelviken", "aspudden"]
    assert sorted(names, key=swedish_sort_key) == ["aspudden", "Zinkensdamm", "Åkeshov", "Älvsjö", "Äppelviken", "Örby"]


class _Form(forms.Form):
    area = AreaChoiceField(queryset=Area.objects.filter(level__in=[AreaLevel.DISTRICT_AREA, AreaLevel.DISTRICT]))


def test_area_choice__grouped_by_level_and_same_names_told_apart():
    farsta_area = AreaFactory(name="Farsta", level=AreaLevel.DISTRICT_AREA)
    farsta = AreaFactory(name="Farsta", level=AreaLevel.DISTRICT, parent=farsta_area)
    AreaFactory(name="Älvsjö", level=AreaLevel.DISTRICT, parent=farsta_area)
    AreaFactory(name="Åkeshov", level=AreaLevel.DISTRICT, parent=farsta_area)
    html = str(_Form()["area"])
    assert '<optgroup label="Stadsdelsområden">' in html and '<optgroup label="Stadsdelar">' in html
    assert html.index("Åkeshov") < html.index("Älvsjö")
    assert html.index('label="Stadsdelar"') < html.index(f'value="{farsta.pk}"')
    form = _Form({"area": farsta.pk})
    assert form.is_valid() and form.cleaned_data["area"] == farsta
    assert not _Form({"area": "999999"}).is_valid()


def test_area_choice__one_level_is_a_flat_list():
    AreaFactory(name="Bagarmossen", level=AreaLevel.DISTRICT)

    class Districts(forms.Form):
        area = AreaChoiceField(queryset=Area.objects.filter(level=AreaLevel.DISTRICT))

    html = str(Districts()["area"])
    assert "optgroup" not in html and "Bagarmossen" in html
