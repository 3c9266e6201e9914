"""Importing the recorded police sample (../shared/data/polisen) and the command around it."""

import json
from io import StringIO
from zoneinfo import ZoneInfo

import hypothesis
import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import strategies as st

from tryggsam.audit.models import AuditAction, AuditEvent
from tryggsam.incidents.models import Incident, IncidentSource, Precision
from tryggsam.incidents.police import Rejected, parse_event
from tryggsam.incidents.police_import import import_events, import_police_source
from tryggsam.places.models import Area, AreaLevel


def run_command(*args: str) -> dict:
    out = StringIO()
    call_command("import_police_events", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def by_id(external_id) -> Incident:
    return Incident.objects.select_related("district", "district_area", "place").get(
        source=IncidentSource.POLICE_EVENT, external_id=str(external_id)
    )


def test_import_police_events__real_sample_then_all_duplicates(stockholm, db, police_sample, police_sample_path):
    expected_rejected = sum(isinstance(parse_event(e, index=i), Rejected) for i, e in enumerate(police_sample, 1))
    first = run_command(str(police_sample_path))
    assert set(first) == {"read", "created", "duplicates", "rejected", "errors"}
    assert first["read"] == len(police_sample)
    assert first["rejected"] == expected_rejected == len(first["errors"])
    assert first["created"] == len(police_sample) - expected_rejected
    assert first["duplicates"] == 0
    assert Incident.objects.filter(source=IncidentSource.POLICE_EVENT).count() == first["created"]
    assert Incident.categories.through.objects.count() == first["created"]

    again = run_command(str(police_sample_path))
    assert again == {
        "read": len(police_sample),
        "created": 0,
        "duplicates": first["created"],
        "rejected": 0,
        "errors": [],
    }
    assert Incident.objects.count() == first["created"]


def test_import_events__one_audit_row_per_run(stockholm, db, police_sample):
    before = AuditEvent.objects.count()
    result = import_events(police_sample[:40], source_label="exempel.json")
    rows = AuditEvent.objects.order_by("-id")[: AuditEvent.objects.count() - before]
    assert len(rows) == 1
    assert rows[0].action == AuditAction.IMPORT
    assert rows[0].changes["created"] == result.created == 40
    assert rows[0].note == "exempel.json"


def test_import_events__keeps_type_time_and_absolute_url(stockholm, db, police_sample):
    import_events(police_sample, source_label="test")
    first = police_sample[0]
    incident = by_id(first["id"])
    assert incident.original_type == first["type"]
    assert incident.title == first["name"]
    assert incident.description == first["summary"]
    assert incident.url == "https://polisen.se" + first["url"]
    assert incident.classification == "open"
    local = incident.occurred_at.astimezone(ZoneInfo("Europe/Stockholm"))
    assert (local.day, local.hour, local.minute) == (18, 20, 27)  # from "18 februari 20.27, …"


def test_import_events__categories_from_type(stockholm, db, police_sample):
    import_events(police_sample, source_label="test")
    for event in police_sample:
        codes = list(by_id(event["id"]).categories.values_list("code", flat=True))
        if event["type"] == "Rån":
            assert codes == ["robbery"]
        elif event["type"] == "Trafikolycka":
            assert codes == ["other"]
    assert Incident.objects.filter(original_type="Brand", categories__code="fire").count() == sum(
        e["type"] == "Brand" for e in police_sample
    )


def test_import_events__district_from_summary_in_stockholm(stockholm, db, police_sample):
    import_events(police_sample, source_label="test")
    events = [
        e
        for e in police_sample
        if e["name"].endswith(", Stockholm") and "Rinkeby" in e["summary"] and "Sammanfattning" not in e["type"]
    ]
    assert events, "the sample has Stockholm events in Rinkeby"
    rinkeby = Area.objects.get(name="Rinkeby", level=AreaLevel.DISTRICT)
    for event in events:
        incident = by_id(event["id"])
        assert incident.precision == Precision.DISTRICT
        assert incident.district == rinkeby
        assert incident.district_area == rinkeby.parent
        assert incident.district_area.level == AreaLevel.DISTRICT_AREA
        assert incident.municipality == "Stockholm"
        assert (incident.lat, incident.lon) == (rinkeby.centroid_lat, rinkeby.centroid_lon)


def test_import_events__precision_values(stockholm, db, police_sample):
    import_events(police_sample, source_label="test")
    for event in police_sample:
        incident = by_id(event["id"])
        last_part = event["name"].rsplit(",", 1)[1].strip()
        if last_part.endswith(" län"):
            # Only the county is known: its centroid is the point, and no district is guessed.
            assert incident.precision == Precision.COUNTY
            assert incident.municipality == ""
            assert f"{incident.lat},{incident.lon}" == event["location"]["gps"]
        elif incident.precision == Precision.MUNICIPALITY:
            assert incident.municipality == last_part
            # The gps is the county's centroid: neither the point nor an area is taken from it.
            assert incident.lat is None and incident.district_id is None and incident.district_area_id is None
        else:
            assert incident.precision in {Precision.PLACE, Precision.DISTRICT, Precision.DISTRICT_AREA}
            assert last_part == "Stockholm" and incident.district_area_id is not None
    assert Incident.objects.filter(precision=Precision.COUNTY).exists()
    assert Incident.objects.filter(precision=Precision.MUNICIPALITY).exists()
    assert Incident.objects.filter(precision=Precision.DISTRICT).exists()


def test_import_events__night_summary_keeps_text_without_place(stockholm, db):
    text = "Natten i Rinkeby och Farsta var lugn. Ett urval av nattens händelser följer nedan i texten."
    event = {
        "id": 9001,
        "datetime": "2026-02-18 7:02:00 +01:00",
        "name": "18 februari 07.00, Sammanfattning natt, Stockholm",
        "summary": text,
        "url": "/x/",
        "type": "Sammanfattning natt",
        "location": {"name": "Stockholms län", "gps": "59.602496,18.138438"},
    }
    import_events([event], source_label="test")
    incident = by_id(9001)
    assert incident.description == text
    assert incident.district_id is None and incident.place_id is None
    assert incident.precision == Precision.MUNICIPALITY


def test_import_events__municipality_centroid_is_not_placed_in_a_district(stockholm, db):
    """When location.name is the municipality, its gps is the municipality's centroid: kept as the point
    at municipality precision, never put into the district that happens to contain it."""
    event = {
        "id": 9002,
        "datetime": "2026-02-18 10:00:00 +01:00",
        "name": "18 februari 09.00, Brand, Stockholm",
        "summary": "Det brinner i ett soprum.",
        "url": "/x/",
        "type": "Brand",
        "location": {"name": "Stockholm", "gps": "59.329324,18.068581"},
    }
    import_events([event], source_label="test")
    incident = by_id(9002)
    assert incident.precision == Precision.MUNICIPALITY
    assert (incident.lat, incident.lon) == (59.329324, 18.068581)
    assert incident.district_id is None and incident.district_area_id is None


def test_import_events__rejected_rows_counted_with_swedish_errors(db, police_sample):
    rows = [police_sample[0], {"id": 5, "type": "Rån"}, {"datetime": "2026-02-18 22:03:10 +01:00", "type": "Rån"}, 7]
    result = import_events(rows, source_label="test")
    assert (result.read, result.created, result.rejected) == (4, 1, 3)
    assert "Händelse 2 (id 5): saknar tidpunkt (datetime)." in result.errors
    assert any("saknar id" in e for e in result.errors)


def test_import_events__duplicate_ids_within_one_file(db, police_sample):
    result = import_events([police_sample[0], police_sample[0]], source_label="test")
    assert (result.created, result.duplicates) == (1, 1)


def test_import_police_events__malformed_file_imports_nothing(db, tmp_path, police_sample):
    path = tmp_path / "trasig.json"
    path.write_text(json.dumps(police_sample[:5])[:-20], encoding="utf-8")
    audit_before = AuditEvent.objects.count()
    out = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import_police_events", str(path), "--json", stdout=out)
    assert exc.value.returncode == 2
    printed = json.loads(out.getvalue())
    assert printed["created"] == 0 and "inte giltig JSON" in printed["errors"][0]
    assert Incident.objects.count() == 0 and AuditEvent.objects.count() == audit_before


def test_import_police_source__missing_file(db):
    result = import_police_source("/finns/inte.json")
    assert result.fatal and result.errors == ["Filen finns inte: /finns/inte.json"]


def test_import_police_events__dry_run_saves_nothing(db, police_sample_path, police_sample):
    out = StringIO()
    call_command("import_police_events", str(police_sample_path), "--json", "--dry-run", stdout=out)
    assert json.loads(out.getvalue())["created"] == len(police_sample)
    assert Incident.objects.count() == 0


@hypothesis.settings(
    max_examples=60, deadline=None, suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture]
)
@hypothesis.given(
    events=st.lists(
        st.fixed_dictionaries(
            {
                "id": st.integers(min_value=-(2**63), max_value=2**63) | st.text(max_size=120),
                "datetime": st.sampled_from(["2026-02-18 22:03:10 +01:00", "1999-1-1 0:00:00 -12:00", "x"])
                | st.text(max_size=30),
                "type": st.text(max_size=250),
            },
            optional={
                "name": st.text(max_size=400),
                "summary": st.text(max_size=300),
                "url": st.text(max_size=600),
                "location": st.fixed_dictionaries({"name": st.text(max_size=150), "gps": st.text(max_size=30)}),
            },
        ),
        max_size=5,
    )
)
def test_import_events__random_events_never_raise(db, events):
    with transaction.atomic():
        result = import_events(events, source_label="slump")
        assert result.read == result.created + result.duplicates + result.rejected == len(events)
        assert len(result.errors) == result.rejected
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000 + "]" * 100_000,  # nested past the parser's recursion limit
        '[{"id": 1, "name": ' + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "}]",
    ],
    ids=["lists", "objects"],
)
def test_import_police_events__deeply_nested_json_exit_2_in_swedish(db, tmp_path, body):
    path = tmp_path / "djup.json"
    path.write_text(body, encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import_police_events", str(path), "--json", stdout=out)
    assert exc.value.returncode == 2
    printed = json.loads(out.getvalue())
    assert printed["created"] == 0 and "för djupt nästlad" in printed["errors"][0]
    assert Incident.objects.count() == 0


def test_import_events__nested_values_inside_an_event_are_rejected_not_raised(db, police_sample):
    deep: object = "x"
    for _ in range(900):
        deep = {"a": deep}
    event = {**police_sample[0], "name": deep, "summary": deep, "location": {"name": deep, "gps": deep}}
    result = import_events([event], source_label="test")
    assert result.created + result.rejected == 1


def test_import_events__nul_characters_anywhere_are_dropped_not_raised(db, police_sample):
    """PostgreSQL text cannot hold NUL; a feed that carries one in its id, type or place still imports."""
    event = {
        **police_sample[0],
        "id": "77\x0012",
        "type": "Brand\x00",
        "location": {"name": "Stock\x00holm", "gps": "59.3,18.0"},
    }
    result = import_events([event], source_label="test")
    assert result.created == 1
    incident = Incident.objects.get()
    assert incident.external_id == "7712" and "\x00" not in incident.original_type
