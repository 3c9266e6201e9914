"""Plain text and Markdown: decoding, and lines turned into paragraphs and tables.

Minutes arrive as text saved from Word (Windows-1252 or UTF-8 with BOM), as Markdown exported from a
web editor, or as text extracted from a PDF. Tab-separated rows (a Word table pasted as text),
Markdown pipe tables and tables aligned with spaces become tables; `#` headings, list markers and
whole-line emphasis become marks on the paragraph.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

from tryggsam.documents.errors import UnreadableDocument, check_text_size
from tryggsam.documents.parsing.clean import normalise_space, strip_bullet, strip_heading_mark, strip_markup
from tryggsam.documents.readers.model import Block, DocumentText, Paragraph, Table

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HTML_HEADING = re.compile(r"^\s*<h([1-6])\b[^>]*>(.*?)</h\1\s*>\s*$", re.IGNORECASE)
_HTML_ITEMS = re.compile(r"<\s*li\b[^>]*>(.*?)(?=<\s*/?\s*li\b|<\s*/\s*[ou]l\b|$)", re.IGNORECASE | re.DOTALL)
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
_PIPE_RULE = re.compile(r"^\s*:?-{2,}:?\s*$")
_SEGMENT = re.compile(r"\S+(?: \S+)*")
_MAX_CONTROL_SHARE = 0.002


def decode(raw: bytes) -> str:
    """The text of `raw`: UTF-8 (with or without BOM), UTF-16 with BOM, or else Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        text = raw[3:].decode("utf-8", errors="replace")
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16", errors="replace")
    else:
        if b"\x00" in raw:
            raise UnreadableDocument(_("Filen är inte text utan binärdata och kan inte läsas."))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    check_text_size(len(text))
    _check_is_text(text)
    return text


def _check_is_text(text: str) -> None:
    if not text.strip():
        raise UnreadableDocument(_("Filen är tom."))
    control = sum(1 for c in text if unicodedata.category(c) in ("Cc", "Cs", "Co") and c not in "\t\n\r\f")
    bad = control + text.count("\ufffd")
    if bad > max(2, len(text) * _MAX_CONTROL_SHARE):
        raise UnreadableDocument(_("Filen är inte text utan binärdata och kan inte läsas."))
    if not any(c.isalpha() for c in text):
        raise UnreadableDocument(_("Filen innehåller ingen läsbar text."))


def read_text(raw: bytes) -> DocumentText:
    return DocumentText(blocks=text_to_blocks(decode(raw)), source_format="text", hard_breaks=False)


def text_to_blocks(text: str) -> list[Block]:
    lines = _LINE_BREAK.split(text.replace("\f", "\n"))
    blocks: list[Block] = []
    gap = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if not strip_markup(line).strip():
            gap = bool(blocks)
            i += 1
            continue
        table, i_next = _table_at(lines, i)
        if table is not None:
            blocks.append(Table(rows=table, gap_before=gap, line=i + 1))
            i, gap = i_next, False
            continue
        for paragraph in _paragraphs(line, gap, i + 1):
            blocks.append(paragraph)
            gap = False
        i += 1
    return blocks


def _table_at(lines: list[str], i: int) -> tuple[tuple[tuple[str, ...], ...] | None, int]:
    if "\t" in lines[i].strip():
        j = i
        while j < len(lines) and "\t" in lines[j].strip():
            j += 1
        rows = tuple(tuple(_cell(c) for c in line.strip("\r\n").split("\t")) for line in lines[i:j])
        return rows, j
    if _PIPE_ROW.match(lines[i]) and _PIPE_SPLIT.search(lines[i].strip()[1:-1]):
        j = i
        rows_list = []
        while j < len(lines) and _PIPE_ROW.match(lines[j]):
            cells = _PIPE_SPLIT.split(lines[j].strip()[1:-1])
            if not all(_PIPE_RULE.match(c) for c in cells):
                rows_list.append(tuple(_cell(c) for c in cells))
            j += 1
        return tuple(rows_list), j
    return _aligned_table(lines, i)


