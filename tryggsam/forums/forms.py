"""Forms for keeping the collaboration structure: forums and their members."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tryggsam.accounts import permissions
from tryggsam.accounts.models import Organisation, User
from tryggsam.core.forms import ModelChoiceField
from tryggsam.core.models import Classification
from tryggsam.forums.models import Forum, ForumKind, ForumRole
from tryggsam.forums.selectors import forums_visible_to
from tryggsam.places.forms import AreaChoiceField, AreaMultipleChoiceField
from tryggsam.places.models import Area
from tryggsam.privacy.forms import PersonalDataGuardMixin


class ForumForm(PersonalDataGuardMixin, forms.Form):
    guarded_fields = ["name", "purpose", "cadence", "description"]
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

    def __init__(self, *args: Any, user: Any, forum: Forum | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = forums_visible_to(user).filter(is_active=True)
        if forum is not None:
            parents = parents.exclude(pk=forum.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=permissions.organisation_ids(user)
        )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("classification") == Classification.RESTRICTED and not data.get("owner_organisation"):
            self.add_error("owner_organisation", _("Välj vilken organisation som äger det begränsade forumet."))
        return data


class ForumMemberForm(PersonalDataGuardMixin, forms.Form):
    guarded_fields = ["title"]
    user = ModelChoiceField(
        label=_("Person"),
        queryset=User.objects.filter(is_active=True, memberships__isnull=False).distinct().order_by("full_name"),
        required=False,
    )
    organisation = ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_("Personens organisation i forumet, eller en organisation utan namngiven person."),
    )
    role = forms.ChoiceField(label=_("Roll i forumet"), choices=ForumRole.choices, initial=ForumRole.MEMBER)
    title = forms.CharField(label=_("Titel i forumet"), max_length=200, required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        if not data.get("user") and not data.get("organisation"):
            self.add_error("user", _("Välj en person eller en organisation."))
        return data


class ArchiveForm(PersonalDataGuardMixin, forms.Form):
    guarded_fields = ["reason"]
    reason = forms.CharField(label=_("Varför arkiveras forumet?"), max_length=500, required=False)


class MemberRoleForm(PersonalDataGuardMixin, forms.Form):
    guarded_fields = ["title"]
    role = forms.ChoiceField(label=_("Roll i forumet"), choices=ForumRole.choices)
    title = forms.CharField(label=_("Titel i forumet"), max_length=200, required=False)
