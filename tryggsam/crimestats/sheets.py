"""A statistics file as rows of text cells, whatever it was saved as: CSV text, an Excel workbook
(.xlsx, read with openpyxl) or an old Excel file (.xls, BIFF, read with xlrd). The kind is told from
the file's first bytes, never from its name, so a renamed or name-less upload reads the same.

Every row keeps the number a spreadsheet program shows for it (`Row.line`), so that a warning can
name the row. Cells are text as a person would type them: whole numbers without ".0", empty cells "".
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import zipfile
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from tryggsam.crimestats.errors import StatisticsFormatError

# The longest cell read: labels are stored in columns of at most 200 characters (longer ones are
# refused by the parser), numbers are short.
MAX_CELL = 1000
# A published table has some hundreds of rows and tens of columns; far larger is not a table to read.
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
# An .xlsx is a zip archive: its parts may not unpack to more than this (a small file that unpacks to
# gigabytes is refused before it is read).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# The sheet Brå's statistics database writes its table to; other workbooks are read from their first sheet.
RESULT_SHEET = "resultat"

_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 compound file, as Excel 97-2003 writes


@dataclass(frozen=True)
class Row:
    line: int  # the row's number in the file (1 = first row), as a spreadsheet program shows it
    cells: list[str]

    def cell(self, column: int) -> str:
        return self.cells[column] if column < len(self.cells) else ""

    def __bool__(self) -> bool:
        return any(self.cells)


def read_table(raw: bytes) -> list[Row]:
    """The non-empty rows of the file's table, in order."""
    if raw.startswith(_XLSX_MAGIC):
        rows = _xlsx_rows(raw)
    elif raw.startswith(_XLS_MAGIC):
        rows = _xls_rows(raw)
    else:
        rows = _csv_rows(raw)
    return [row for row in rows if row]


def read_rows(raw: bytes) -> list[list[str]]:
    """The cells of every row, empty rows included (the survey import reads a plain table)."""
    return [row.cells for row in read_table(raw)]


def cell_text(value: Any) -> str:
    """One spreadsheet value as text: 924.0 -> "924", 27.5 -> "27.5", a date -> "2025-01-31"."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


def _checked(line: int, values: list[Any]) -> Row:
    if len(values) > MAX_COLUMNS:
        raise StatisticsFormatError(
            _("Rad %(line)d har fler än %(max)d kolumner.") % {"line": line, "max": MAX_COLUMNS}
        )
    cells = [cell_text(v) for v in values]
    while cells and not cells[-1]:
        cells.pop()
    if any(len(cell) > MAX_CELL for cell in cells):
        raise StatisticsFormatError(
            _("Ett fält på rad %(line)d är för långt (högst %(max)d tecken).") % {"line": line, "max": MAX_CELL}
        )
    return Row(line, cells)


def _too_many_rows() -> StatisticsFormatError:
    return StatisticsFormatError(_("Tabellen har fler än %(max)d rader.") % {"max": MAX_ROWS})


def _unreadable_excel() -> StatisticsFormatError:
    return StatisticsFormatError(
        _("Excel-filen kunde inte läsas (den är skadad eller inte en arbetsbok). Spara den på nytt och försök igen.")
    )


def _xlsx_rows(raw: bytes) -> list[Row]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise StatisticsFormatError(_("Excel-filen är för stor när den packas upp."))
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except StatisticsFormatError:
        raise
    except Exception as exc:  # openpyxl raises many kinds (zip, XML, missing parts) for a broken file
        raise _unreadable_excel() from exc
    try:
        sheet = next((s for s in workbook.worksheets if s.title.strip().lower() == RESULT_SHEET), None)
        sheet = sheet or workbook.worksheets[0]
        sheet.reset_dimensions()  # trust the cells, not a stored size that may claim a million columns
        rows = []
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if line > MAX_ROWS:
                raise _too_many_rows()
            rows.append(_checked(line, list(values)))
        return rows
    except StatisticsFormatError:
        raise
    except Exception as exc:
        raise _unreadable_excel() from exc
    finally:
        workbook.close()


def _xls_rows(raw: bytes) -> list[Row]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=raw, on_demand=True, logfile=io.StringIO())
        names = [name.strip().lower() for name in book.sheet_names()]
        sheet = book.sheet_by_index(names.index(RESULT_SHEET) if RESULT_SHEET in names else 0)
        if sheet.nrows > MAX_ROWS:
            raise _too_many_rows()
        rows = []
        for r in range(sheet.nrows):
            values: list[Any] = []
            for c in range(min(sheet.row_len(r), MAX_COLUMNS + 1)):
                cell = sheet.cell(r, c)
                if cell.ctype == xlrd.XL_CELL_DATE:
                    values.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
                elif cell.ctype in (xlrd.XL_CELL_TEXT, xlrd.XL_CELL_NUMBER):
                    values.append(cell.value)
                else:  # empty, blank, boolean and error cells carry no figure
                    values.append(None)
            rows.append(_checked(r + 1, values))
        book.release_resources()
        return rows
    except StatisticsFormatError:
        raise
    except Exception as exc:  # xlrd raises its own and struct/index errors for a broken file
        raise _unreadable_excel() from exc


def _csv_rows(raw: bytes) -> list[Row]:
    """CSV text in UTF-8 (with or without BOM) or Windows-1252, any of , ; or tab as delimiter;
    comment lines starting with # are skipped (they keep their line numbers)."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise StatisticsFormatError(_("Filen är inte text i UTF-8 eller Windows-1252 och inte en Excel-fil."))
    if "\x00" in text:
        raise StatisticsFormatError(_("Filen är inte en CSV- eller Excel-fil (binärdata)."))
    lines = ["" if line.lstrip().startswith("#") else line for line in text.splitlines()]
    sample = "\n".join(line for line in lines[:40] if line)
    delimiter = max((",", ";", "\t"), key=sample.count)
    # csv's own field limit (128 kB) raises a bare csv.Error; a cell is refused long before that.
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    rows = []
    try:
        for values in reader:
            if reader.line_num > MAX_ROWS:
                raise _too_many_rows()
            rows.append(_checked(reader.line_num, [v.strip() for v in values]))
    except csv.Error as exc:
        raise StatisticsFormatError(
            _("Filen är inte en läsbar CSV-fil (fel på rad %(line)d).") % {"line": reader.line_num}
        ) from exc
    return rows