def _cell(text: str) -> str:
    return normalise_space(strip_markup(text.replace("\\|", "|"))).strip(" ;")


def _segments(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _SEGMENT.finditer(line)]


def _aligned_table(lines: list[str], i: int) -> tuple[tuple[tuple[str, ...], ...] | None, int]:
    """A table whose columns are aligned with runs of spaces (text saved from a PDF 'with layout').

    The first line must have three or more columns and at least one following line must have cells
    starting under the first line's columns. Cells wrapped over several lines are joined: rows are
    separated by blank lines where the table has them, otherwise a row starts where the first column
    has text.
    """
    header = _segments(lines[i])
    if len(header) < 3 or any(len(text) > 60 for _, text in header):
        return None, i
    starts = [start for start, _ in header]

    def column(position: int) -> int:
        return max(k for k, s in enumerate(starts) if s <= position + 2) if position + 2 >= starts[0] else 0

    body: list[list[tuple[int, str]] | None] = []
    aligned_rows = 0
    j = i + 1
    while j < len(lines):
        if not lines[j].strip():
            if j + 1 < len(lines) and lines[j + 1].strip() and body:
                body.append(None)
                j += 1
                continue
            break
        segs = _segments(lines[j])
        cols = [column(s) for s, _ in segs]
        single_prose = len(segs) == 1 and cols[0] == 0 and segs[0][0] + len(segs[0][1]) > starts[1] + 2
        if single_prose or len(set(cols)) != len(cols):
            break
        if len(segs) >= 2 and all(any(abs(s - st) <= 2 for st in starts) for s, _ in segs):
            aligned_rows += 1
        body.append(segs)
        j += 1
    while body and body[-1] is None:
        body.pop()
    if aligned_rows == 0:
        return None, i
    rows: list[list[list[str]]] = [[[text] for _, text in header]]
    blank_separated = any(b is None for b in body)
    new_row = True
    for line_segs in body:
        if line_segs is None:
            new_row = True
            continue
        cols = [column(s) for s, _ in line_segs]
        if new_row or (not blank_separated and 0 in cols):
            rows.append([[] for _ in starts])
            new_row = False
        for col, (_position, text) in zip(cols, line_segs, strict=True):
            rows[-1][col].append(text)
    table = tuple(tuple(_cell(" ".join(parts)) for parts in row) for row in rows)
    return table, j


def _paragraphs(line: str, gap: bool, number: int | None = None) -> list[Paragraph]:
    expanded = line.replace("\t", "    ")
    indent = len(expanded) - len(expanded.lstrip())
    stripped = expanded.strip()
    level: int | None = None
    html_heading = _HTML_HEADING.match(stripped)
    if html_heading:
        level, stripped = int(html_heading.group(1)), html_heading.group(2)
    elif stripped.startswith("#"):
        stripped, level = strip_heading_mark(stripped)
    if re.search(r"<\s*li\b", stripped, re.IGNORECASE):
        items = [strip_markup(m.group(1)).strip() for m in _HTML_ITEMS.finditer(stripped)]
        items = [strip_bullet(item)[0].strip() for item in items]
        return [Paragraph(text=t, bullet=True, indent=indent, gap_before=gap, line=number) for t in items if t]
    bold = stripped.startswith(("**", "__")) and (stripped.count("**") == 1 or stripped.endswith(("**", "__")))
    bold = bold or bool(re.match(r"^<(b|strong)>.*</\1>$", stripped, re.IGNORECASE))
    text = strip_markup(stripped).strip()
    text, bullet = strip_bullet(text) if level is None else (text, False)
    text = text.strip()
    if not text:
        return []
    return [Paragraph(text=text, level=level, bullet=bullet, indent=indent, bold=bold, gap_before=gap, line=number)]
