"""The personal-data guard catches identity numbers however they are typed (Unicode dashes, spaces,
full-width characters), and guards every free-text field of every form in the project through one
mechanism (`PersonalDataGuardMixin`, which checks all free-text fields, not a list per form)."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from django import forms
from hypothesis import given, settings
from hypothesis import strategies as st

import tryggsam
from tests.core.strategies import identity_numbers
from tryggsam.core.personal_data.forms import PersonalDataGuardMixin
from tryggsam.core.personal_data.guard import find_personal_data, mask

PINS = {"personal_identity_number", "coordination_number"}
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212\uff0d"  # ‐ ‑ ‒ – — − －
SEPARATORS = [*DASHES, "-", " - ", " ", "\u00a0", "\u2009", "\u202f", " – ", "\u00a0–\u00a0", " －"]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@st.composite
def typed_numbers(draw) -> tuple[str, str]:
    """A valid number as a person might type it: any dash or space between date and serial, digits
    sometimes full-width."""
    text, kind = draw(identity_numbers())
    digits = re.sub(r"\D", "", text)
    date, serial = digits[:-4], digits[-4:]
    typed = f"{date}{draw(st.sampled_from(SEPARATORS))}{serial}"
    if draw(st.booleans()):
        typed = typed.translate(FULL_WIDTH)
    return typed, kind


@given(number=typed_numbers(), before=st.sampled_from(["", "Boende ", "pnr: ", "(", "Anna, "]))
@settings(max_examples=400, deadline=None)
def test_guard__numbers_with_unicode_dashes_and_spaces_are_found_and_masked(number, before):
    typed, kind = number
    text = f"{before}{typed} bor här."
    found = [f for f in find_personal_data(text) if f.kind in PINS]
    assert [(f.kind, f.text) for f in found] == [(kind, typed)]
    masked = mask(text)
    assert typed not in masked and not re.search(r"\d{4}", masked.translate({0xFF10 + i: str(i) for i in range(10)}))


def test_guard__spellings_from_the_audit():
    for typed in ["811218–9876", "811218 - 9876", "19811218－9876", "811218\u00a09876", "811218\u20099876",
                  "811218—9876", "811218−9876", "811218‑9876", "811218 9876", "19811218 – 9876"]:  # fmt: skip
        assert [f.kind for f in find_personal_data(f"Namn {typed}.")] == ["personal_identity_number"], typed


# Forms whose text is never stored: searches, filters and logins. Every other form with a free-text
# field must be guarded.
NOT_STORED = {
    "tryggsam.accounts.forms.EmailLoginForm": "inloggning: e-post och lösenord sparas inte som text",
    "tryggsam.accounts.views.CodeForm": "engångskod",
    "tryggsam.accounts.views.EmailCodeForm": "engångskod från e-post, jämförs och sparas inte",
    "tryggsam.privacy.views.AuditFilterForm": "sökfilter",
    "tryggsam.casework.forms.DueFilterForm": "filter",
    "tryggsam.incidents.forms.IncidentFilterForm": "filter",
    "tryggsam.situation.forms.SituationForm": "urval av område och period",
    "tryggsam.documents.forms.UploadForm": "filer, läses av importens egen granskning",
    "tryggsam.incidents.forms.TipStatusForm": "ett tips referensnummer att söka på, sparas inte",
}


def _project_form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(tryggsam.__path__, "tryggsam."):
        if ".migrations" in module.name or module.name.startswith("tryggsam.config.settings"):
            continue
        importlib.import_module(module.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("tryggsam."):
                found.add(sub)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def is_free_text(field: forms.Field) -> bool:
    """Written here, apart from the mixin's own test, so that the walk does not trust what it checks."""
    if not isinstance(field, forms.CharField) or isinstance(field, forms.EmailField | forms.URLField):
        return False
    return not isinstance(field.widget, forms.PasswordInput | forms.HiddenInput)


def test_guard__every_free_text_field_of_every_form_is_guarded():
    classes = _project_form_classes()
    assert len(classes) >= 15
    unguarded = []
    for cls in classes:
        name = f"{cls.__module__}.{cls.__qualname__}"
        free = [n for n, f in cls.base_fields.items() if is_free_text(f)]
        if not free or name in NOT_STORED or cls is PersonalDataGuardMixin:
            continue
        if not issubclass(cls, PersonalDataGuardMixin):
            unguarded.append(f"{name}: {free}")
            continue
        exempt = [n for n in free if n in getattr(cls, "unguarded_fields", ())]
        if exempt and exempt != ["website"]:  # the tip form's robot trap is never stored
            unguarded.append(f"{name}: undantagna {exempt}")
    assert not unguarded, "Fritextfält utan personuppgiftsskydd:\n" + "\n".join(unguarded)


def test_is_free_text__what_counts():
    from tryggsam.core.personal_data.forms import is_free_text

    assert is_free_text(forms.CharField())
    assert is_free_text(forms.CharField(widget=forms.Textarea))
    assert not is_free_text(forms.EmailField())
    assert not is_free_text(forms.URLField(assume_scheme="https"))
    assert not is_free_text(forms.CharField(widget=forms.PasswordInput))
    assert not is_free_text(forms.CharField(widget=forms.HiddenInput))
    assert not is_free_text(forms.IntegerField())


@pytest.mark.django_db
def test_guard__agenda_heading_meeting_location_and_guest_name_are_not_stored_as_typed(client):
    import datetime as dt

    from tests.factories import ForumFactory, OrganisationFactory, user_with_role
    from tryggsam.accounts.models import Role
    from tryggsam.meetings.models import AgendaItem, Attendance, Meeting

    organisation = OrganisationFactory()
    coordinator = user_with_role(Role.COORDINATOR, organisation, full_name="Sam Skydd")
    forum = ForumFactory(owner_organisation=organisation)
    client.force_login(coordinator)
    typed = "811218–9876"
    day = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    response = client.post("/moten/ny/", {"forum": forum.pk, "date": day, "location": f"Hos {typed}"})
    assert response.status_code == 200 and "personnummer" in response.content.decode()
    assert not Meeting.objects.exists()
    meeting = Meeting.objects.create(forum=forum, date=dt.date.today(), location="Rådhuset",
                                     owner_organisation=organisation)  # fmt: skip
    client.post(f"/moten/{meeting.pk}/dagordning/ny/", {"heading": f"Ärende {typed}"})
    client.post(f"/moten/{meeting.pk}/gast/", {"name": f"Gäst {typed}"})
    assert not AgendaItem.objects.filter(heading__contains="9876").exists()
    assert not Attendance.objects.filter(name__contains="9876").exists()
    client.post(f"/moten/{meeting.pk}/gast/", {"name": f"Gäst {typed}", "mask_personal_data": "on"})
    assert Attendance.objects.get().name == "Gäst [personnummer borttaget]"
