"""Forms for the statutory documents: a new draft (kind, council, year), the written sections
(free text, guarded against personal data), and the decision under an agenda item."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tryggsam.accounts.actors import Reader
from tryggsam.core.forms import ModelChoiceField
from tryggsam.core.personal_data.forms import PersonalDataGuardMixin
from tryggsam.statutory.models import DocumentKind
from tryggsam.statutory.selectors import councils_for
from tryggsam.statutory.services import TEXT_LIMIT


class CreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Typ"), choices=DocumentKind.choices)
    forum = ModelChoiceField(label=_("Råd"), queryset=None, empty_label=None)  # type: ignore[arg-type]
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, user: Reader, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = councils_for(user)  # type: ignore[attr-defined]
        self.fields["forum"].error_messages["invalid_choice"] = _("Välj ett av råden i listan.")


def _text(label: Any, help_text: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=TEXT_LIMIT,
    )


class TextsForm(PersonalDataGuardMixin, forms.Form):
    summary = _text(_("Sammanfattning"), _("Det viktigaste i dokumentet, i några stycken. Tom rad mellan stycken."))
    risk_factors = _text(
        _("Risk- och skyddsfaktorer"),
        _("Vad i området som ökar eller minskar risken för brott och otrygghet (bara i lägesbilden)."),
    )
    conclusions = _text(_("Slutsatser"), _("Vad rådet drar för slutsatser och vad som ska göras härnäst."))


class DecideForm(PersonalDataGuardMixin, forms.Form):
    item = forms.TypedChoiceField(label=_("Punkt på dagordningen"), coerce=int)
    text = forms.CharField(
        label=_("Beslutstext"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Tom: ”… beslutades.”"),
    )

    def __init__(self, *args: Any, items: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [  # type: ignore[attr-defined]
            (item.pk, f"{item.meeting} – {item}") for item in items
        ]
        self.fields["item"].error_messages["invalid_choice"] = _("Välj en punkt på ett av rådets möten.")
        self.fields["item"].error_messages["required"] = _("Välj en punkt på ett av rådets möten.")
