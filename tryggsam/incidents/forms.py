from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.accounts.models import Organisation
from tryggsam.core.forms import ActiveModelChoiceField, ModelChoiceField, ModelMultipleChoiceField
from tryggsam.core.models import Classification
from tryggsam.core.personal_data.forms import PersonalDataGuardMixin
from tryggsam.incidents.models import IncidentCategory, IncidentSource, ReviewStatus
from tryggsam.incidents.selectors import DUPLICATE_STATUS, IncidentFilter
from tryggsam.incidents.tips import tip_email_days
from tryggsam.places.forms import AreaChoiceField
from tryggsam.places.models import Area, AreaLevel

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

    REPORT_FIELDS = (
        "categories", "occurred_at", "text", "lat", "lon", "place_text", "reporting_organisation",
        "classification", "shared_with",
    )  # fmt: skip

    def report(self) -> dict:
        """The cleaned values as `services.incident_report` takes them (the web form and the API alike)."""
        return {name: self.cleaned_data.get(name) for name in self.REPORT_FIELDS}


STATUS_CHOICES = [("", _("Alla")), *ReviewStatus.choices, (DUPLICATE_STATUS, _("Dubblett"))]


class IncidentFilterForm(forms.Form):
    """The list page's filter; the exports read the same form, so a file holds what the list shows."""

    district = AreaChoiceField(
        label=_("Område"),
        queryset=Area.objects.filter(level__in=[AreaLevel.DISTRICT_AREA, AreaLevel.DISTRICT, AreaLevel.PLACE]).order_by(
            "name"
        ),
        required=False,
        empty_label=_("Alla"),
    )
    category = ModelChoiceField(
        label=_("Kategori"), queryset=IncidentCategory.objects.all(), required=False, empty_label=_("Alla")
    )
    source = forms.ChoiceField(label=_("Källa"), choices=[("", _("Alla")), *IncidentSource.choices], required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=STATUS_CHOICES,
        required=False,
    )
    start = forms.DateField(label=_("Från"), required=False, widget=forms.DateInput({"type": "date"}))
    end = forms.DateField(label=_("Till"), required=False, widget=forms.DateInput({"type": "date"}))

    def __init__(self, *args: Any, user: Reader, **kwargs: Any) -> None:
        """Offers only the statuses `user` can see incidents in (a member never sees tips awaiting review)."""
        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = [
            (value, label)
            for value, label in STATUS_CHOICES
            if value in ("", DUPLICATE_STATUS) or permissions.can_see_incidents_in_review_status(user, str(value))
        ]

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("Till-datumet ligger före från-datumet."))
        return data

    def to_filter(self) -> IncidentFilter:
        """The filter as the selectors take it (nothing filtered when the form is not valid)."""
        if not self.is_valid():
            return IncidentFilter()
        data = self.cleaned_data
        return IncidentFilter(
            district=data["district"],
            category=data["category"],
            source=data["source"],
            status=data["status"],
            start=data["start"],
            end=data["end"],
        )


class IncidentEditForm(PersonalDataGuardMixin, forms.Form):
    """Edit an incident: its heading, text, time and categories (reclassify)."""

    title = forms.CharField(label=_("Rubrik"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Beskrivning"), required=False, max_length=4000, widget=forms.Textarea({"rows": 4})
    )
    occurred_at = forms.DateTimeField(
        label=_("Inträffade"), widget=DateTimeLocalInput(), input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M"]
    )
    categories = ModelMultipleChoiceField(
        label=_("Kategorier"),
        queryset=IncidentCategory.objects.order_by("position", "name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst en kategori.")},
    )


