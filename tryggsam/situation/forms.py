import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.places.forms import AreaChoiceField
from tryggsam.places.models import Area
from tryggsam.situation.polygon import DrawnArea
from tryggsam.situation.selectors import situation_areas_for


class PolygonField(forms.CharField):
    """A polygon drawn on the map, as `lon lat,lon lat,...`; cleans to a DrawnArea."""

    widget = forms.HiddenInput

    def to_python(self, value: Any) -> DrawnArea | None:  # type: ignore[override]
        text = super().to_python(value)
        return DrawnArea.parse(text) if text else None


EARLIEST = dt.date(1900, 1, 1)


class SituationForm(forms.Form):
    """An area or a drawn polygon (exactly one), and a period of at most three years."""

    area = AreaChoiceField(
        label=_("Område"),
        required=False,
        queryset=Area.objects.none(),  # set per user in __init__: the policy's situation areas
    )
    polygon = PolygonField(label=_("Ritat område"), required=False, strip=True)
    start = forms.DateField(label=_("Från"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Till"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, user: Reader, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["area"].queryset = situation_areas_for(user)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if data.get("polygon") is not None and not permissions.can_draw_situation_polygon(self.user):
            # Raw counts of a small drawn area would single out addresses; the public picture is per area.
            self.add_error(
                "polygon", _("Logga in för att rita ett eget område; utan inloggning visas lägesbilden per område.")
            )
        for name in ("start", "end"):
            value = data.get(name)
            if value is not None and not (EARLIEST <= value <= timezone.localdate() + dt.timedelta(days=366)):
                self.add_error(name, _("Välj ett datum mellan 1900 och nästa år."))
        if self.errors:
            return data
        if start and end:
            if end < start:
                self.add_error("end", _("Slutdatum kan inte vara före startdatum."))
            elif (end - start).days > 3 * 366:
                self.add_error("end", _("Välj en period på högst tre år."))
        if "area" in data and "polygon" in data:  # both fields parsed: now exactly one of them
            if data["area"] is None and data["polygon"] is None:
                self.add_error("area", _("Välj ett område eller rita ett på kartan."))
            elif data["area"] is not None and data["polygon"] is not None:
                self.add_error("polygon", _("Välj antingen ett område eller ett ritat område, inte båda."))
        return data

    @property
    def polygon_rejected(self) -> bool:
        """Was a polygon given and refused? Such a request is answered 400."""
        return self.is_bound and "polygon" in self.errors

    @staticmethod
    def default_period() -> tuple[dt.date, dt.date]:
        end = timezone.localdate()
        return end - dt.timedelta(days=29), end
