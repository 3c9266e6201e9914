"""Hypothesis strategies for Swedish personal identity and coordination numbers."""

import datetime as dt

from hypothesis import strategies as st


def luhn_digit(nine_digits: str) -> int:
    total = 0
    for i, ch in enumerate(nine_digits):
        product = int(ch) * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


@st.composite
def identity_numbers(draw, *, valid: bool = True) -> tuple[str, str]:
    """(text, kind): a personal identity or coordination number in one of the written forms, with a
    correct check digit when `valid`, else with every other digit."""
    born = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31)))
    coordination = draw(st.booleans())
    day = born.day + (60 if coordination else 0)
    serial = draw(st.integers(min_value=0, max_value=999))
    nine = f"{born:%y%m}{day:02d}{serial:03d}"
    check = luhn_digit(nine)
    if not valid:
        check = draw(st.integers(min_value=0, max_value=9).filter(lambda d: d != check))
    form = draw(st.sampled_from(["10", "10-", "10+", "12", "12-"]))
    date_part = f"{born.year // 100}{nine[:6]}" if form.startswith("12") else nine[:6]
    separator = form[2:]
    kind = "coordination_number" if coordination else "personal_identity_number"
    return f"{date_part}{separator}{nine[6:]}{check}", kind
