"""Every form field that chooses records by id refuses ids the database cannot hold before asking it.

Django's own ModelChoiceField passes a hostile id such as 99999999999999999999 to the database, and
SQLite answers with an OverflowError (a 500). The project's fields in `core/forms.py` refuse it as an
invalid choice; this test keeps every form on them."""

import re
from pathlib import Path

import pytest

from tryggsam.core.forms import ModelChoiceField, ModelMultipleChoiceField

SOURCE = Path(__file__).resolve().parents[2] / "tryggsam"
DJANGO_FIELD = re.compile(r"\bforms\.Model(Multiple)?ChoiceField\(")


def test_no_form_uses_djangos_model_choice_fields_directly():
    offenders = [
        f"{path.relative_to(SOURCE)}:{n}"
        for path in SOURCE.rglob("*.py")
        if path.name != "forms.py" or path.parent.name != "core"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if DJANGO_FIELD.search(line)
    ]
    assert not offenders, "använd tryggsam.core.forms i stället: " + ", ".join(offenders)


@pytest.mark.django_db
@pytest.mark.parametrize("field", [ModelChoiceField, ModelMultipleChoiceField])
def test_an_id_too_large_for_the_database_is_an_invalid_choice(field):
    from django import forms

    from tryggsam.accounts.models import Organisation

    chosen = field(queryset=Organisation.objects.all())
    value = "99999999999999999999" if field is ModelChoiceField else ["99999999999999999999"]
    with pytest.raises(forms.ValidationError):
        chosen.clean(value)
