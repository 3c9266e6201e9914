"""Forms for a goal (its indicator, baseline and target) and for a hand-entered reading."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tryggsam.core.forms import ModelMultipleChoiceField
from tryggsam.core.personal_data.forms import PersonalDataGuardMixin
from tryggsam.goals.models import Direction, Goal, IndicatorKind, ManualReading, PeriodKind, StatisticMeasureChoice
from tryggsam.goals.services import Indicator
from tryggsam.incidents.models import IncidentCategory
from tryggsam.places.forms import AreaChoiceField, AreaMultipleChoiceField
from tryggsam.places.models import Area


class DateInput(forms.DateInput):
    input_type = "date"


def _blank(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


class GoalForm(PersonalDataGuardMixin, forms.Form):
    """The service checks the indicator as a whole (goals.services._checked); the form only parses."""

    text = forms.CharField(label=_("Mål"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    indicator = forms.ChoiceField(label=_("Indikator"), choices=IndicatorKind.choices)
    categories = ModelMultipleChoiceField(
        label=_("Händelsekategorier"), queryset=IncidentCategory.objects.filter(active=True), required=False,
        help_text=_("För indikatorn ”händelser i situationsbilden”."),
    )  # fmt: skip
    areas = AreaMultipleChoiceField(label=_("Områden"), queryset=Area.objects.all(), required=False)
    period_kind = forms.ChoiceField(label=_("Räknas per"), choices=_blank(PeriodKind.choices), required=False)
    area = AreaChoiceField(
        label=_("Område"), queryset=Area.objects.all(), required=False,
        help_text=_("För trygghetsmätning och statistikserie."),
    )  # fmt: skip
    survey_question = forms.CharField(label=_("Fråga i trygghetsmätningen"), max_length=300, required=False)
    statistic_category = forms.CharField(label=_("Brottskategori i statistiken"), max_length=200, required=False)
    statistic_measure = forms.ChoiceField(
        label=_("Mått"), choices=_blank(StatisticMeasureChoice.choices), required=False
    )
    unit = forms.CharField(
        label=_("Enhet"), max_length=60, required=False, help_text=_("För värden som förs in för hand, t.ex. ”%”.")
    )
    baseline_period = forms.CharField(
        label=_("Utgångsperiod"), max_length=12, help_text=_("T.ex. 2025, 2025-03, 2025-K1 eller 2025-T1.")
    )
    baseline_value = forms.FloatField(
        label=_("Utgångsvärde"), required=False,
        help_text=_("Räknas fram ur data när indikatorn har ett värde för utgångsperioden."),
    )  # fmt: skip
    target_value = forms.FloatField(label=_("Målvärde"))
    target_date = forms.DateField(label=_("Måldatum"), widget=DateInput)
    direction = forms.ChoiceField(label=_("Riktning"), choices=Direction.choices)

    def spec(self) -> Indicator:
        data = self.cleaned_data
        return Indicator(
            text=data["text"],
            indicator=data["indicator"],
            baseline_period=data["baseline_period"],
            baseline_value=data.get("baseline_value"),
            target_value=data["target_value"],
            target_date=data["target_date"],
            direction=data["direction"],
            categories=list(data.get("categories") or []),
            areas=list(data.get("areas") or []),
            period_kind=data.get("period_kind") or "",
            area=data.get("area"),
            survey_question=data.get("survey_question") or "",
            statistic_category=data.get("statistic_category") or "",
            statistic_measure=data.get("statistic_measure") or "",
            unit=data.get("unit") or "",
        )

    @staticmethod
    def initial_for(goal: Goal) -> dict[str, Any]:
        names = (
            "text", "indicator", "period_kind", "area", "survey_question", "statistic_category",
            "statistic_measure", "unit", "baseline_period", "baseline_value", "target_value", "target_date",
            "direction",
        )  # fmt: skip
        initial = {name: getattr(goal, name) for name in names}
        initial["categories"] = list(goal.categories.all())
        initial["areas"] = list(goal.areas.all())
        return initial


class ReadingForm(PersonalDataGuardMixin, forms.Form):
    date = forms.DateField(label=_("Datum"), widget=DateInput)
    value = forms.FloatField(label=_("Värde"))
    low = forms.FloatField(label=_("Osäkerhet, nedre gräns"), required=False)
    high = forms.FloatField(label=_("Osäkerhet, övre gräns"), required=False)
    source = forms.CharField(label=_("Källa"), max_length=300, required=False)

    @staticmethod
    def initial_for(reading: ManualReading) -> dict[str, Any]:
        return {name: getattr(reading, name) for name in ("date", "value", "low", "high", "source")}
