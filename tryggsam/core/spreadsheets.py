"""CSV and XLSX files that a spreadsheet program opens as plain data.

Every text cell goes through `escape_spreadsheet_cell` (a leading apostrophe before = + - @, tab and
CR), so a title such as ``=HYPERLINK(...)`` is shown and never run; numbers, dates and times stay typed,
so a negative number is still a number. In XLSX a text cell is always stored as a string (never as a
formula or an error code). The CSV is what Swedish Excel opens with a double-click: UTF-8 with a BOM,
semicolon-separated, decimal comma."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tryggsam.core.sanitize import escape_spreadsheet_cell

if TYPE_CHECKING:  # openpyxl takes a third of a second to import: loaded when an XLSX is written
    from openpyxl.cell import WriteOnlyCell

MAX_EXPORT_ROWS = 50_000
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"csv": CSV_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE}

# Control characters that XML 1.0, and so XLSX, cannot hold (tab, LF and CR can stay).
_ILLEGAL_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_CSV_BATCH = 1000
_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
_DATE_FORMAT = "yyyy-mm-dd"


def cell_value(value: Any) -> Any:
    """`value` as it goes into a cell: text without control characters and escaped, aware datetimes
    in local time without tzinfo, everything that is not a number, date, time or boolean as text."""
    if value is None or isinstance(value, (bool, int, Decimal, dt.date, dt.time)):
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            return timezone.make_naive(value)
        if isinstance(value, dt.time) and value.tzinfo is not None:
            return value.replace(tzinfo=None)
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return escape_spreadsheet_cell(_ILLEGAL_CONTROL.sub("", str(value)))


def _csv_text(value: Any) -> str:
    value = cell_value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, (float, Decimal)):
        return str(value).replace(".", ",")
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def iter_csv(headers: Sequence[Any], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    """The CSV file in pieces of about a thousand rows: BOM, header line, rows; `rows` is consumed lazily."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")

    def flush() -> bytes:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text.encode("utf-8", errors="replace")

    writer.writerow([_csv_text(h) for h in headers])
    yield "\ufeff".encode() + flush()
    for i, row in enumerate(rows, start=1):
        writer.writerow([_csv_text(v) for v in row])
        if i % _CSV_BATCH == 0:
            yield flush()
    yield flush()


def write_csv(headers: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    return b"".join(iter_csv(headers, rows))


def _sheet_title(title: str) -> str:
    """Excel's rules for a sheet name: at most 31 characters, none of []:*?/\\, not empty."""
    cleaned = _SHEET_TITLE_FORBIDDEN.sub("-", _ILLEGAL_CONTROL.sub("", title)).strip("' ")
    return cleaned[:31] or "Export"


def _string_cell(sheet: Any, value: str, *, bold: bool = False) -> WriteOnlyCell:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def _xlsx_value(sheet: Any, value: Any) -> Any:
    """What `sheet.append` gets for one cell. openpyxl stores a plain str as a formula when it begins
    with "=" and as an error when it is "#N/A" and the like; escaped text never begins with "=", and
    both cases are handed over as explicit string cells all the same. Plain values elsewhere: a cell
    object per value would make a large export several times slower."""
    value = cell_value(value)
    if isinstance(value, str):
        return _string_cell(sheet, value) if value[:1] in ("=", "#") else value
    if isinstance(value, (dt.datetime, dt.date)):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = _DATETIME_FORMAT if isinstance(value, dt.datetime) else _DATE_FORMAT
        return cell
    return value


def write_xlsx(sheet_title: str, headers: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    """One sheet with a bold, frozen header row; `rows` is consumed lazily (openpyxl's write-only mode
    keeps only the current row in memory)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(sheet_title))
    sheet.freeze_panes = "A2"
    for i, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(max(len(str(header)) + 4, 14), 60)
    sheet.append([_string_cell(sheet, str(cell_value(h)), bold=True) for h in headers])
    for row in rows:
        sheet.append([_xlsx_value(sheet, v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_filename(*parts: str, fmt: str, day: dt.date | None = None) -> str:
    """'arbetstabell-platssamverkan-torget-2026-12-02.xlsx': slugified parts (å, ä, ö folded) and the date."""
    words = [slugify(p) for p in parts if p and slugify(p)]
    return "-".join([*words, (day or timezone.localdate()).isoformat()]) + f".{fmt}"


def spreadsheet_response(
    *, fmt: str, filename: str, sheet_title: str, headers: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """A download of `rows` as CSV or XLSX. The file may hold restricted rows, so no cache keeps it."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    body = write_csv(headers, rows) if fmt == "csv" else write_xlsx(sheet_title, headers, rows)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename) or "attachment"
    response["Cache-Control"] = "private, no-store"
    return response
