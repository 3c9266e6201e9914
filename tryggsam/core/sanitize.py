"""Output safety for user text: HTML is cleaned with nh3 before it is shown as markup, and values written
to CSV/XLSX exports are escaped so that a spreadsheet does not run them as formulas."""

from __future__ import annotations

from typing import Any

import nh3

ALLOWED_TAGS = frozenset({"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a", "blockquote", "h3", "h4"})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})

FORMULA_STARTS = ("=", "+", "-", "@")
CONTROL_STARTS = ("\t", "\r", "\n")


def clean_html(text: str) -> str:
    """`text` with only a small set of formatting tags left; scripts, styles, event handlers and
    javascript: links are removed (the contents of script and style elements too)."""
    return nh3.clean(
        text or "",
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
    )


def escape_spreadsheet_cell(value: Any) -> Any:
    """A cell value that a spreadsheet shows as text: strings beginning with = + - @ (also after leading
    whitespace) or with a tab or carriage return get a leading apostrophe. Other values are unchanged."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(CONTROL_STARTS) or value.lstrip().startswith(FORMULA_STARTS):
        return "'" + value
    return value
