"""Word (.docx): paragraphs with their heading level, lists (with Word's own numbering restored, since
agenda items are often auto-numbered), bold paragraphs and tables, in document order."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from django.utils.translation import gettext as _

from tryggsam.documents.errors import UnreadableDocument
from tryggsam.documents.parsing.clean import normalise_space, strip_bullet, strip_markup
from tryggsam.documents.readers.model import Block, DocumentText, Paragraph, Table

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|rubrik|överskrift)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = frozenset({"title", "rubrik", "titel"})
_LIST_STYLE = re.compile(r"^(?:list|liststycke|punktlista|numrerad lista)", re.IGNORECASE)
_MAX_TABLE_CELLS = 20000


def read_docx(raw: bytes, archive: zipfile.ZipFile) -> DocumentText:
    items: Iterable[_Item] | None = None
    try:
        items = read_plain_docx(archive)
    except UnreadableDocument:
        raise
    except Exception:  # anything odd is read by python-docx, which says what is wrong
        items = None
    try:
        if items is None:
            items = _python_docx_items(raw)
        blocks = _blocks(items)
    except UnreadableDocument:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds of errors on damaged files
        raise UnreadableDocument(_("Word-filen är skadad och kan inte läsas.")) from exc
    if not any(isinstance(b, Table) or b.text for b in blocks):
        raise UnreadableDocument(_("Word-filen innehåller ingen text."))
    return DocumentText(blocks=blocks, source_format="docx", hard_breaks=True)


# One item of the body, in document order: a table's rows, or the paragraphs one Word paragraph gives.
_Item = tuple[str, Any]


def _python_docx_items(raw: bytes) -> Iterator[_Item]:
    """The body read through python-docx: every document the linear reader does not take."""
    import docx
    from docx.table import Table as DocxTable

    document = docx.Document(io.BytesIO(raw))
    try:
        numbering = _Numbering(document.part.numbering_part.element)
    except (NotImplementedError, KeyError, AttributeError):
        numbering = _Numbering(None)
    styles = _Styles()
    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            yield "table", _table_rows(item)
        else:
            yield "paragraphs", _paragraphs(item, numbering, styles)


def _blocks(items: Iterable[_Item]) -> list[Block]:
    blocks: list[Block] = []
    pending_tab_rows: list[tuple[str, ...]] = []
    gap = False
    for kind, value in items:
        if kind == "table":
            _flush(blocks, pending_tab_rows)
            if value:
                blocks.append(Table(rows=value, gap_before=gap))
                gap = False
            continue
        paragraphs: list[Paragraph] = value
        if not paragraphs:
            gap = gap or bool(blocks or pending_tab_rows)  # an empty paragraph is a blank line
            continue
        if gap:
            paragraphs[0] = replace(paragraphs[0], gap_before=True)
            gap = False
        for paragraph in paragraphs:
            if "\t" in paragraph.text.strip():
                pending_tab_rows.append(tuple(normalise_space(c) for c in paragraph.text.split("\t")))
            else:
                _flush(blocks, pending_tab_rows)
                blocks.append(paragraph)
    _flush(blocks, pending_tab_rows)
    return blocks


def _flush(blocks: list[Block], rows: list[tuple[str, ...]]) -> None:
    if rows:
        blocks.append(Table(rows=tuple(rows)))
        rows.clear()


class _Numbering:
    """Word's automatic list numbering: which lists are numbered, and the running numbers."""

    def __init__(self, root: Any):
        self.formats: dict[tuple[str, str], tuple[str, int]] = {}
        self.counters: dict[tuple[str, str], int] = {}
        if root is None:
            return
        abstract: dict[str, dict[str, tuple[str, int]]] = {}
        for node in root.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                start = lvl.find(f"{_W}start")
                levels[lvl.get(f"{_W}ilvl", "0")] = (
                    fmt.get(f"{_W}val", "") if fmt is not None else "",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1,
                )
            abstract[node.get(f"{_W}abstractNumId", "")] = levels
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{_W}val", ""), {}).items():
                self.formats[(num.get(f"{_W}numId", ""), ilvl)] = spec

    def label(self, num_id: str, ilvl: str) -> tuple[str | None, bool]:
        """(number text or None, is a list item) for a paragraph in list `num_id` at level `ilvl`."""
        fmt, start = self.formats.get((num_id, ilvl), ("bullet", 1))
        if fmt != "decimal":
            return None, fmt != "none"
        key = (num_id, ilvl)
        self.counters[key] = self.counters.get(key, start - 1) + 1
        for other in [k for k in self.counters if k[0] == num_id and k[1] > ilvl]:
            del self.counters[other]
        return str(self.counters[key]), False


