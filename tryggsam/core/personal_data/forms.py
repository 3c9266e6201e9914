"""Form support for the personal-data guard: personal data in a free-text field is never stored
silently. The first submit shows what was found on each field; the user either removes it or ticks
"Spara med uppgifterna maskerade" and submits again, and then the form's cleaned data holds the masked
text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tryggsam.core.forms import ControlCharacterFreeMixin
from tryggsam.core.personal_data.guard import describe, find_personal_data, mask

MASK_FIELD = "mask_personal_data"

# The mixin is used with forms.Form; type checkers see that base, at runtime the form class supplies it.
if TYPE_CHECKING:
    _FormBase = forms.Form
else:
    _FormBase = object


def is_free_text(field: forms.Field) -> bool:
    """Whether a person types free text into `field`: a text field that is not an e-mail address, a
    web address, a slug, a password or hidden."""
    if not isinstance(field, forms.CharField):
        return False
    if isinstance(field, forms.EmailField | forms.URLField | forms.SlugField | forms.UUIDField):
        return False
    return not isinstance(field.widget, forms.PasswordInput | forms.HiddenInput)


class PersonalDataGuardMixin(ControlCharacterFreeMixin, _FormBase):
    """Mix in before `forms.Form`: EVERY free-text field of the form (`is_free_text`, those added in
    `__init__` too) is checked, so a new field is guarded without anyone remembering to list it. A
    field where no personal data can be stored is named in `unguarded_fields` with the reason.

    The confirmation checkbox is the field `mask_personal_data`; it is taken out of `cleaned_data`, so
    views can pass the cleaned data on to services unchanged. With `mask_silently` (the residents'
    tip form, which says so on the page) personal data is masked without asking."""

    unguarded_fields: ClassVar[Sequence[str]] = ()
    mask_silently: ClassVar[bool] = False

    def guarded_field_names(self) -> list[str]:
        return [
            name
            for name, field in self.fields.items()
            if name != MASK_FIELD and name not in self.unguarded_fields and is_free_text(field)
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[MASK_FIELD] = forms.BooleanField(
            label=_("Spara med uppgifterna maskerade"),
            required=False,
            help_text=_("Personuppgifterna ersätts med en markering, till exempel [personnummer borttaget]."),
        )
        self.personal_data_found = False

    @property
    def offers_masking(self) -> bool:
        """Whether to show the checkbox: personal data was found now, or the user has already ticked it."""
        if self.is_bound and not self.errors:  # reading errors runs clean(), which sets personal_data_found
            return False
        return self.personal_data_found or bool(self[MASK_FIELD].value())

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        accept_masking = bool(data.pop(MASK_FIELD, False)) or self.mask_silently
        for name in self.guarded_field_names():
            value = data.get(name)
            if not isinstance(value, str):
                continue
            findings = find_personal_data(value)
            if not findings:
                continue
            self.personal_data_found = not self.mask_silently
            if accept_masking:
                masked = mask(value, findings)
                max_length = getattr(self.fields[name], "max_length", None)
                if max_length and len(masked) > max_length:
                    self.add_error(
                        name,
                        gettext("Texten blir för lång när uppgifterna maskeras. Korta den och spara igen."),
                    )
                else:
                    data[name] = masked
            else:
                self.add_error(
                    name,
                    gettext(
                        "Texten innehåller personuppgifter: %(found)s. Ta bort dem, eller kryssa i "
                        "”Spara med uppgifterna maskerade” och spara igen."
                    )
                    % {"found": describe(findings)},
                )
        return data
