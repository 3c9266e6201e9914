import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

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


def _json(capsys, *args) -> dict:
    call_command("import_statistics", *args, "--json")
    return json.loads(capsys.readouterr().out)


@pytest.mark.django_db
def test_import_statistics__bra_monthly_export(capsys, stats, areas):
    out = _json(capsys, str(stats / BRA))
    assert out["measure"] == "count"
    assert out["areas"] == ["Bromma", "Hägersten-Älvsjö"]
    assert out["periods"] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert "därav misshandel inkl. grov" in out["categories"] and "Totalt antal brott" in out["categories"]
    assert (
        out["rows"]
        == len(out["areas"]) * len(out["periods"]) * len(out["categories"])
        == CrimeStatistic.objects.count()
    )
    bromma_jan = CrimeStatistic.objects.get(area_name="Bromma", period="2025-01", category="Totalt antal brott")
    assert bromma_jan.area.name == "Bromma" and bromma_jan.area.level == "district_area"
    assert bromma_jan.value > 0


@pytest.mark.django_db
def test_import_statistics__yearbook_counts_and_rates(capsys, stats, areas):
    out = _json(capsys, str(stats / YEARBOOK))
    assert out["periods"] == ["2024"]
    assert out["categories"] == ["Anmälda brott", "Våldsbrott", "Stöld & rån", "Skadegörelse", "Narkotikabrott"]
    assert "Hela staden" in out["areas"] and "Järva" in out["areas"]  # footnote marker removed
    count = CrimeStatistic.objects.get(area_name="Järva", category="Anmälda brott", measure="count").value
    rate = CrimeStatistic.objects.get(area_name="Järva", category="Anmälda brott", measure="per_100k").value
    assert 100_000 * count / rate == pytest.approx(95_220, rel=0.05)  # implied population of Järva
    assert CrimeStatistic.objects.filter(area_name="Enskede-Årsta-Vantör", area__isnull=False).exists()


@pytest.mark.django_db
def test_import_statistics__same_file_twice_replaces_values(capsys, stats):
    first = _json(capsys, str(stats / BRA))
    second = _json(capsys, str(stats / BRA))
    assert first == second
    assert CrimeStatistic.objects.count() == first["rows"]


def _variant(tmp_path: Path, text: str, name: str = "export.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.django_db
def test_import_statistics__yearly_rates_one_area_old_name_semicolons_cp1252(tmp_path, areas):
    text = (
        "Anmälda brott, Stadsdelsområde Hägersten - Liljeholmen (Sthlm);;\n;;\n"
        ";2017;2018\n;Per 100 000 inv.;Per 100 000 inv.\n"
        "Totalt antal brott;12 345,5;11 002\n"
        "därav misshandel inkl. grov;456;..\n"
    )
    summary = statistics_import(path=_variant(tmp_path, text, encoding="cp1252"))
    assert summary.measure == "per_100k" and summary.periods == ["2017", "2018"]
    assert summary.areas == ["Hägersten-Liljeholmen"] and summary.rows == 3
    value = CrimeStatistic.objects.get(period="2017", category="Totalt antal brott")
    assert value.value == 12345.5
    assert value.area.name == "Hägersten-Älvsjö"  # former name resolved through its alias


@pytest.mark.django_db
def test_import_statistics__year_month_codes_and_tabs(tmp_path):
    text = "Titel\t\t\n\t2024M11\t2024M12\n\tAntal\tAntal\nStadsdelsområde Järva (Sthlm)\t\t\nRån\t3\t5\n"
    summary = statistics_import(path=_variant(tmp_path, text))
    assert summary.periods == ["2024-11", "2024-12"] and summary.rows == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "tom"),
        (b"\x00\x01\x02binary\x00", "binärdata"),
        ("Tabell utan år\n;A;B\nJärva;1;2\n".encode(), "Perioden"),
        (";2024\n;Antal\nRån;4\n".encode(), "inget område"),
    ],
)
@pytest.mark.django_db
def test_import_statistics__unreadable_files_store_nothing(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(StatisticsFormatError, match=message):
        statistics_import(path=path)
    assert not CrimeStatistic.objects.exists()


def test_import_statistics__command_exit_code_2_with_swedish_message(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_statistics", str(bad), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "inget sparades" in result.stderr and "Traceback" not in result.stderr


def test_parse_statistics__every_row_of_the_real_export_has_a_category_and_a_number(stats):
    parsed = parse_statistics((stats / BRA).read_bytes())
    assert all(v.category and v.value >= 0 for v in parsed.values)
    assert not parsed.warnings


@pytest.mark.django_db
def test_statistics_page__shows_the_table(client, stats):
    statistics_import(path=stats / BRA)
    html = client.get("/statistik/?omrade=Bromma").content.decode()
    assert "Brott mot narkotikastrafflagen" in html and "2025-12" in html


@pytest.mark.django_db
def test_import_survey__shares_in_any_usual_form_and_shown_on_the_situation_page(tmp_path, areas, client):
    from tryggsam.crimestats.models import SurveyResult
    from tryggsam.places.models import Area

    csv_file = tmp_path / "trygghet.csv"
    csv_file.write_text(
        "Område;År;Fråga;Andel\nLiljeholmen;2023;Otrygg ute sent på kvällen;31\n"
        "Liljeholmen;2025;Otrygg ute sent på kvällen;27,5 %\nHägersten-Liljeholmen;2025;Utsatt för brott;0.12\n",
        encoding="cp1252",
    )
    call_command("import_survey", str(csv_file), stdout=io.StringIO())
    shares = {(r.area_name, r.year): r.share for r in SurveyResult.objects.all()}
    assert shares == {("Liljeholmen", 2023): 31, ("Liljeholmen", 2025): 27.5, ("Hägersten-Liljeholmen", 2025): 12}
    district = Area.objects.get(level="district", name="Liljeholmen")
    assert SurveyResult.objects.get(year=2023).area == district
    html = client.get(
        "/lagesbild/bild/", {"area": district.pk, "start": "2026-10-01", "end": "2026-10-31"}
    ).content.decode()
    assert "Trygghetsmätning" in html
    assert "27,5 %" in html  # Swedish decimal comma


@pytest.mark.django_db
def test_import_survey__one_bad_row_refuses_the_file(tmp_path):
    from tryggsam.crimestats.models import SurveyResult
    from tryggsam.crimestats.surveys import survey_import

    csv_file = tmp_path / "trygghet.csv"
    csv_file.write_text("område,år,fråga,andel\nFarsta,2025,Otrygg,40\nFarsta,tjugo,Otrygg,140\n", encoding="utf-8")
    with pytest.raises(StatisticsFormatError, match="Rad 3"):
        survey_import(path=csv_file)
    assert not SurveyResult.objects.exists()


@pytest.mark.parametrize(
    "content",
    [
        ("Område;2024\n" + '"' + "Å" * 200_000 + '";4\n').encode(),  # one 200 kB field
        ("Område;2024\nRån;" + "9" * 200_000 + "\n").encode(),
        ("Område;2024\nAntal\n" + "Järva" * 100 + ";4\n").encode(),  # an area name longer than the column
    ],
    ids=["quoted-field", "number", "long-area"],
)
def test_import_statistics__huge_fields_exit_2_in_swedish(tmp_path, content):
    bad = tmp_path / "stor.csv"
    bad.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "manage.py", "import_statistics", str(bad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "inget sparades" in result.stderr and "Traceback" not in result.stderr
