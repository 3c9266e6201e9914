"""PDF with a text layer (pdfium, through pypdfium2): lines re-joined into paragraphs, ruled tables as tables.

A PDF knows only positioned words. Lines are put back into paragraphs where the line before ran to the
right margin and the gap between them is an ordinary line gap; larger type makes a heading, bold type
a bold paragraph; words far apart on one line keep a double space (columns without rules). Tables
drawn with rules are read cell by cell, with the words of a wrapped cell joined again.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from tryggsam.documents.errors import UnreadableDocument
from tryggsam.documents.parsing.clean import join_lines, strip_bullet, strip_markup
from tryggsam.documents.readers.model import Block, DocumentText, Paragraph, Table
from tryggsam.documents.readers.pdf_tables import find_grids

MAX_PAGES = 500
_CID = re.compile(r"\(cid:\d+\)")
_JOIN_GAP = 0.45  # lines of one paragraph are closer than this (in line heights)
_BLANK_GAP = 1.2  # a gap this large is an empty line
_BULLET_START = tuple("•▪◦‣●○■□▫-–\uf0b7\uf0a7")


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool
    text: str
    char_width: float
    first_word_width: float


def read_pdf(raw: bytes) -> DocumentText:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(raw)
    except Exception as exc:  # pdfium reports damaged and protected files alike as PdfiumError
        if "password" in str(exc).lower():
            raise UnreadableDocument(_("PDF-filen är krypterad eller lösenordsskyddad och kan inte läsas.")) from exc
        raise UnreadableDocument(_("PDF-filen är skadad och kan inte läsas.")) from exc
    try:
        if len(pdf) > MAX_PAGES:
            raise UnreadableDocument(_("PDF-filen har fler än %(max)d sidor och läses inte.") % {"max": MAX_PAGES})
        items: list[tuple[int, float, _Line | Table]] = []
        for number in range(len(pdf)):
            items.extend(_page_items(number, pdf[number]))
    except UnreadableDocument:
        raise
    except Exception as exc:
        raise UnreadableDocument(_("PDF-filen är skadad och kan inte läsas.")) from exc
    finally:
        pdf.close()
    if not items:
        raise UnreadableDocument(_("PDF-filen saknar textlager (den är troligen inskannad) och kan inte läsas."))
    return DocumentText(blocks=_blocks(items), source_format="pdf", hard_breaks=True)


def _page_items(number: int, page: Any) -> list[tuple[int, float, _Line | Table]]:
    import pypdfium2.raw as pdfium_c

    height = page.get_height()
    textpage = page.get_textpage()
    items: list[tuple[int, float, _Line | Table]] = []
    boxes = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        boxes.append((left, height - top, right, height - bottom))
    grids = find_grids(boxes)
    for grid in grids:
        rows = tuple(tuple(_cell_text(textpage, height, cell) for cell in row) for row in grid.cells)
        rows = tuple(r for r in rows if any(r))
        if rows:
            items.append((number, grid.bbox[1], Table(rows=rows)))
    words = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = _clean_pdf_text(textpage.get_text_bounded(left, bottom, right, top)).strip()
        box = (left, height - top, right, height - bottom)
        if not text or any(_inside(box, grid.bbox) for grid in grids):
            continue
        char = pdfium_c.FPDFText_GetCharIndexAtPos(textpage.raw, left + 0.5, (bottom + top) / 2, 2.0, 2.0)
        size = pdfium_c.FPDFText_GetFontSize(textpage.raw, char) if char >= 0 else 0.0
        first = text.split()[0]
        words.append(
            {
                "text": text,
                "x0": left,
                "x1": right,
                "top": box[1],
                "bottom": box[3],
                "size": round(size, 1) or (top - bottom),
                "fontname": _font_name(textpage, char),
                "first_word_width": (right - left) * len(first) / max(len(text), 1),
            }
        )
    for line in _lines(number, words):
        items.append((number, line.top, line))
    items.sort(key=lambda item: (item[0], item[1]))
    return items


def _clean_pdf_text(text: str) -> str:
    text = text.replace("\x02", "-").replace("\ufffe", "-").replace("\r", "")
    return _CID.sub("", text)


def _cell_text(textpage: Any, height: float, cell: tuple[float, float, float, float]) -> str:
    x0, top, x1, bottom = cell
    text = _clean_pdf_text(textpage.get_text_bounded(x0, height - bottom, x1, height - top))
    return join_lines([strip_markup(line) for line in text.split("\n")])


def _font_name(textpage: Any, char: int) -> str:
    import ctypes

    import pypdfium2.raw as pdfium_c

    if char < 0:
        return ""
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int(0)
    length = pdfium_c.FPDFText_GetFontInfo(textpage.raw, char, buffer, 128, ctypes.byref(flags))
    name = buffer.value.decode("utf-8", "replace") if length else ""
    weight = pdfium_c.FPDFText_GetFontWeight(textpage.raw, char)
    return f"{name} bold" if weight >= 600 else name


def _inside(box: tuple[float, float, float, float], bbox: tuple[float, float, float, float]) -> bool:
    x = (box[0] + box[2]) / 2
    y = (box[1] + box[3]) / 2
    return bbox[0] - 1 <= x <= bbox[2] + 1 and bbox[1] - 1 <= y <= bbox[3] + 1


def _lines(page: int, words: list[dict[str, Any]]) -> list[_Line]:
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    groups: list[list[dict[str, Any]]] = []
    for word in words:
        if groups and abs(groups[-1][0]["top"] - word["top"]) <= max(2.0, word["size"] * 0.3):
            groups[-1].append(word)
        else:
            groups.append([word])
    lines = []
    for group in groups:
        group.sort(key=lambda w: w["x0"])
        sizes = [w["size"] for w in group]
        chars = sum(len(w["text"]) for w in group)
        width = sum(w["x1"] - w["x0"] for w in group) / max(chars, 1)
        text = group[0]["text"]
        for before, word in itertools.pairwise(group):
            gap = word["x0"] - before["x1"]
            text += ("  " if gap > max(width * 2.5, 8) else " ") + word["text"]
        lines.append(
            _Line(
                page=page,
                top=min(w["top"] for w in group),
                bottom=max(w["bottom"] for w in group),
                x0=group[0]["x0"],
                x1=group[-1]["x1"],
                size=statistics.median(sizes),
                bold=all("bold" in str(w.get("fontname", "")).lower() for w in group),
                text=text,
                char_width=width,
                first_word_width=group[0].get("first_word_width", group[0]["x1"] - group[0]["x0"]),
            )
        )
    return lines


def _blocks(items: list[tuple[int, float, _Line | Table]]) -> list[Block]:
    lines = [item for _page, _top, item in items if isinstance(item, _Line)]
    body_size = statistics.mode(round(line.size, 1) for line in lines) if lines else 10.0
    heading_sizes = sorted({round(line.size, 1) for line in lines if line.size >= body_size * 1.12}, reverse=True)
    left = min((line.x0 for line in lines), default=0.0)
    right_by_page: dict[int, float] = {}
    for line in lines:
        right_by_page[line.page] = max(right_by_page.get(line.page, 0.0), line.x1)

    blocks: list[Block] = []
    current: list[_Line] = []
    gap_before = False

    def flush() -> None:
        nonlocal gap_before
        if not current:
            return
        first = current[0]
        size = round(first.size, 1)
        level = heading_sizes.index(size) + 1 if size in heading_sizes else None
        text = join_lines([strip_markup(line.text) for line in current]) if len(current) > 1 else current[0].text
        text, bullet = strip_bullet(strip_markup(text).strip())
        indent = max(0, round((first.x0 - left) / max(first.char_width, 1.0)))
        if text.strip():
            blocks.append(
                Paragraph(
                    text=text.strip(),
                    level=min(level, 6) if level else None,
                    bullet=bullet and level is None,
                    indent=indent,
                    bold=all(line.bold for line in current) and level is None,
                    gap_before=gap_before,
                )
            )
        current.clear()
        gap_before = False

    previous: _Line | None = None
    for _page, _top, item in items:
        if isinstance(item, Table):
            flush()
            blocks.append(Table(rows=item.rows, gap_before=True))
            previous = None
            continue
        line = item
        height = max(line.bottom - line.top, 1.0)
        if previous is not None and current:
            same_page = previous.page == line.page
            gap = line.top - previous.bottom if same_page else 0.0
            # The line before was wrapped if the first word of this line would not have fitted after it.
            room = right_by_page[previous.page] - previous.x1
            full = room < line.first_word_width + previous.char_width * 2
            same_style = abs(previous.size - line.size) < 0.5 and previous.bold == line.bold
            starts_item = line.text.lstrip().startswith(_BULLET_START)
            if full and same_style and not starts_item and gap < height * _JOIN_GAP:
                current.append(line)
                previous = line
                continue
            flush()
            gap_before = same_page and gap >= height * _BLANK_GAP
        elif previous is not None:
            gap_before = previous.page == line.page and line.top - previous.bottom >= height * _BLANK_GAP
        current.append(line)
        previous = line
    flush()
    return blocks
