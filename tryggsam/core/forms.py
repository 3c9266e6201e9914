"""Form fields shared by the apps."""

from typing import Any

from django import forms

MAX_ID = 2**63 - 1


def _in_range(value: Any) -> bool:
    text = str(value).strip()
    return text.isdigit() and 0 < int(text) <= MAX_ID


class ModelChoiceField(forms.ModelChoiceField):
    """A model choice that refuses ids the database cannot hold, before asking it (a hostile
    '-99999999999999999999' would otherwise overflow SQLite's integer)."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if not _in_range(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value: Any) -> Any:
        for pk in value:
            if not _in_range(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": str(pk)[:40]}
                )
        return super()._check_values(value)  # type: ignore[misc]
