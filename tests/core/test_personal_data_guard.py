import itertools

import pytest
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.strategies import identity_numbers
from tryggsam.core.personal_data.guard import FindingKind, find_personal_data, mask

PINS = {FindingKind.PERSONAL_IDENTITY_NUMBER, FindingKind.COORDINATION_NUMBER}
surrounding = st.text(max_size=40)


def kinds(text: str) -> list[str]:
    return [f.kind for f in find_personal_data(text)]


@given(number=identity_numbers(), before=surrounding, after=surrounding)
@settings(max_examples=300, deadline=None)
def test_find_personal_data__valid_numbers_are_found_in_any_text(number, before, after):
    text, kind = number
    full = f"{before} {text} {after}"
    start = len(before) + 1
    found = [f for f in find_personal_data(full) if f.start == start and f.end == start + len(text)]
    assert [f.kind for f in found] == [kind]
    assert found[0].text == text


@given(number=identity_numbers(valid=False), before=surrounding, after=surrounding)
@settings(max_examples=300, deadline=None)
def test_find_personal_data__wrong_check_digit_is_not_a_personal_number(number, before, after):
    text, _ = number
    start = len(before) + 1
    full = f"{before} {text} {after}"
    assert not [f for f in find_personal_data(full) if f.kind in PINS and f.start <= start < f.end]


@given(text=st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_find_personal_data__random_text_never_raises_and_findings_are_consistent(text):
    findings = find_personal_data(text)
    for f in findings:
        assert text[f.start : f.end] == f.text and f.text
    assert all(a.end <= b.start for a, b in itertools.pairwise(findings))


@st.composite
def texts_with_personal_data(draw) -> str:
    parts = draw(
        st.lists(
            st.one_of(
                st.text(max_size=15),
                identity_numbers().map(lambda n: n[0]),
                st.sampled_from(["070-123 45 67", "+46 70 123 45 67", "08-123 456 78", "kalle.anka@gmail.com"]),
            ),
            max_size=8,
        )
    )
    separators = draw(
        st.lists(st.sampled_from(["", " ", "-", "@", "+", "."]), min_size=len(parts), max_size=len(parts))
    )
    return "".join(p + s for p, s in zip(parts, separators, strict=True))


@given(text=texts_with_personal_data())
@settings(max_examples=300, deadline=None)
def test_mask__removes_every_finding_and_is_idempotent(text):
    masked = mask(text, find_personal_data(text))
    assert find_personal_data(masked) == []
    assert mask(masked, find_personal_data(masked)) == masked


def test_mask__replaces_with_swedish_labels():
    text = "Anmälare 811218-9876, tel 070-123 45 67, mejl kalle.anka@gmail.com."
    assert mask(text, find_personal_data(text)) == (
        "Anmälare [personnummer borttaget], tel [telefonnummer borttaget], mejl [e-post borttagen]."
    )


@pytest.mark.parametrize(
    "text",
    [
        "811218-9876",
        "8112189876",
        "811218+9876",
        "198112189876",
        "19811218-9876",
    ],
)
def test_find_personal_data__all_written_forms(text):
    assert kinds(f"Personen ({text}) anmälde") == [FindingKind.PERSONAL_IDENTITY_NUMBER]


def test_find_personal_data__coordination_number_has_day_plus_sixty():
    assert kinds("samordningsnummer 811278-9873") == [FindingKind.COORDINATION_NUMBER]


# Each has a correct check digit (except the last), so the date check is what rejects it.
@pytest.mark.parametrize("text", ["811318-9875", "810230-9872", "811292-9875", "000000-0000", "19811218-9875"])
def test_find_personal_data__impossible_date_or_check_digit_is_not_a_number(text):
    assert not set(kinds(text)) & PINS


@pytest.mark.parametrize(
    "text",
    [
        "070-123 45 67",
        "0701234567",
        "+46 70 123 45 67",
        "+46701234567",
        "0046 70-123 45 67",
        "08-123 456 78",
        "(08) 123 45 67",
        "031-12 34 56",
        "0480-123 45",
    ],
)
def test_find_personal_data__phone_numbers_of_persons(text):
    assert kinds(f"Ring {text} i kväll") == [FindingKind.PHONE]


@pytest.mark.parametrize(
    "text",
    [
        "Mötet 2019-02-22 kl 18.00-20.00 i lokalen",
        "kl. 08:30 och 0800-1200",
        "beslut enligt LOV 3 och LOV 12",
        "kostnad 1 200 kr, ca 15 000 kronor",
        "ärende 2023/456 och dnr 12-345/2022",
        "datum 08-12-2019",
        "anna.andersson@stockholm.se och kim@polisen.se",
        "",
    ],
)
def test_find_personal_data__ordinary_meeting_text_is_not_flagged(text):
    assert find_personal_data(text) == []


@override_settings(PRIVACY_ALLOWED_PHONE_NUMBERS=["08-508 22 030"])
def test_find_personal_data__allowed_switchboard_number_is_not_flagged():
    assert find_personal_data("Växeln 08-508 22 030 eller +46 8 508 22 030") == []
    assert kinds("men 08-508 22 031") == [FindingKind.PHONE]


@override_settings(PRIVACY_ALLOWED_EMAIL_DOMAINS=["bostad.example.se"])
def test_find_personal_data__email_domains_from_settings():
    assert find_personal_data("info@bostad.example.se") == []
    assert kinds("anna@stockholm.se") == [FindingKind.EMAIL]
    assert kinds("Kalle.Anka@Gmail.COM") == [FindingKind.EMAIL]


def test_find_personal_data__finding_has_swedish_label():
    (finding,) = find_personal_data("tel 070-123 45 67")
    assert (finding.label, finding.text, finding.start) == ("telefonnummer", "070-123 45 67", 4)