class IncidentClassifyForm(forms.Form):
    """Who may read the incident: everyone in the collaboration, or its owning organisation only."""

    classification = forms.ChoiceField(label=_("Vem får läsa?"), choices=Classification.choices)
    owner_organisation = ModelChoiceField(
        label=_("Ägande organisation"), queryset=Organisation.objects.none(), required=False, empty_label=_("Ingen")
    )

    def __init__(self, *args: object, organisations: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["owner_organisation"].queryset = organisations  # type: ignore[attr-defined]

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("classification") == Classification.RESTRICTED and not data.get("owner_organisation"):
            self.add_error("owner_organisation", _("Välj den organisation som äger en begränsad händelse."))
        return data


class IncidentDuplicateForm(forms.Form):
    """The incident this one repeats, by its number (shown on every incident's page)."""

    original = forms.IntegerField(
        label=_("Dubblett av händelse nr"),
        min_value=1,
        required=False,
        help_text=_("Numret står överst på den andra händelsens sida. Lämna tomt för att ta bort markeringen."),
    )


def answer_field() -> forms.CharField:
    """The optional answer to the resident who sent a tip: shown on the tip's status page and sent by
    e-mail. Blank gives the default text of the outcome (`tips.DEFAULT_ANSWERS`)."""
    return forms.CharField(
        label=_("Svar till tipsaren (valfritt)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 2}),
        help_text=_(
            "Visas för invånaren på tipsets statussida och skickas med e-post om hen lämnat en adress. "
            "Skriv inget internt. Lämnas det tomt får invånaren ett kort standardsvar."
        ),
    )


class IncidentProblemForm(PersonalDataGuardMixin, forms.Form):
    answer = answer_field()
    problem = ModelChoiceField(
        label=_("Problem"), queryset=Organisation.objects.none(), required=False, empty_label=_("Inget problem")
    )

    def __init__(self, *args: object, problems: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["problem"].queryset = problems  # type: ignore[attr-defined]


class RouteForm(PersonalDataGuardMixin, forms.Form):
    organisation = ActiveModelChoiceField(label=_("Skicka till"), queryset=Organisation.objects.order_by("name"))
    answer = answer_field()


class DismissForm(PersonalDataGuardMixin, forms.Form):
    reason = forms.CharField(
        label=_("Skäl att avfärda"),
        max_length=2000,
        widget=forms.Textarea({"rows": 2}),
        error_messages={"required": _("Skriv varför händelsen avfärdas.")},
        help_text=_("Internt: visas inte för den som tipsat."),
    )
    answer = answer_field()


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
    email = forms.EmailField(
        label=_("Din e-postadress (valfritt)"),
        required=False,
        max_length=254,
        help_text=_(
            "Vill du få besked om vad som händer med tipset? Då skickar vi korta meddelanden hit när tipset "
            "skickas vidare, kopplas till ett problem eller avslutas. Vi använder adressen bara till det, visar "
            "den inte för någon annan och raderar den %(days)d dagar efter att tipset har avslutats."
        ),
        error_messages={"invalid": _("Skriv en giltig e-postadress, eller lämna fältet tomt.")},
    )
    website = forms.CharField(
        required=False, widget=forms.TextInput({"tabindex": "-1", "autocomplete": "off"}), label=""
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = self.fields["email"].help_text % {"days": tip_email_days()}


class TipStatusForm(forms.Form):
    """The reference number of a tip, to see its status (a GET form: the e-mail links to the result)."""

    referens = forms.CharField(
        label=_("Referensnummer"),  # no max_length: any wrong reference gets the same "not found"
        help_text=_("Står på sidan du fick när du skickade tipset, till exempel TS-4K7QX2MB."),
        error_messages={"required": _("Skriv tipsets referensnummer.")},
    )


def finding_category_field() -> forms.Field:
    """The safety-walk finding form's "count in the situation picture as" (`forums.finding_counting`)."""
    return ModelChoiceField(
        label=_("Räkna i lägesbilden som"),
        queryset=IncidentCategory.objects.filter(active=True),
        required=False,
        help_text=_("Valfritt: då blir iakttagelsen också en händelse i lägesbilden."),
    )
