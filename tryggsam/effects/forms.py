from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tryggsam.core.forms import ModelMultipleChoiceField
from tryggsam.effects.models import MAX_PERIODS, Granularity
from tryggsam.incidents.models import IncidentCategory
from tryggsam.places.forms import AreaMultipleChoiceField
from tryggsam.places.models import Area


class EffectStudyForm(forms.Form):
    comparison_areas = AreaMultipleChoiceField(
        label=_("Jämförelseområden"),
        queryset=Area.objects.all(),
        required=False,
        help_text=_(
            "Områden där åtgärden inte gjordes. Välj inga så föreslås de som liknade åtgärdens område mest i "
            "nivå och trend före starten."
        ),
    )
    categories = ModelMultipleChoiceField(
        label=_("Kategorier"),
        queryset=IncidentCategory.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Välj inga så räknas problemets kategorier (eller alla, om problemet inte har några)."),
    )
    granularity = forms.ChoiceField(label=_("Period"), choices=Granularity.choices)
    before_periods = forms.IntegerField(label=_("Perioder före start"), min_value=2, max_value=MAX_PERIODS)
    after_periods = forms.IntegerField(label=_("Perioder efter start"), min_value=2, max_value=MAX_PERIODS)
