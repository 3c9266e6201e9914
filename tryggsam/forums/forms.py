"""Forms for keeping the collaboration structure: forums and their members."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Person
from tryggsam.accounts.forms import OwnedRecordFormMixin
from tryggsam.accounts.models import Organisation, OrganisationKind, User
from tryggsam.core import widgets
from tryggsam.core.errors import ServiceError
from tryggsam.core.forms import ActiveModelChoiceField, ModelChoiceField, ModelMultipleChoiceField
from tryggsam.core.models import Classification
from tryggsam.core.personal_data.forms import PersonalDataGuardMixin
from tryggsam.forums.finding_counting import count_field
from tryggsam.forums.guests import clean_guest_names
from tryggsam.forums.models import DeliveryStatus, Forum, ForumKind, ForumRole
from tryggsam.forums.routes import parse_route_text
from tryggsam.forums.selectors import forum_people, forums_visible_to
from tryggsam.places.forms import AreaChoiceField, AreaMultipleChoiceField
from tryggsam.places.models import Area


class ForumForm(OwnedRecordFormMixin, PersonalDataGuardMixin, forms.Form):
    restricted_owner_message = _("Välj vilken organisation som äger det begränsade forumet.")

    name = forms.CharField(label=_("Namn"), max_length=200)
    kind = forms.ChoiceField(label=_("Typ"), choices=ForumKind.choices)
    purpose = forms.CharField(
        label=_("Syfte"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )
    cadence = forms.CharField(
        label=_("Mötesfrekvens"),
        max_length=200,
        required=False,
        help_text=_("T.ex. ”varannan månad” eller ”första tisdagen i månaden kl. 9”."),
    )
    parent = ModelChoiceField(label=_("Styrgrupp"), queryset=Forum.objects.none(), required=False)
    area = AreaChoiceField(label=_("Område"), queryset=Area.objects.all(), required=False)
    places = AreaMultipleChoiceField(
        label=_("Platser"),
        queryset=Area.objects.all(),
        required=False,
        help_text=_("För en platssamverkan: de platser den arbetar med. Håll ned Ctrl (⌘) för att välja flera."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    description = forms.CharField(
        label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=10000
    )
    classification = forms.ChoiceField(
        label=_("Klassificering"), choices=Classification.choices, initial=Classification.INTERNAL
    )
    owner_organisation = ModelChoiceField(
        label=_("Ägande organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Krävs för ett begränsat forum: bara den organisationen ser det."),
    )

    def __init__(self, *args: Any, user: Person, forum: Forum | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = forums_visible_to(user).filter(is_active=True)
        if forum is not None:
            parents = parents.exclude(pk=forum.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.limit_owner_choices(user)


class ForumMemberForm(PersonalDataGuardMixin, forms.Form):
    user = ModelChoiceField(
        label=_("Person"),
        queryset=User.objects.filter(permissions.real_people_q(), is_active=True, memberships__isnull=False)
        .distinct()
        .order_by("full_name"),
        required=False,
        option_columns=("full_name", "email"),  # the options as values: no passwords or whole rows read
        option_label=User.label,
    )
    organisation = ActiveModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),  # a deactivated organisation takes no new seats
        required=False,
        option_columns=("name",),
        option_label=str,
        help_text=_("Personens organisation i forumet, eller en organisation utan namngiven person."),
    )
    role = forms.ChoiceField(
        label=_("Roll i forumet"), choices=ForumRole.choices, initial=ForumRole.MEMBER, widget=widgets.Select
    )
    title = forms.CharField(label=_("Titel i forumet"), max_length=200, required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        if not data.get("user") and not data.get("organisation"):
            self.add_error("user", _("Välj en person eller en organisation."))
        return data


class ArchiveForm(PersonalDataGuardMixin, forms.Form):
    reason = forms.CharField(label=_("Varför arkiveras forumet?"), max_length=500, required=False)


class MemberRoleForm(PersonalDataGuardMixin, forms.Form):
    role = forms.ChoiceField(label=_("Roll i forumet"), choices=ForumRole.choices)
    title = forms.CharField(label=_("Titel i forumet"), max_length=200, required=False)


class ProgrammeForm(PersonalDataGuardMixin, forms.Form):
    name = forms.CharField(label=_("Programmets namn"), max_length=200)
    short_name = forms.CharField(label=_("Kortnamn"), max_length=40, required=False)
    grade = forms.IntegerField(label=_("Årskurs"), min_value=0, max_value=12, required=False)
    description = forms.CharField(
        label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )


class DateInput(forms.DateInput):
    input_type = "date"


def current_school_year(today: dt.date) -> str:
    """The Swedish school year a date falls in: it starts in August ("2026/27" from August 2026)."""
    start = today.year if today.month >= 8 else today.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


class DeliveryForm(PersonalDataGuardMixin, forms.Form):
    """One programme in one school and school year: planned, held (date, classes, pupils, by whom) or not."""

    school = ActiveModelChoiceField(
        label=_("Skola"), queryset=Organisation.objects.filter(kind=OrganisationKind.SCHOOL)
    )
    school_year = forms.RegexField(
        label=_("Läsår"),
        regex=r"^\d{4}/\d{2}$",
        max_length=9,
        help_text=_("T.ex. 2026/27"),
        error_messages={"invalid": _("Skriv läsåret som 2026/27.")},
    )
    status = forms.ChoiceField(label=_("Status"), choices=DeliveryStatus.choices, initial=DeliveryStatus.PLANNED)
    delivered_on = forms.DateField(label=_("Genomfört datum"), required=False, widget=DateInput)
    classes = forms.IntegerField(label=_("Antal klasser"), min_value=0, max_value=200, required=False)
    pupils = forms.IntegerField(label=_("Antal elever"), min_value=0, max_value=100000, required=False)
    delivered_by = forms.CharField(
        label=_("Genomfört av"), max_length=200, required=False, help_text=_("Organisation eller funktion.")
    )
    note = forms.CharField(
        label=_("Anteckning"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school_year"].initial = current_school_year(timezone.localdate())

    def clean(self) -> dict:
        data = super().clean() or {}
        year = data.get("school_year") or ""
        if year and int(year[5:]) != (int(year[:4]) + 1) % 100:
            self.add_error("school_year", _("Läsåret ska vara två år i följd, t.ex. 2026/27."))
        if data.get("status") == DeliveryStatus.DELIVERED and not data.get("delivered_on"):
            self.add_error("delivered_on", _("Ange när programmet genomfördes."))
        if (
            data.get("status") == DeliveryStatus.DELIVERED
            and (data.get("delivered_on") or dt.date.min) > timezone.localdate()
        ):
            self.add_error("delivered_on", _("Ett genomfört program kan inte ha ett datum i framtiden."))
        if data.get("delivered_on") and data.get("status") in (DeliveryStatus.NOT_HELD, DeliveryStatus.DECLINED):
            self.add_error("delivered_on", _("Ett program som inte genomfördes har inget genomförandedatum."))
        return data


class SafetyWalkForm(OwnedRecordFormMixin, PersonalDataGuardMixin, forms.Form):
    restricted_owner_message = _("Välj vilken organisation som äger den begränsade vandringen.")

    title = forms.CharField(label=_("Rubrik"), max_length=200)
    date = forms.DateField(label=_("Datum"), widget=DateInput)
    area = AreaChoiceField(label=_("Område"), queryset=Area.objects.all())
    forum = ModelChoiceField(label=_("Forum"), queryset=Forum.objects.none(), required=False)
    participants = forms.CharField(
        label=_("Inbjudna och deltagare"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text=_("Organisationer och funktioner, t.ex. ”polisen, bostadsbolaget, två föreningar”."),
    )
    summary = forms.CharField(
        label=_("Sammanfattning"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=10000
    )
    route_text = forms.CharField(
        label=_("Rutt"),
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false", "aria-describedby": "route-map-help"}),
        required=False,
        max_length=100_000,
        help_text=_(
            "En punkt per rad i gångordning: koordinater (latitud, longitud, t.ex. 59.3121, 18.0012) eller "
            "namnet på en känd plats. Klick på kartan lägger till en rad."
        ),
    )
    users = ModelMultipleChoiceField(
        label=_("Inbjudna från forumet"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        error_messages={
            "invalid_choice": _(
                "En vald person är inte med i vandringens forum. Bjud in personen som gäst eller lägg till "
                "personen i forumet först."
            )
        },
        help_text=_(
            "Medlemmar i vandringens forum, med namn eller genom sin organisation (utan valt forum: medlemmarna "
            "i alla forum). Håll ned Ctrl (⌘) för att välja flera."
        ),
    )
    guests = forms.CharField(
        label=_("Inbjudna gäster"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=8000,
        help_text=_("Bara namn, ett per rad, t.ex. boende eller en förenings representant. Inga andra uppgifter."),
    )
    classification = forms.ChoiceField(
        label=_("Klassificering"), choices=Classification.choices, initial=Classification.INTERNAL
    )
    owner_organisation = ModelChoiceField(
        label=_("Ägande organisation"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        forums = forums_visible_to(user).filter(is_active=True)
        self.fields["forum"].queryset = forums  # type: ignore[attr-defined]
        if self.is_bound:
            chosen = str(self.data.get("forum", ""))
        else:
            initial_forum = self.initial.get("forum")
            chosen = str(getattr(initial_forum, "pk", initial_forum) or "")
        if chosen.isdigit() and len(chosen) < 19:  # the walk's forum: its people; else every forum's
            forums = forums.filter(pk=int(chosen))
        invited = [getattr(u, "pk", u) for u in self.initial.get("users") or []]
        self.fields["users"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            Q(pk__in=forum_people(forums).values("pk")) | Q(pk__in=invited), permissions.real_people_q()
        ).order_by("full_name")
        self.limit_owner_choices(user)

    def clean(self) -> dict:
        data = super().clean() or {}
        try:
            data["route"] = parse_route_text(data.pop("route_text", "") or "")
        except ServiceError as exc:
            self.add_error("route_text", str(exc))
        try:
            data["guests"] = clean_guest_names(data.get("guests") or "")
        except ServiceError as exc:
            self.add_error("guests", str(exc))
        return data


class FindingForm(PersonalDataGuardMixin, forms.Form):
    """What was seen, where (a name and/or a point chosen on the map), an optional photo and, optionally,
    the category it counts as in the situation picture (`finding_counting`)."""

    text = forms.CharField(label=_("Vad såg ni?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    location = forms.CharField(
        label=_("Plats"), max_length=200, required=False, help_text=_("T.ex. ”gångtunneln under spåren”.")
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-90, max_value=90)
    lon = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-180, max_value=180)
    photo = forms.FileField(
        label=_("Foto (valfritt)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
        help_text=_("Platsuppgifter och annan information i bildfilen tas bort när fotot sparas."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = count_field()  # "count in the situation picture as", from the incidents app
        if category is not None:
            self.fields["category"] = category
