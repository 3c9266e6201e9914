"""Forms of the prioritisation pages: the council's rhythm, a new list's period, and a list's areas."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tryggsam.core.personal_data.forms import PersonalDataGuardMixin
from tryggsam.places.models import Area
from tryggsam.priorities.models import PriorityList
from tryggsam.priorities.periods import Period, PeriodError, Rhythm, parse_period
from tryggsam.priorities.services import MAX_ENTRIES


class RhythmForm(forms.Form):
    rhythm = forms.ChoiceField(label=gettext_lazy("Rådet prioriterar per"), choices=Rhythm.choices)


class NewListForm(PersonalDataGuardMixin, forms.Form):
    """The period of a new draft list, as a key of the council's rhythm ("2026-T2")."""

    period = forms.CharField(label=gettext_lazy("Period"), max_length=10)

    def __init__(self, *args: Any, rhythm: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rhythm = rhythm

    def clean_period(self) -> Period:
        try:
            return parse_period(self.cleaned_data["period"], self.rhythm)
        except PeriodError as exc:
            raise forms.ValidationError(str(exc)) from exc


class EntriesForm(PersonalDataGuardMixin, forms.Form):
    """For each of the council's areas a place in the list (empty: not prioritised) and a
    justification. Written out as a table of number and text fields: keyboard only, no dragging."""

    def __init__(self, *args: Any, areas: list[Area], priority_list: PriorityList, **kwargs: Any) -> None:
        current = {e.area_id: e for e in priority_list.entries.all()}
        initial: dict[str, Any] = {}
        for area in areas:
            entry = current.get(area.pk)
            if entry is not None:
                initial[f"plats_{area.pk}"] = entry.position
                initial[f"motivering_{area.pk}"] = entry.justification
        super().__init__(*args, initial=initial, **kwargs)
        self.areas = areas
        for area in areas:
            self.fields[f"plats_{area.pk}"] = forms.IntegerField(
                label=_("Plats för %(area)s") % {"area": area.name},
                required=False,
                min_value=1,
                max_value=MAX_ENTRIES,
            )
            self.fields[f"motivering_{area.pk}"] = forms.CharField(
                label=_("Motivering för %(area)s") % {"area": area.name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self) -> list[tuple[Area, forms.BoundField, forms.BoundField]]:
        return [(a, self[f"plats_{a.pk}"], self[f"motivering_{a.pk}"]) for a in self.areas]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        places = [(data.get(f"plats_{a.pk}"), a) for a in self.areas if data.get(f"plats_{a.pk}") is not None]
        numbers = [n for n, _a in places]
        if len(numbers) != len(set(numbers)):
            raise forms.ValidationError(_("Två områden har fått samma plats. Ge varje område en egen plats."))
        return data

    def entries(self) -> list[tuple[Area, str]]:
        """The chosen areas in the order of their places (renumbered 1, 2, … by the service)."""
        data = self.cleaned_data
        chosen = [(data[f"plats_{a.pk}"], a) for a in self.areas if data.get(f"plats_{a.pk}") is not None]
        return [(a, data.get(f"motivering_{a.pk}") or "") for _n, a in sorted(chosen, key=lambda t: t[0])]
