from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Person
from tryggsam.accounts.models import Organisation, User
from tryggsam.casework.models import MeasureStatus
from tryggsam.core.forms import (
    ActiveModelChoiceField,
    ActiveModelMultipleChoiceField,
    ModelChoiceField,
)
from tryggsam.core.models import Classification
from tryggsam.core.personal_data.forms import PersonalDataGuardMixin
from tryggsam.forums.models import Forum
from tryggsam.forums.selectors import forums_visible_to


class DateInput(forms.DateInput):
    input_type = "date"


class MeasureForm(PersonalDataGuardMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    title = forms.CharField(label=_("Åtgärd/insats"), max_length=300)
    participants_text = forms.CharField(label=_("Deltagare"), max_length=500, required=False)
    participating_organisations = ActiveModelMultipleChoiceField(
        label=_("Deltagande organisationer"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    responsible_text = forms.CharField(label=_("Sammankallande/ansvarig"), max_length=300, required=False)
    responsible_user = ModelChoiceField(
        label=_("Ansvarig person"),
        queryset=User.objects.filter(permissions.real_people_q(), is_active=True, memberships__isnull=False).distinct(),
        required=False,
        help_text=_("Personen får uppföljningen på sin startsida."),
    )
    responsible_organisation = ActiveModelChoiceField(
        label=_("Ansvarig organisation"), queryset=Organisation.objects.all(), required=False
    )
    start_date = forms.DateField(label=_("Start"), required=False, widget=DateInput)
    end_date = forms.DateField(label=_("Slut"), required=False, widget=DateInput)
    next_follow_up = forms.DateField(label=_("Nästa uppföljning"), required=False, widget=DateInput)
    classification = forms.ChoiceField(label=_("Klassificering"), choices=Classification.choices)

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Slutdatum kan inte vara före startdatum."))
        return data


class NewMeasureForm(PersonalDataGuardMixin, forms.Form):
    title = forms.CharField(label=_("Åtgärd/insats"), max_length=300)
    participants_text = forms.CharField(label=_("Deltagare"), max_length=500, required=False)
    responsible_text = forms.CharField(label=_("Sammankallande/ansvarig"), max_length=300, required=False)
    next_follow_up = forms.DateField(label=_("Nästa uppföljning"), required=False, widget=DateInput)


class NewProblemForm(PersonalDataGuardMixin, forms.Form):
    title = forms.CharField(label=_("Problemområde"), max_length=300)
    measure_title = forms.CharField(label=_("Första åtgärd/insats"), max_length=300, required=False)
    responsible_text = forms.CharField(label=_("Sammankallande/ansvarig"), max_length=300, required=False)


class ProblemForm(PersonalDataGuardMixin, forms.Form):
    title = forms.CharField(label=_("Problemområde"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000
    )
    classification = forms.ChoiceField(label=_("Klassificering"), choices=Classification.choices)


class CloseProblemForm(PersonalDataGuardMixin, forms.Form):
    reason = forms.CharField(
        label=_("Skäl till avslut"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("T.ex. att problemet är löst, har flyttats till ett annat forum eller inte längre finns."),
        error_messages={"required": _("Skriv varför problemet avslutas.")},
    )


class ReopenProblemForm(PersonalDataGuardMixin, forms.Form):
    reason = forms.CharField(label=_("Varför öppnas problemet igen?"), max_length=500, required=False)


class StatusForm(PersonalDataGuardMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    status = forms.ChoiceField(label=_("Ny status"), choices=MeasureStatus.choices)
    note = forms.CharField(
        label=_("Uppföljning"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vad har hänt? Texten visas i kolumnen Status/uppföljning."),
        error_messages={"required": _("Skriv en uppföljningsanteckning – en statusändring måste förklaras.")},
    )
    date = forms.DateField(label=_("Datum"), required=False, widget=DateInput)
    next_follow_up = forms.DateField(
        label=_("Nästa uppföljning"),
        required=False,
        widget=DateInput,
        help_text=_("När åtgärden blir genomförd eller avbruten tas datumet bort, om du inte anger ett nytt."),
    )


class DueFilterForm(forms.Form):
    """Due follow-ups per organisation and forum (the forums the user may see)."""

    organisation = ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.all(), required=False)
    forum = ModelChoiceField(label=_("Forum"), queryset=Forum.objects.none(), required=False)

    def __init__(self, *args: Any, user: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = forums_visible_to(user)  # type: ignore[attr-defined]
