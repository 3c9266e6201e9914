"""The survey import reads an Excel workbook (.xlsx) as it reads CSV: shares as percentages, as
proportions formatted as percent, or as text with "%"; a bad row refuses the whole file; a file that
looks like a workbook but is not one gets a clear Swedish error, and nothing is stored. The workbooks
are written here with openpyxl (made-up areas and questions)."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from tryggsam.crimestats.errors import StatisticsFormatError
from tryggsam.crimestats.models import StatisticsImport, SurveyResult
from tryggsam.crimestats.surveys import survey_import

pytestmark = pytest.mark.django_db

QUESTION = "Känner sig trygg ute på kvällen"


def _workbook(path: Path, rows: list[list[object]], *, percent_cells: tuple[str, ...] = ()) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Svar"
    for row in rows:
        sheet.append(row)
    for cell in percent_cells:
        sheet[cell].number_format = "0%"
    book.save(path)
    return path


def test_survey_import__xlsx_with_numbers_percent_cells_and_text(tmp_path):
    path = _workbook(
        tmp_path / "trygghet.xlsx",
        [
            ["Område", "År", "Fråga", "Andel"],
            ["Norrby", 2024, QUESTION, 0.62],  # a proportion, shown as 62 % in Excel
            ["Norrby", 2025, QUESTION, 58.5],
            ["Söderby", 2025, QUESTION, "41 %"],
        ],
        percent_cells=("D2",),
    )
    assert survey_import(path=path) == 3
    shares = {(r.area_name, r.year): r.share for r in SurveyResult.objects.all()}
    assert shares == {("Norrby", 2024): 62, ("Norrby", 2025): 58.5, ("Söderby", 2025): 41}
    assert StatisticsImport.objects.get().file_name == "trygghet.xlsx"


def test_survey_import__xlsx_header_in_english_and_empty_rows_between(tmp_path):
    path = _workbook(
        tmp_path / "survey.xlsx",
        [["Area", "Year", "Question", "Share"], [None, None, None, None], ["Västerby", 2023, QUESTION, 12]],
    )
    assert survey_import(path=path) == 1
    assert SurveyResult.objects.get().share == 12


def test_survey_import__xlsx_bad_row_refuses_the_whole_file(tmp_path):
    path = _workbook(
        tmp_path / "trygghet.xlsx",
        [["Område", "År", "Fråga", "Andel"], ["Norrby", 2025, QUESTION, 40], ["Norrby", "tjugo", QUESTION, 140]],
    )
    with pytest.raises(StatisticsFormatError, match="Rad 3: område, år"):
        survey_import(path=path)
    assert not SurveyResult.objects.exists() and not StatisticsImport.objects.exists()


def test_survey_import__xlsx_without_the_columns_names_what_is_missing(tmp_path):
    path = _workbook(tmp_path / "trygghet.xlsx", [["Område", "År", "Svar"], ["Norrby", 2025, 40]])
    with pytest.raises(StatisticsFormatError, match="saknas: fråga, andel"):
        survey_import(path=path)


@pytest.mark.parametrize(
    "content",
    [
        b"PK\x03\x04" + b"inte en arbetsbok alls",  # zip magic, broken archive
        b"",  # empty
    ],
)
def test_import_survey__a_broken_workbook_exits_2_with_a_swedish_message(tmp_path, content):
    path = tmp_path / "trasig.xlsx"
    path.write_bytes(content)
    with pytest.raises(CommandError) as refused:
        call_command("import_survey", str(path), stdout=io.StringIO())
    assert refused.value.returncode == 2
    assert "Trygghetsmätningen kunde inte importeras, inget sparades" in str(refused.value)
    assert not SurveyResult.objects.exists()


def test_survey_import__a_zip_that_is_no_workbook_says_so(tmp_path):
    import zipfile

    path = tmp_path / "arkiv.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("anteckning.txt", "ingen arbetsbok här")
    with pytest.raises(StatisticsFormatError, match="Excel-filen kunde inte läsas"):
        survey_import(path=path)
    assert not SurveyResult.objects.exists()
