"""The minutes as PDF: the print template through WeasyPrint. Header with the forum's name, "Sida X av
Y" in the footer; table headers repeat on every page a table breaks across."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

PRINT_CSS = Path(__file__).with_name("print.css")


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def render_html_for_print(context: dict[str, Any]) -> str:
    return render_to_string("meetings/minutes/print.html", context)


def render_pdf(context: dict[str, Any]) -> bytes:
    from weasyprint import CSS, HTML

    sida, av = _css_string(_("Sida") + " "), _css_string(" " + _("av") + " ")
    page_numbers = (
        "@page { @bottom-center { content: " + sida + " counter(page) " + av + " counter(pages);"
        ' font: 8.5pt "Liberation Sans", "DejaVu Sans", sans-serif; color: #555; } }'
    )
    html = HTML(string=render_html_for_print(context), base_url=str(PRINT_CSS.parent))
    return html.write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS)), CSS(string=page_numbers)])  # type: ignore[no-any-return]
