"""One set of contact patterns (issue 14): the document parser reads a phone number or an e-mail
address exactly where the personal-data guard would find one, so the contacts a document publishes
and the details the guard masks are the same strings."""

import pytest
from django.test import override_settings

from tryggsam.core.personal_data.guard import FindingKind, find_personal_data
from tryggsam.documents.parsing.contacts import parse_contacts
from tryggsam.documents.readers.model import Paragraph

LINES = [
    "Kontakt: Anna Ek, 08–508 123 45, anna.ek@exempel.se",  # an en dash, as word processors write it
    "Kontakt: Bo Berg, tfn 070 123 45 67",
    "Kontakt: Cecilia Dahl, +46 8 508 123 45",
    "Kontakt: Dan Eld, uppdaterad 01-02-2019",  # a date, not a phone number
    "Kontakt: Eva Falk, kl. 0800-1200",  # opening hours, not a phone number
    "Kontakt: Fia Gran, 08-12",  # too short to be a number
    "Kontakt: Gun Hed, fia.gran@exempel",  # no top-level domain: not an address
]


def guarded(text: str, kind: str) -> list[str]:
    with override_settings(PRIVACY_ALLOWED_PHONE_NUMBERS=[], PRIVACY_ALLOWED_EMAIL_DOMAINS=[]):
        return [f.text for f in find_personal_data(text) if f.kind == kind]


@pytest.mark.parametrize("line", LINES)
def test_contact_patterns__parser_and_guard_find_the_same_details(line):
    contacts = parse_contacts([Paragraph(line)])
    phone = contacts[0]["phone"] if contacts else None
    email = contacts[0]["email"] if contacts else None

    assert ([phone] if phone else []) == guarded(line, FindingKind.PHONE)
    assert ([email] if email else []) == [e.lower() for e in guarded(line, FindingKind.EMAIL)]