class _Styles:
    """A paragraph's style name and the numbering its style gives, looked up once per style: python-docx
    finds a paragraph's style by scanning every style of the document, for every paragraph."""

    def __init__(self) -> None:
        self.known: dict[str | None, tuple[str, Any]] = {}

    def of(self, paragraph: Any) -> tuple[str, Any]:
        try:
            style_id = paragraph._p.style
        except (AttributeError, ValueError):
            style_id = None
        if style_id not in self.known:
            try:
                style = paragraph.style
                name = (style.name or "") if style is not None else ""
            except (KeyError, AttributeError, ValueError):
                style, name = None, ""
            self.known[style_id] = (name, _style_numbering(style))
        return self.known[style_id]


def _paragraphs(paragraph: Any, numbering: _Numbering, styles: _Styles) -> list[Paragraph]:
    text = paragraph.text or ""
    if not text.strip():
        return []
    style_name, style_num_pr = styles.of(paragraph)
    ppr = paragraph._p.pPr
    num_pr = ppr.numPr if ppr is not None else None
    if num_pr is None:
        num_pr = style_num_pr
    number_of: tuple[str, str] | None = None
    if num_pr is not None and num_pr.numId is not None:
        ilvl = str(num_pr.ilvl.val) if num_pr.ilvl is not None else "0"
        number_of = (str(num_pr.numId.val), ilvl)
    outline = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
    runs = [r for r in paragraph.runs if r.text.strip()]
    bold = bool(runs) and all(r.bold for r in runs)
    return _paragraph_parts(
        text,
        style_name=style_name,
        number_of=number_of,
        outline=outline.get(f"{_W}val") if outline is not None else None,
        bold=bold,
        numbering=numbering,
    )


def _paragraph_parts(
    text: str,
    *,
    style_name: str,
    number_of: tuple[str, str] | None,
    outline: str | None,
    bold: bool,
    numbering: _Numbering,
) -> list[Paragraph]:
    """The paragraphs of one Word paragraph (one per line break) with its level, list number and bold."""
    level = None
    heading = _HEADING_STYLE.match(style_name.strip())
    if heading:
        level = max(1, min(6, int(heading.group(1))))
    elif style_name.strip().lower() in _TITLE_STYLES:
        level = 1
    bullet = bool(_LIST_STYLE.match(style_name.strip()))
    number = None
    if number_of is not None:
        number, bullet = numbering.label(*number_of)
    if level is None and outline is not None and (outline or "").isdigit() and int(outline) < 6:
        level = int(outline) + 1
    result = []
    for k, part in enumerate(text.split("\n")):
        indent = len(part) - len(part.lstrip(" "))
        clean = strip_markup(part.strip(" "))
        clean, had_bullet = strip_bullet(clean)
        clean = clean.strip(" ")
        if not clean.strip():
            continue
        if k == 0 and number:
            clean = f"{number}. {clean}"
        result.append(
            Paragraph(
                text=clean,
                level=level,
                bullet=(bullet or had_bullet) and level is None,
                indent=indent,
                bold=bold,
            )
        )
    return result


def _style_numbering(style: Any) -> Any:
    """The list numbering a paragraph takes from its style ('List Number') or the style it is based on."""
    for _depth in range(10):
        if style is None:
            return None
        ppr = style.element.pPr
        if ppr is not None and ppr.numPr is not None:
            return ppr.numPr
        style = style.base_style
    return None


def _table_rows(table: Any) -> tuple[tuple[str, ...], ...]:
    rows = []
    seen_cells = 0
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            seen_cells += 1
            if seen_cells > _MAX_TABLE_CELLS:
                raise UnreadableDocument(_("Word-filen har en orimligt stor tabell och läses inte."))
            if cell._tc is previous:
                continue  # a cell merged across columns is listed once per column
            previous = cell._tc
            parts = [strip_bullet(strip_markup(p.text).strip())[0] for p in cell.paragraphs]
            cells.append(normalise_space(" ".join(p for p in parts if p)))
        if any(cells):
            rows.append(tuple(cells))
    return tuple(rows)


