"""Choosing an area in a form: grouped by level (district areas, districts, places), in Swedish
alphabetical order, so that a district and a district area of the same name can be told apart."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tryggsam.core.forms import GroupedModelChoiceField, ModelMultipleChoiceField, _GroupedChoices
from tryggsam.core.personal_data.forms import PersonalDataGuardMixin
from tryggsam.places.models import POPULATION_FIRST_YEAR, POPULATION_LAST_YEAR, Area, AreaLevel

GROUP_LABELS = {
    AreaLevel.DISTRICT_AREA: _("Stadsdelsområden"),
    AreaLevel.DISTRICT: _("Stadsdelar"),
    AreaLevel.PLACE: _("Platser"),
}


class AreaChoiceField(GroupedModelChoiceField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, group=lambda area: GROUP_LABELS[area.level], **kwargs)

    def order_groups(self, names: list[str]) -> list[str]:
        order = [str(label) for label in GROUP_LABELS.values()]
        return sorted(names, key=order.index)


class AreaMultipleChoiceField(ModelMultipleChoiceField):
    """Several areas, grouped and ordered like `AreaChoiceField` (e.g. a partnership's places)."""

    empty_label = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.group = lambda area: GROUP_LABELS[area.level]
        super().__init__(*args, **kwargs)

    def order_groups(self, names: list[str]) -> list[str]:
        order = [str(label) for label in GROUP_LABELS.values()]
        return sorted(names, key=order.index)

    def _get_choices(self) -> Any:
        return _GroupedChoices(self)  # type: ignore[arg-type]

    choices = property(_get_choices, ModelMultipleChoiceField.choices.fset)  # type: ignore[union-attr,assignment]


class PopulationForm(PersonalDataGuardMixin, forms.Form):
    """An area's population in a year, entered by hand (a new figure, or a change of one)."""

    area = AreaChoiceField(queryset=Area.objects.order_by("name", "pk"), label=_("Område"))
    year = forms.IntegerField(label=_("År"), min_value=POPULATION_FIRST_YEAR, max_value=POPULATION_LAST_YEAR)
    inhabitants = forms.IntegerField(label=_("Invånare"), min_value=1, max_value=100_000_000)
    note = forms.CharField(
        label=_("Anteckning"),
        max_length=300,
        required=False,
        help_text=_("Till exempel källan: ”SCB, befolkning 31 december”."),
    )
