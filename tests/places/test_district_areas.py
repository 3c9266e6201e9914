"""District areas from the membership CSV (load_district_areas and `manage.py load_district_areas`)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from tests.places.conftest import GEO, MEMBERSHIP_CSV, load_stockholm, read_csv, snapshot
from tryggsam.core.text import fold
from tryggsam.places.gazetteer import find_places
from tryggsam.places.importers import load_district_areas
from tryggsam.places.models import AliasKind, Area, AreaAlias, AreaLevel

pytestmark = pytest.mark.django_db

CURRENT_AREAS = {
    "Bromma",
    "Enskede-Årsta-Vantör",
    "Farsta",
    "Hägersten-Älvsjö",
    "Hässelby-Vällingby",
    "Järva",
    "Kungsholmen",
    "Norra innerstaden",
    "Skarpnäck",
    "Skärholmen",
    "Södermalm",
}
FORMER_AREAS = {
    "Hägersten-Liljeholmen": "Hägersten-Älvsjö",
    "Älvsjö": "Hägersten-Älvsjö",
    "Rinkeby-Kista": "Järva",
    "Spånga-Tensta": "Järva",
    "Norrmalm": "Norra innerstaden",
    "Östermalm": "Norra innerstaden",
}


def test_load_district_areas__creates_the_11_current_district_areas(stockholm):
    areas = Area.objects.filter(level=AreaLevel.DISTRICT_AREA)

    assert set(areas.values_list("name", flat=True)) == CURRENT_AREAS
    assert not areas.exclude(parent=None).exists()


def test_load_district_areas__every_district_has_a_district_area(stockholm):
    districts = Area.objects.filter(level=AreaLevel.DISTRICT).select_related("parent")

    assert districts.count() == 117
    assert {d.parent.level for d in districts if d.parent} == {AreaLevel.DISTRICT_AREA}
    assert not districts.filter(parent=None).exists()


def test_load_district_areas__districts_follow_the_current_list(stockholm):
    current = [r for r in read_csv(GEO / MEMBERSHIP_CSV) if r["sdo_status"].startswith("current") and r["kth_stadsdel"]]
    parent_of = dict(Area.objects.filter(level=AreaLevel.DISTRICT).values_list("folded_name", "parent__name"))

    assert len(current) == 116
    for row in current:
        assert parent_of[fold(row["kth_stadsdel"])] == row["stadsdelsomrade"], row["kth_stadsdel"]


def test_load_district_areas__unlisted_riddarholmen_goes_to_sodermalm(stockholm):
    listed = {fold(r["kth_stadsdel"]) for r in read_csv(GEO / MEMBERSHIP_CSV)}
    riddarholmen = Area.objects.get(level=AreaLevel.DISTRICT, name="Riddarholmen")

    assert "riddarholmen" not in listed
    assert riddarholmen.parent.name == "Södermalm"
    assert any(w.startswith("Riddarholmen finns inte i listan") for w in stockholm.memberships.warnings)


def test_load_district_areas__former_names_are_aliases_of_the_successor(stockholm):
    former = dict(AreaAlias.objects.filter(kind=AliasKind.FORMER).values_list("name", "area__name"))

    assert former == FORMER_AREAS
    assert set(AreaAlias.objects.filter(kind=AliasKind.FORMER).values_list("area__level", flat=True)) == {
        AreaLevel.DISTRICT_AREA
    }


@pytest.mark.parametrize(
    ("alias", "district"),
    [
        ("Gärdet", "Ladugårdsgärdet"),
        ("Hammarby Sjöstad", "Södra hammarbyhamnen"),
        ("Ulvsunda Industriområde", "Ulvsunda industriomr"),
    ],
)
def test_load_district_areas__other_names_of_districts_are_aliases(stockholm, alias, district):
    entry = AreaAlias.objects.get(name=alias)

    assert (entry.kind, entry.area.name, entry.area.level) == (AliasKind.ALTERNATE, district, AreaLevel.DISTRICT)
    assert [m.name for m in find_places(f"Trygghetsvandring på {alias} i kväll")] == [district]


def test_load_district_areas__informal_areas_become_places_but_descriptions_do_not(stockholm):
    places = dict(
        Area.objects.filter(
            level=AreaLevel.PLACE, name__in=["Lövholmen", "Marievik", "Årstadal", "Årstaberg"]
        ).values_list("name", "parent__name")
    )

    assert places == dict.fromkeys(["Lövholmen", "Marievik", "Årstadal", "Årstaberg"], "Hägersten-Älvsjö")
    assert not Area.objects.filter(name__icontains="liten del").exists()
    assert any("en liten del av Östermalm" in w for w in stockholm.memberships.warnings)


def test_load_district_areas__second_run_changes_nothing(stockholm):
    before = snapshot()
    out = StringIO()
    call_command("load_district_areas", str(GEO / MEMBERSHIP_CSV), "--json", stdout=out)
    result = json.loads(out.getvalue())

    assert (result["created"], result["updated"], result["aliases"]) == (0, 0, 0)
    assert snapshot() == before


def test_load_district_areas__whole_pipeline_twice_changes_nothing(stockholm):
    """Stations found inside a district (Axelsberg in Hägersten) stay there when the list is read again."""
    before = snapshot()

    again = load_stockholm(GEO)

    assert (again.districts.created, again.districts.updated) == (0, 0)
    assert (again.memberships.created, again.memberships.updated, again.memberships.aliases) == (0, 0, 0)
    assert (again.stations.created, again.stations.updated) == (0, 0)
    assert snapshot() == before
    assert Area.objects.get(name="Axelsberg").parent.name == "Hägersten"


def test_load_district_areas__first_run_reports_what_it_did(stockholm):
    result = stockholm.memberships

    assert result.updated == 117  # every district got its parent
    assert result.aliases == len(FORMER_AREAS) + 4  # Gärdet, Hammarby Sjöstad, Skarpnäck, Ulvsunda Industriområde
    assert result.created == len(CURRENT_AREAS) + 6  # and the informal areas without a polygon


def test_load_district_areas_command__prints_swedish_summary(stockholm):
    out = StringIO()
    call_command("load_district_areas", str(GEO / MEMBERSHIP_CSV), stdout=out)
    lines = out.getvalue().splitlines()

    assert lines[0] == "0 nya, 0 ändrade områden, 0 nya alternativa namn."
    assert any(line.startswith("Varning: Riddarholmen finns inte i listan") for line in lines)


def test_load_district_areas__a_district_moved_by_the_list_gets_the_new_parent(stockholm, tmp_path):
    text = (GEO / MEMBERSHIP_CSV).read_text(encoding="utf-8")
    moved = tmp_path / "flytt.csv"
    moved.write_text(text.replace("Skärholmen,current,Bredäng,", "Farsta,current,Bredäng,"), encoding="utf-8")

    result = load_district_areas(moved)

    assert result.updated == 1
    assert Area.objects.get(level=AreaLevel.DISTRICT, name="Bredäng").parent.name == "Farsta"