# --- the linear reader ---------------------------------------------------------------------------------
# python-docx builds the whole package (every part, an object per element) to read a few paragraphs;
# most documents are plain paragraphs and simple tables, read here from document.xml, styles.xml and
# numbering.xml with the same XML parser and the same rules. Anything it does not know (a part in an
# unusual place, tracked changes, fields, content controls inside paragraphs, vertically merged cells,
# values python-docx would refuse) makes it return None, and python-docx reads the document.

_R = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_RUN_TEXT = {f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen", f"{_W}ptab"}
# Children of a paragraph and of a run that hold no text python-docx reads (besides the runs themselves).
_PARAGRAPH_QUIET = {f"{_W}pPr", f"{_W}proofErr", f"{_W}bookmarkStart", f"{_W}bookmarkEnd"}
_ON_OFF = {"1": True, "true": True, "on": True, "0": False, "false": False, "off": False}
_UI_STYLE_NAMES = {"caption": "Caption", "footer": "Footer", "header": "Header"} | {
    f"heading {n}": f"Heading {n}" for n in range(1, 10)
}


class _NotPlain(Exception):
    """The document uses something the linear reader leaves to python-docx."""


def read_plain_docx(archive: zipfile.ZipFile) -> list[_Item] | None:
    """The body's items as python-docx would give them, or None when python-docx must read it."""
    try:
        return _PlainDocx(archive).items()
    except _NotPlain:
        return None


class _PlainDocx:
    def __init__(self, archive: zipfile.ZipFile):
        from lxml import etree

        from tryggsam.documents.readers import read_zip_member

        self.parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)  # python-docx's parser
        names = set(archive.namelist())

        def part(name: str) -> Any:
            return etree.fromstring(read_zip_member(archive, name), self.parser)

        types = part("[Content_Types].xml")
        main_type = [o.get("ContentType") for o in types if o.get("PartName") == "/word/document.xml"]
        if main_type != [_MAIN_TYPE]:
            raise _NotPlain  # python-docx refuses a template or a macro document
        package = part("_rels/.rels")
        main = [r.get("Target") for r in package if r.get("Type") == _REL + "officeDocument"]
        if main != ["word/document.xml"] and main != ["/word/document.xml"]:
            raise _NotPlain
        targets = {}
        if "word/_rels/document.xml.rels" in names:
            for rel in part("word/_rels/document.xml.rels"):
                kind = (rel.get("Type") or "").removeprefix(_REL)
                if kind in {"styles", "numbering"}:
                    if kind in targets or rel.get("TargetMode") == "External":
                        raise _NotPlain
                    targets[kind] = rel.get("Target")
        if targets.get("styles") != "styles.xml" or targets.get("numbering", "numbering.xml") != "numbering.xml":
            raise _NotPlain  # python-docx makes default styles for a document without them
        self.document = part("word/document.xml")
        styles = part("word/styles.xml")
        numbering = part("word/numbering.xml") if "numbering" in targets else None
        self.numbering = _Numbering(numbering)
        self.styles_by_id: dict[str, Any] = {}
        default = None
        for style in styles.iterchildren(f"{_W}style"):
            self.styles_by_id.setdefault(style.get(f"{_W}styleId"), style)
            flag = style.get(f"{_W}default")
            if style.get(f"{_W}type") == "paragraph" and flag is not None and _on_off(flag):
                default = style
        self.default_style = default
        self.known_styles: dict[str | None, tuple[str, tuple[str, str] | None]] = {}

    def items(self) -> list[_Item]:
        body = self.document.find(f"{_W}body")
        if body is None:
            raise _NotPlain
        items: list[_Item] = []
        for child in body:
            if child.tag == f"{_W}p":
                items.append(("paragraphs", self.paragraph(child)))
            elif child.tag == f"{_W}tbl":
                items.append(("table", self.table(child)))
        return items

    def paragraph(self, p: Any) -> list[Paragraph]:
        texts: list[str] = []
        bolds: list[bool] = []
        for child in p:
            if child.tag == f"{_W}r":
                run = _run_text(child)
                texts.append(run)
                if run.strip():
                    bolds.append(_bold(child))
            elif child.tag == f"{_W}hyperlink":
                for run in child:
                    if run.tag == f"{_W}r":
                        texts.append(_run_text(run))
                    elif run.tag not in _PARAGRAPH_QUIET:
                        raise _NotPlain
            elif child.tag not in _PARAGRAPH_QUIET:
                raise _NotPlain
        text = "".join(texts)
        if not text.strip():
            return []
        ppr = p.find(f"{_W}pPr")
        style = ppr.find(f"{_W}pStyle") if ppr is not None else None
        style_name, style_number = self.style(style.get(f"{_W}val") if style is not None else None)
        num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
        number_of = _number_of(num_pr) if num_pr is not None else style_number
        outline = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
        return _paragraph_parts(
            text,
            style_name=style_name,
            number_of=number_of,
            outline=outline.get(f"{_W}val") if outline is not None else None,
            bold=bool(bolds) and all(bolds),
            numbering=self.numbering,
        )

    def style(self, style_id: str | None) -> tuple[str, tuple[str, str] | None]:
        """The paragraph style's name and the list numbering it gives (python-docx's rules: an unknown
        id or a style of another type is the default paragraph style)."""
        if style_id not in self.known_styles:
            style = self.styles_by_id.get(style_id) if style_id else None
            if style is None or style.get(f"{_W}type") != "paragraph":
                style = self.default_style
            name = ""
            if style is not None:
                name_element = style.find(f"{_W}name")
                raw_name = name_element.get(f"{_W}val") if name_element is not None else None
                name = _UI_STYLE_NAMES.get(raw_name, raw_name) if raw_name is not None else ""
            self.known_styles[style_id] = (name or "", self.style_numbering(style))
        return self.known_styles[style_id]

    def style_numbering(self, style: Any) -> tuple[str, str] | None:
        for _depth in range(10):
            if style is None:
                return None
            ppr = style.find(f"{_W}pPr")
            num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
            if num_pr is not None:
                return _number_of(num_pr)
            based_on = style.find(f"{_W}basedOn")
            style = self.styles_by_id.get(based_on.get(f"{_W}val")) if based_on is not None else None
        return None

    def table(self, tbl: Any) -> tuple[tuple[str, ...], ...]:
        rows = []
        seen_cells = 0
        for tr in tbl.iterchildren(f"{_W}tr"):
            cells: list[str] = []
            for tc in tr.iterchildren(f"{_W}tc"):
                tc_pr = tc.find(f"{_W}tcPr")
                span = 1
                if tc_pr is not None:
                    if tc_pr.find(f"{_W}vMerge") is not None:
                        raise _NotPlain  # a continued cell shows the text of the one above
                    grid_span = tc_pr.find(f"{_W}gridSpan")
                    if grid_span is not None:
                        span = int(grid_span.get(f"{_W}val"))
                seen_cells += span
                if seen_cells > _MAX_TABLE_CELLS:
                    raise UnreadableDocument(_("Word-filen har en orimligt stor tabell och läses inte."))
                if span < 1:
                    raise _NotPlain
                parts = []
                for p in tc.iterchildren(f"{_W}p"):
                    text = "".join(_run_text(r) for r in _paragraph_runs(p))
                    parts.append(strip_bullet(strip_markup(text).strip())[0])
                cells.append(normalise_space(" ".join(part for part in parts if part)))
            if any(cells):
                rows.append(tuple(cells))
        return tuple(rows)


