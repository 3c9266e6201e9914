import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tryggsam.core.sanitize import clean_html, escape_spreadsheet_cell


def test_clean_html__keeps_formatting_and_safe_links():
    html = '<p>Se <strong>protokollet</strong> <a href="https://example.se/x">här</a></p><ul><li>ett</li></ul>'
    cleaned = clean_html(html)
    assert "<strong>protokollet</strong>" in cleaned and "<li>ett</li>" in cleaned
    assert 'href="https://example.se/x"' in cleaned and 'rel="noopener noreferrer nofollow"' in cleaned


@pytest.mark.parametrize(
    ("html", "forbidden"),
    [
        ("<script>alert(1)</script>Hej", "alert"),
        ('<img src=x onerror="alert(1)">Hej', "onerror"),
        ('<a href="javascript:alert(1)">Hej</a>', "javascript:"),
        ("<style>body{display:none}</style>Hej", "display"),
        ('<p style="color:red" onclick="x()">Hej</p>', "onclick"),
        ("<iframe src='https://evil.example'></iframe>Hej", "iframe"),
        ("<svg><script>alert(1)</script></svg>Hej", "script"),
    ],
)
def test_clean_html__removes_hostile_markup(html, forbidden):
    cleaned = clean_html(html)
    assert forbidden not in cleaned and "Hej" in cleaned


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_clean_html__random_text_never_raises_and_has_no_script(text):
    cleaned = clean_html(text + "<script>x</script>")
    assert "<script" not in cleaned.lower()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+46 8 123", "'+46 8 123"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ('  =HYPERLINK("http://x")', '\'  =HYPERLINK("http://x")'),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\tvanlig text", "'\tvanlig text"),
        ("Torget = problem", "Torget = problem"),
        ("e-post a@b.se", "e-post a@b.se"),
        ("", ""),
    ],
)
def test_escape_spreadsheet_cell__text(value, expected):
    assert escape_spreadsheet_cell(value) == expected


@pytest.mark.parametrize("value", [-5, 3.5, None, dt.date(2024, 1, 2), True])
def test_escape_spreadsheet_cell__non_text_unchanged(value):
    assert escape_spreadsheet_cell(value) == value


@given(st.text(max_size=50))
def test_escape_spreadsheet_cell__result_never_starts_a_formula(text):
    escaped = escape_spreadsheet_cell(text)
    assert not escaped.lstrip().startswith(("=", "+", "-", "@"))
    assert escaped in (text, "'" + text)
