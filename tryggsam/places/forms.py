"""Choosing an area in a form: grouped by level (district areas, districts, places), in Swedish
alphabetical order, so that a district and a district area of the same name can be told apart."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tryggsam.core.forms import GroupedModelChoiceField, ModelMultipleChoiceField, _GroupedChoices
from tryggsam.core.personal_data.forms import PersonalDataGuardMixin
from tryggsam.core.text import swedish_sort_key
from tryggsam.places.models import POPULATION_FIRST_YEAR, POPULATION_LAST_YEAR, Area, AreaLevel

GROUP_LABELS = {
    AreaLevel.DISTRICT_AREA: _("Stadsdelsområden"),
    AreaLevel.DISTRICT: _("Stadsdelar"),
    AreaLevel.PLACE: _("Platser"),
}


def _order_groups(names: list[str]) -> list[str]:
    order = [str(label) for label in GROUP_LABELS.values()]
    return sorted(names, key=order.index)


Rows = tuple[tuple[int, str, str], ...]


@lru_cache(maxsize=64)
def _grouped(rows: Rows, language: str | None) -> tuple[Any, ...]:
    """The options of `_GroupedChoices` for these (pk, name, level) rows in this language: sorted the
    Swedish way by name, grouped by level when there are several levels."""
    del language  # part of the key: the group labels are translated
    groups: dict[str, list[tuple[int, str]]] = {}
    for pk, name, level in sorted(rows, key=lambda row: swedish_sort_key(row[1])):
        groups.setdefault(str(GROUP_LABELS[AreaLevel(level)]), []).append((pk, name))
    names = _order_groups(list(groups))
    if len(names) > 1:
        return tuple((name, groups[name]) for name in names)
    return tuple(option for name in names for option in groups[name])


class _AreaChoices(_GroupedChoices):
    """The area options read from three columns (not every area's geometry) and grouped and sorted once
    per process for each set of rows and language: the rows the policy lets this user choose from are
    the cache's key, so another user's choices are never shown and a changed area is a new key."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.queryset is None:
            return
        rows = tuple(self.field.queryset.values_list("pk", "name", "level"))
        yield from _grouped(rows, translation.get_language())


class AreaChoiceField(GroupedModelChoiceField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, group=lambda area: GROUP_LABELS[area.level], **kwargs)

    def order_groups(self, names: list[str]) -> list[str]:
        return _order_groups(names)

    def _get_choices(self) -> Any:
        return _AreaChoices(self)

    choices = property(_get_choices, GroupedModelChoiceField.choices.fset)  # type: ignore[attr-defined,assignment]


class AreaMultipleChoiceField(ModelMultipleChoiceField):
    """Several areas, grouped and ordered like `AreaChoiceField` (e.g. a partnership's places)."""

    empty_label = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.group = lambda area: GROUP_LABELS[area.level]
        super().__init__(*args, **kwargs)

    def order_groups(self, names: list[str]) -> list[str]:
        return _order_groups(names)

    def _get_choices(self) -> Any:
        return _AreaChoices(self)  # type: ignore[arg-type]

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