def _paragraph_runs(p: Any) -> Iterator[Any]:
    """The runs whose text python-docx gives as the paragraph's text (direct and in hyperlinks)."""
    for child in p:
        if child.tag == f"{_W}r":
            yield child
        elif child.tag == f"{_W}hyperlink":
            yield from child.iterchildren(f"{_W}r")


def _run_text(r: Any) -> str:
    out = []
    for e in r:
        tag = e.tag
        if tag not in _RUN_TEXT:
            continue
        if tag == f"{_W}t":
            out.append(e.text or "")
        elif tag == f"{_W}br":
            out.append("\n" if e.get(f"{_W}type", "textWrapping") == "textWrapping" else "")
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
        elif tag == f"{_W}cr":
            out.append("\n")
        else:
            out.append("\t")
    return "".join(out)


def _bold(r: Any) -> bool:
    r_pr = r.find(f"{_W}rPr")
    b = r_pr.find(f"{_W}b") if r_pr is not None else None
    if b is None:
        return False
    value = b.get(f"{_W}val")
    return True if value is None else _on_off(value)


def _on_off(value: str) -> bool:
    if value not in _ON_OFF:
        raise _NotPlain
    return _ON_OFF[value]


def _number_of(num_pr: Any) -> tuple[str, str] | None:
    num_id = num_pr.find(f"{_W}numId")
    if num_id is None:
        return None
    ilvl = num_pr.find(f"{_W}ilvl")
    return str(int(num_id.get(f"{_W}val"))), str(int(ilvl.get(f"{_W}val"))) if ilvl is not None else "0"
