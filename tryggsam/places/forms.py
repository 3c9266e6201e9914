"""Choosing an area in a form: grouped by level (district areas, districts, places), in Swedish
alphabetical order, so that a district and a district area of the same name can be told apart."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from tryggsam.core.forms import ModelChoiceField
from tryggsam.core.text import swedish_sort_key
from tryggsam.places.models import AreaLevel

GROUP_LABELS = {
    AreaLevel.DISTRICT_AREA: _("Stadsdelsområden"),
    AreaLevel.DISTRICT: _("Stadsdelar"),
    AreaLevel.PLACE: _("Platser"),
}


class _GroupedAreas(BaseChoiceIterator):
    """The options, read when the widget is rendered (not when the form class is defined): one
    group per level when there are several levels, otherwise the areas alone."""

    def __init__(self, field: AreaChoiceField) -> None:
        self.field = field

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        areas = sorted(self.field.queryset or [], key=lambda a: swedish_sort_key(a.name))
        levels = [level for level in GROUP_LABELS if any(a.level == level for a in areas)]
        for level in levels:
            options = [(a.pk, a.name) for a in areas if a.level == level]
            if len(levels) > 1:
                yield (GROUP_LABELS[level], options)
            else:
                yield from options


class AreaChoiceField(ModelChoiceField):
    """A ModelChoiceField over areas whose options are grouped and sorted the Swedish way."""

    def _get_choices(self) -> Any:
        return _GroupedAreas(self)

    choices = property(_get_choices, ModelChoiceField.choices.fset)  # type: ignore[union-attr,assignment]
