"""One table of Swedish month names (issue 14): every parser and writer reads core/swedish.py."""

import ast
from pathlib import Path

import pytest
from django.utils import translation

from tryggsam.core.swedish import MONTH_BY_WORD, MONTH_NAMES, month_name, month_number

PACKAGE = Path(__file__).resolve().parents[2] / "tryggsam"
TABLE = PACKAGE / "core" / "swedish.py"
# A month name only a table of months would hold as a string of its own.
TELLTALES = {"januari", "februari", "augusti"}


def test_month_names__one_table_in_the_code():
    copies = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == TABLE or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                words = set(node.value.casefold().split())
                if words & TELLTALES and (len(words) == 1 or len(words & set(MONTH_NAMES)) > 2):
                    copies.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert copies == [], "month names outside core/swedish.py: " + ", ".join(copies)


def test_month_name__swedish_source_and_the_english_catalogue():
    with translation.override("sv"):
        assert [month_name(m) for m in range(1, 13)] == list(MONTH_NAMES)
    with translation.override("en"):
        assert month_name(10) == "October"


@pytest.mark.parametrize(
    ("word", "number"), [("januari", 1), ("Okt.", 10), ("sept", 9), ("maj", 5), (" December ", 12), ("may", None)]
)
def test_month_number__names_and_short_forms(word, number):
    assert month_number(word) == number


def test_month_by_word__every_month_has_a_name():
    assert sorted(set(MONTH_BY_WORD.values())) == list(range(1, 13))
