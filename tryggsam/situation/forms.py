import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tryggsam.core.forms import ModelChoiceField
from tryggsam.places.models import Area, AreaLevel


class SituationForm(forms.Form):
    area = ModelChoiceField(
        label=_("Område"),
        queryset=Area.objects.filter(level__in=[AreaLevel.DISTRICT_AREA, AreaLevel.DISTRICT]).order_by("level", "name"),
    )
    start = forms.DateField(label=_("Från"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Till"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("Slutdatum kan inte vara före startdatum."))
            elif (end - start).days > 3 * 366:
                self.add_error("end", _("Välj en period på högst tre år."))
        return data

    @staticmethod
    def default_period() -> tuple[dt.date, dt.date]:
        end = timezone.localdate()
        return end - dt.timedelta(days=29), end
