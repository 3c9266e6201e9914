"""Brå statistics as Brå delivers them (issue 13, item 7): the shared exports as CSV and as .xlsx and
.xls made from them here, and variations of the layout written here in our own words."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from tests.crimestats.xls import write_xls
from tryggsam.crimestats.models import CrimeStatistic
from tryggsam.crimestats.parsing import StatisticsFormatError, parse_statistics
from tryggsam.crimestats.services import statistics_import
from tryggsam.places.importers import import_geojson, load_district_areas

ROOT = Path(__file__).resolve().parents[2]
BRA = "bra_anmalda_brott_per_manad_stadsdelsomraden_stockholm_raw.csv"
YEARBOOK = "stockholm_arsbok_1.63_anmalda_brott_2024_stadsdelsomraden.csv"


@pytest.fixture
def stats(shared_dir) -> Path:
    return shared_dir / "data" / "stats"


@pytest.fixture
def areas(db, shared_dir):
    geo = shared_dir / "data" / "geo"
    import_geojson(geo / "stockholm_stadsdelar_simplified.geo.json")
    load_district_areas(geo / "stockholm_stadsdelsomraden_membership.csv")


def _cell(text: str) -> object:
    """A CSV cell as the spreadsheet held it: numbers as numbers, empty cells empty."""
    if not text:
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            continue
    return text


def _rows(text: str) -> list[list[object]]:
    lines = ["" if line.startswith("#") else line for line in text.splitlines()]
    return [[_cell(c) for c in row] for row in csv.reader(io.StringIO("\n".join(lines)))]


def _xlsx(rows: list[list[object]], path: Path, sheet: str = "Resultat") -> Path:
    workbook = Workbook()
    workbook.active.title = sheet
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def _write(tmp_path: Path, rows: list[list[object]], kind: str, name: str = "export") -> Path:
    path = tmp_path / f"{name}.{kind}"
    if kind == "xlsx":
        return _xlsx(rows, path)
    if kind == "xls":
        path.write_bytes(write_xls(rows))
        return path
    path.write_text("\n".join(";".join("" if c is None else str(c) for c in row) for row in rows), encoding="utf-8")
    return path


def _stored() -> set[tuple]:
    return set(
        CrimeStatistic.objects.values_list(
            "area_name", "area_level", "period", "category", "parent_category", "measure", "value"
        )
    )


# --- the shared exports ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
@pytest.mark.django_db
def test_import_statistics__bra_export_as_excel_reads_as_the_csv(tmp_path, stats, areas, kind):
    csv_summary = statistics_import(path=stats / BRA)
    from_csv = _stored()
    CrimeStatistic.objects.all().delete()
    excel = _write(tmp_path, _rows((stats / BRA).read_text(encoding="utf-8")), kind)
    summary = statistics_import(path=excel)
    assert summary.as_json() == csv_summary.as_json()
    assert summary.areas == ["Bromma", "Hägersten-Älvsjö"] and summary.measure == "count"
    assert summary.periods == [f"2025-{m:02d}" for m in range(1, 13)]
    assert _stored() == from_csv and len(from_csv) == summary.rows
    bromma = CrimeStatistic.objects.get(area_name="Bromma", period="2025-10", category="12 kap. Skadegörelsebrott")
    assert bromma.area.name == "Bromma" and bromma.area_level == "district_area"


@pytest.mark.django_db
def test_import_statistics__kind_is_read_from_the_bytes_not_the_name(tmp_path, stats, areas):
    rows = _rows((stats / BRA).read_text(encoding="utf-8"))
    xlsx = _write(tmp_path, rows, "xlsx").rename(tmp_path / "hamtad.csv")
    xls = _write(tmp_path, rows, "xls").rename(tmp_path / "hamtad")
    assert statistics_import(path=xlsx).rows == statistics_import(path=xls).rows == 336


@pytest.mark.django_db
def test_import_statistics__yearbook_as_xlsx_reads_as_the_csv(tmp_path, stats, areas):
    from_csv = statistics_import(path=stats / YEARBOOK).as_json()
    excel = _write(tmp_path, _rows((stats / YEARBOOK).read_text(encoding="utf-8")), "xlsx")
    assert statistics_import(path=excel).as_json() == from_csv
    assert from_csv["periods"] == ["2024"] and "Järva" in from_csv["areas"]


def test_parse_statistics__chapter_offence_and_of_which_hierarchy_of_the_real_export(stats):
    parsed = parse_statistics((stats / BRA).read_bytes())
    parent = {v.category: v.parent for v in parsed.values}
    assert parent["därav misshandel inkl. grov"] == "3 kap. Brott mot liv och hälsa"
    assert parent["3 kap. Brott mot liv och hälsa"] == "3-7 kap. Brott mot person"
    assert parent["6 kap. Sexualbrott"] == "3-7 kap. Brott mot person"
    assert parent["därav rån, inkl. grovt"] == "8 kap. Stöld, rån m.m."
    assert parent["12 kap. Skadegörelsebrott"] == "8-12 kap. Brott mot förmögenhet"
    assert parent["3-7 kap. Brott mot person"] == parent["Vapenlagen"] == parent["Totalt antal brott"] == ""
    assert not parsed.warnings


# --- variations of the layout, in our own words ---------------------------------------------------

MUNICIPALITY = [
    ["Anmälda brott", None, "Brottsförebyggande rådet"],
    [],
    [None, 2023, 2024],
    [None, "Helår", "Helår"],
    [None, "/100 000 inv", "/100 000 inv"],
    ["Stockholm kommun"],
    ["Totalt antal brott", 14210.5, 13980.25],
    ["3-7 kap. Brott mot person", 2101, 2050],
    ["Stadsdelsområde Norra innerstaden (Sthlm)"],
    ["Totalt antal brott", 26000, 25500],
]


@pytest.mark.parametrize("kind", ["csv", "xlsx", "xls"])
@pytest.mark.django_db
def test_import_statistics__municipality_row_whole_years_and_rates(tmp_path, areas, kind):
    summary = statistics_import(path=_write(tmp_path, MUNICIPALITY, kind))
    assert summary.areas == ["Stockholm", "Norra innerstaden"]
    assert summary.periods == ["2023", "2024"] and summary.measure == "per_100k"
    assert summary.warnings == [] and summary.unresolved_areas == []
    city = CrimeStatistic.objects.get(area_name="Stockholm", period="2024", category="Totalt antal brott")
    assert city.area_level == "municipality" and city.measure == "per_100k" and city.value == 13980.25
    inner = CrimeStatistic.objects.get(area_name="Norra innerstaden", period="2023")
    assert inner.area.level == "district_area" and inner.value == 26000


@pytest.mark.parametrize(
    "header",
    [
        [[None, "Antal", "Antal"], [None, 2023, 2024], [None, "Helår", "Helår"]],  # measure first
        [[None, "Helår", "Helår"], [None, "Antal", "Antal"], [None, 2023, 2024]],  # years last
        [[None, 2023, 2024], [None, "Antal", "Antal"], [None, "Helår", "Helår"]],  # measure in the middle
        [[None, "2023 Helår", "2024 Helår"], [None, "Antal", None]],  # one cell each, a merged measure
    ],
    ids=["measure-first", "years-last", "measure-middle", "merged-measure"],
)
@pytest.mark.django_db
def test_import_statistics__header_rows_in_any_order(tmp_path, areas, header):
    rows = [["Anmälda brott"], [], *header, ["Stadsdelsområde Farsta (Sthlm)"], ["Vapenlagen", 7, 9]]
    summary = statistics_import(path=_write(tmp_path, rows, "xlsx"))
    assert summary.periods == ["2023", "2024"] and summary.measure == "count" and not summary.warnings
    assert {(v.period, v.value) for v in CrimeStatistic.objects.filter(area_name="Farsta")} == {
        ("2023", 7),
        ("2024", 9),
    }


@pytest.mark.django_db
def test_import_statistics__months_in_words_under_a_year_written_once(tmp_path, areas):
    months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"]  # fmt: skip
    rows = [
        ["Anmälda brott per månad"],
        [None, 2024, *[None] * 11, 2025],  # a merged year cell: written over its first month only
        [None, *months, "januari"],
        [None, *["Antal"] * 13],
        ["Stadsdelsområde Skärholmen (Sthlm)"],
        ["12 kap. Skadegörelsebrott", *range(1, 14)],
    ]
    summary = statistics_import(path=_write(tmp_path, rows, "xls"))
    assert summary.periods == [*(f"2024-{m:02d}" for m in range(1, 13)), "2025-01"]
    assert CrimeStatistic.objects.get(period="2025-01").value == 13
    assert CrimeStatistic.objects.get(period="2024-12").value == 12


UNKNOWN = [
    ["Anmälda brott"],
    [None, 2024],
    [None, "Antal"],
    ["Stadsdelsområde Farsta (Sthlm)"],  # row 4
    ["Totalt antal brott", 100],
    ["Gamla hamnkvarteren"],  # row 6: no area form, not in the register
    ["Totalt antal brott", 50],
    ["Vapenlagen", 2],
    ["Stadsdelsområde Atlantis (Sthlm)"],  # row 9: a district area the register does not know
    ["Totalt antal brott", 30],
    ["Stadsdelsområde Skarpnäck (Sthlm)"],
    ["Totalt antal brott", 70],
]


@pytest.mark.django_db
def test_import_statistics__one_unknown_area_imports_the_rest_and_names_the_rows(tmp_path, areas):
    summary = statistics_import(path=_write(tmp_path, UNKNOWN, "xlsx"))
    assert summary.areas == ["Farsta", "Atlantis", "Skarpnäck"]
    assert {(v.area_name, v.value) for v in CrimeStatistic.objects.all()} == {
        ("Farsta", 100),
        ("Atlantis", 30),
        ("Skarpnäck", 70),
    }
    assert summary.unresolved_areas == ["Atlantis"]
    assert any("Rad 6" in w and "Gamla hamnkvarteren" in w and "7–8" in w for w in summary.warnings)
    assert any("Rad 9" in w and "Atlantis" in w and "områdesregistret" in w for w in summary.warnings)


@pytest.mark.django_db
def test_import_statistics__a_bare_name_the_register_knows_is_an_area(tmp_path, areas):
    rows = [[None, 2024], [None, "Antal"], ["Farsta"], ["Totalt antal brott", 5], ["Skarpnäck"], ["Vapenlagen", 1]]
    summary = statistics_import(path=_write(tmp_path, rows, "csv"))
    assert summary.areas == ["Farsta", "Skarpnäck"] and not summary.warnings
    assert CrimeStatistic.objects.get(area_name="Skarpnäck").area.name == "Skarpnäck"


def test_import_statistics__command_reports_the_unknown_rows_and_saves_the_rest(tmp_path, capsys, areas):
    path = _write(tmp_path, UNKNOWN, "xls")
    call_command("import_statistics", str(path), "--json")
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["rows"] == 3 and "Atlantis" in captured.err and "Rad 6" in captured.err


def test_parse_statistics__of_which_and_chapters_without_repeated_parents():
    rows = [
        [None, 2024],
        [None, "Antal"],
        ["Stadsdelsområde Järva (Sthlm)"],
        ["3-7 kap. Brott mot person", 40],
        ["3 kap. Brott mot liv och hälsa", 20],
        ["därav misshandel inkl. grov", 15],
        ["därav misshandel mot kvinna", 5],
        ["Vapenlagen", 3],
        ["därav grovt vapenbrott", 1],
    ]
    text = "\n".join(";".join("" if c is None else str(c) for c in row) for row in rows)
    parent = {v.category: v.parent for v in parse_statistics(text.encode()).values}
    assert parent == {
        "3-7 kap. Brott mot person": "",
        "3 kap. Brott mot liv och hälsa": "3-7 kap. Brott mot person",
        "därav misshandel inkl. grov": "3 kap. Brott mot liv och hälsa",
        "därav misshandel mot kvinna": "3 kap. Brott mot liv och hälsa",
        "Vapenlagen": "",
        "därav grovt vapenbrott": "Vapenlagen",
    }


def test_parse_statistics__area_and_offence_in_columns_of_their_own(tmp_path):
    rows = [
        ["Region", "Brott", 2023, 2024],
        [None, None, "Antal", "Antal"],
        ["Stockholms län", "Totalt antal brott", 300000, 310000],
        [None, "Vapenlagen", 900, 950],
        ["Stockholm kommun", "Totalt antal brott", 150000, 151000],
    ]
    parsed = parse_statistics(_write(tmp_path, rows, "xlsx").read_bytes())
    found = {(v.area_name, v.area_level, v.category, v.period): v.value for v in parsed.values}
    assert found[("Stockholms län", "county", "Vapenlagen", "2024")] == 950
    assert found[("Stockholm", "municipality", "Totalt antal brott", "2023")] == 150000
    assert len(found) == 6


@pytest.mark.django_db
def test_import_statistics__the_same_offence_twice_in_an_area_is_a_warning_not_a_crash(tmp_path):
    rows = [[None, 2024], [None, "Antal"], ["Stadsdelsområde Farsta (Sthlm)"], ["Vapenlagen", 1], ["Vapenlagen", 2]]
    summary = statistics_import(path=_write(tmp_path, rows, "csv"))
    assert summary.rows == 1 and CrimeStatistic.objects.get().value == 1
    assert any("Rad 5" in w and "rad 4" in w for w in summary.warnings)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([[None, 2024, 2024], [None, "Kvartal 1", "Kvartal 2"], ["Riket"], ["Vapenlagen", 1, 2]], "Rad 2, kolumn B"),
        ([[None, 2024, 2024], [None, "Antal", "Antal"], ["Riket"], ["Vapenlagen", 1, 2]], "samma period"),
        ([[None, 2024], [None, "Antal"], ["Någonstans"], ["Vapenlagen", 1]], "inget känt område"),
    ],
    ids=["unknown-period", "two-columns-one-period", "only-unknown-areas"],
)
@pytest.mark.django_db
def test_import_statistics__unreadable_header_or_nothing_known_stores_nothing(tmp_path, rows, message):
    with pytest.raises(StatisticsFormatError, match=message):
        statistics_import(path=_write(tmp_path, rows, "xlsx"))
    assert not CrimeStatistic.objects.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"PK\x03\x04" + b"\x00" * 200,  # the start of a zip, then nothing
        bytes.fromhex("D0CF11E0A1B11AE1") + b"\x01" * 600,  # the start of an OLE2 file, then garbage
    ],
    ids=["broken-xlsx", "broken-xls"],
)
def test_import_statistics__broken_excel_exits_2_in_swedish(tmp_path, content):
    bad = tmp_path / "trasig.xlsx"
    bad.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "manage.py", "import_statistics", str(bad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Excel-filen kunde inte läsas" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.django_db
def test_statistics_page__shows_the_offences_under_their_chapter(client, stats):
    statistics_import(path=stats / BRA)
    html = client.get("/statistik/?omrade=Bromma").content.decode()
    assert '<th scope="row" class="category-depth-0">3-7 kap. Brott mot person</th>' in html
    assert '<th scope="row" class="category-depth-1">3 kap. Brott mot liv och hälsa</th>' in html
    assert '<th scope="row" class="category-depth-2">därav misshandel inkl. grov</th>' in html
