from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tryggsam.accounts.models import Organisation
from tryggsam.core.forms import ModelChoiceField, ModelMultipleChoiceField
from tryggsam.core.models import Classification
from tryggsam.incidents.models import IncidentCategory
from tryggsam.places.forms import AreaChoiceField
from tryggsam.places.models import Area, AreaLevel
from tryggsam.privacy.forms import PersonalDataGuardMixin

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format=DATETIME_LOCAL)


class IncidentReportForm(PersonalDataGuardMixin, forms.Form):
    """The partner report: what, where, when. The place is searched by name (resolved through the
    gazetteer on submit); lat/lon are filled by a map click. The free text goes through the
    personal-data guard; a restricted report can be shared with named organisations."""

    categories = ModelMultipleChoiceField(
        label=_("Vad har hänt?"),
        queryset=IncidentCategory.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst en kategori.")},
    )
    place_text = forms.CharField(
        label=_("Var?"),
        max_length=200,
        required=False,
        help_text=_("Plats, station eller stadsdel, t.ex. ”Farsta centrum”."),
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-90, max_value=90)
    lon = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-180, max_value=180)
    occurred_at = forms.DateTimeField(
        label=_("När?"), widget=DateTimeLocalInput(), input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M"]
    )
    text = forms.CharField(label=_("Beskrivning"), required=False, max_length=4000, widget=forms.Textarea({"rows": 4}))
    reporting_organisation = ModelChoiceField(
        label=_("Rapporterande organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    classification = forms.ChoiceField(
        label=_("Vem får läsa?"),
        choices=[
            (Classification.INTERNAL, _("Alla i samverkan")),
            (Classification.RESTRICTED, _("Bara min organisation")),
        ],
        initial=Classification.INTERNAL,
    )
    shared_with = ModelMultipleChoiceField(
        label=_("Dela även med"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Gäller ”Bara min organisation”: organisationer som också får läsa rapporten."),
    )

    def __init__(self, *args: object, organisations: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["reporting_organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["occurred_at"].initial = timezone.localtime().replace(second=0, microsecond=0)

    def clean(self) -> dict:
        data = super().clean() or {}
        has_point = data.get("lat") is not None and data.get("lon") is not None
        if not has_point and not (data.get("place_text") or "").strip() and "place_text" not in self.errors:
            self.add_error("place_text", _("Ange var det hände."))
        if data.get("shared_with") and data.get("classification") != Classification.RESTRICTED:
            self.add_error(
                "shared_with",
                _("Delning gäller bara rapporter som bara din organisation får läsa; alla i samverkan ser de andra."),
            )
        return data


class IncidentFilterForm(forms.Form):
    district = AreaChoiceField(
        label=_("Stadsdel"),
        queryset=Area.objects.filter(level=AreaLevel.DISTRICT),
        required=False,
        empty_label=_("Alla"),
    )
    category = ModelChoiceField(
        label=_("Kategori"), queryset=IncidentCategory.objects.all(), required=False, empty_label=_("Alla")
    )


class ResidentTipForm(PersonalDataGuardMixin, forms.Form):
    """The public tip form: no login, no name asked; personal data in the text is masked without
    asking (the page says so), and the service masks it again before saving."""

    mask_silently = True
    unguarded_fields = ["website"]  # the hidden trap for robots: never stored

    category = ModelChoiceField(
        label=_("Vad gäller det?"), queryset=IncidentCategory.objects.filter(active=True).order_by("position")
    )
    place_text = forms.CharField(
        label=_("Var?"),
        max_length=200,
        required=False,
        help_text=_("Plats, gata eller stadsdel – eller klicka på kartan."),
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-90, max_value=90)
    lon = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-180, max_value=180)
    text = forms.CharField(
        label=_("Berätta kort"),
        max_length=2000,
        widget=forms.Textarea({"rows": 4}),
        help_text=_("Skriv inte namn, personnummer eller telefonnummer; sådant tas bort innan tipset sparas."),
    )
    website = forms.CharField(
        required=False, widget=forms.TextInput({"tabindex": "-1", "autocomplete": "off"}), label=""
    )
