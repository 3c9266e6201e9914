"""The police import's fast paths save exactly what the general ones save. Each import runs twice on the
same table, once as it is and once with every fast path swapped for its general form (the datetime and
the name by their patterns, the name's local year by `astimezone`, an inflected place name by trying
each ending, the gps read without the memo, every text stripped by the pattern, the rows
built by keyword, the duplicate check through the ORM for every batch), and the saved rows, their
categories and the counts and errors must be the same: on the recorded sample in ../shared/data/polisen
and on odd input of our own (datetimes, names, control characters, duplicates within a file and
against the table, more events than a batch)."""

from __future__ import annotations

import pytest
from django.db import transaction

from tryggsam.core.text import strip_control_characters
from tryggsam.incidents import police, police_import
from tryggsam.incidents.bulk import IncidentRow
from tryggsam.incidents.models import Incident, IncidentSource
from tryggsam.incidents.police import _read_gps, parse_gps
from tryggsam.incidents.police_import import BATCH_SIZE, _ExistingIds, existing_ids_query, import_events
from tryggsam.places.gazetteer import Gazetteer

SKIPPED = {"id", "created_at", "updated_at"}


def field_names() -> list[str]:
    return [f.attname for f in Incident._meta.concrete_fields if f.attname not in SKIPPED]


def saved_rows() -> list[tuple]:
    names = field_names()
    rows = []
    for incident in Incident.objects.filter(source=IncidentSource.POLICE_EVENT).order_by("external_id"):
        categories = tuple(sorted(incident.categories.values_list("code", flat=True)))
        rows.append((*(getattr(incident, name) for name in names), categories))
    return rows


def general_text(value):
    return strip_control_characters(value).strip() if isinstance(value, str) else ""


def general_row(event, category_ids, locator, home) -> IncidentRow:
    location = police.locate_event(event, locator, home=home)
    return IncidentRow(
        occurred_at=event.occurred,
        category_ids=category_ids,
        district_id=location.district.pk if location.district else None,
        district_area_id=location.district_area.pk if location.district_area else None,
        place_id=location.place.pk if location.place else None,
        classification="open",
        external_id=event.external_id,
        original_type=event.event_type,
        title=event.name or event.event_type,
        description=event.summary,
        url=event.url,
        municipality=event.municipality,
        reported_at=event.published,
        lat=location.lat,
        lon=location.lon,
        precision=location.precision,
    )


class GeneralExistingIds:
    def __call__(self, ids):
        found = set()
        for start in range(0, len(ids), BATCH_SIZE):
            found.update(existing_ids_query(ids[start : start + BATCH_SIZE]))
        return found


def general_local_year_month(published):
    swedish = published.astimezone(police.SWEDISH_TIME)
    return swedish.year, swedish.month


TABLE_LOOKUP = Gazetteer._lookup


def general_lookup(self, key, original, *, fuzzy):
    if fuzzy or key in self.by_name:
        return TABLE_LOOKUP(self, key, original, fuzzy=fuzzy)
    stem = self._stem_by_endings(key)
    return (self.by_name[stem], "inflected", stem) if stem is not None else None


def general_paths(monkeypatch) -> None:
    monkeypatch.setattr(police, "_local_year_month", general_local_year_month)
    monkeypatch.setattr(Gazetteer, "_lookup", general_lookup)
    monkeypatch.setattr(police, "_fixed_datetime", lambda text: None)
    monkeypatch.setattr(police, "_fixed_name", lambda name: None)
    monkeypatch.setattr(police, "parse_gps", lambda value: _read_gps(value) if isinstance(value, str) else None)
    monkeypatch.setattr(police, "_text", general_text)
    monkeypatch.setattr(police_import, "_row", general_row)
    monkeypatch.setattr(police_import, "_ExistingIds", GeneralExistingIds)


def both_ways(monkeypatch, raw: list) -> tuple:
    """(counts and errors, saved rows) of importing `raw` the fast way and the general way, each rolled
    back afterwards, so that both start from the same table."""
    outcomes = []
    for general in (False, True):
        with monkeypatch.context() as patch:
            if general:
                general_paths(patch)
            with transaction.atomic():
                result = import_events(list(raw), source_label="test")
                outcomes.append((result.as_dict(), saved_rows()))
                transaction.set_rollback(True)
    return outcomes[0], outcomes[1]


def event(external_id, **fields) -> dict:
    base = {
        "id": external_id,
        "datetime": "2026-02-18 22:03:10 +01:00",
        "name": "18 februari 20.27, Brand, Stockholm",
        "summary": "Brand i en källare i Rinkeby.",
        "url": "/aktuellt/handelser/2026/februari/18/brand/",
        "type": "Brand",
        "location": {"name": "Stockholm", "gps": "59.329324,18.068581"},
    }
    return {**base, **fields}


ODD = [
    # datetimes
    event(1, datetime="2026-02-18 7:03:10 +01:00"),
    event(2, datetime="2026-02-18T22:03:10 +01:00"),
    event(3, datetime="2026-02-18 22:03 +0100"),
    event(4, datetime=" 2026-07-01 00:00:00 -05:30 "),
    event(5, datetime="2026-02-30 22:03:10 +01:00"),  # no such day: rejected
    event(6, datetime="2026-02-18 24:00:00 +01:00"),  # no such hour: rejected
    event(7, datetime="2026-02-18 22:03:10 +24:00"),  # an offset of a day: rejected
    event(8, datetime="2026-02-18 ٢٢:03:10 +01:00"),  # Arabic-Indic digits: the pattern reads them
    event(9, datetime="1989-12-31 23:59:59 +01:00"),  # before the first year: rejected
    event(10, datetime="2026-01-01 00:30:00 +01:00", name="31 december 23.50, Brand, Stockholm"),
    event(11, datetime="2026-02-18 22:03:10 -00:00"),
    # names
    event(12, name="  7 mars 7:05 , Rån, Malmö"),
    event(13, name="Brand"),
    event(14, name="18 februari 20.27, Sammanfattning natt, Stockholms län", type="Sammanfattning natt"),
    event(15, name="18  februari\u00a020.27\u2003, Brand, Stockholm"),
    event(16, name="18 februari 20.27, Brand\nmed en rad till, Stockholm"),
    event(17, name="18 smörgåsbord 20.27, Brand, Stockholm"),  # no such month
    event(18, name="١٨ februari 20.27, Brand, Stockholm"),
    event(19, name="18 februari 20.27, Brand, Stockholm", location={"name": "Uppsala län", "gps": "59.8,17.6"}),
    event(20, name="18 februari 20.27, Brand, Dalarnas län", location={"name": "Dalarnas län", "gps": "x,y"}),
    event(21, location={"name": "Stockholm", "gps": "91.0,18.0"}),
    event(22, location={"name": "Stockholm", "gps": ["59.3", "18.0"]}),
    event(23, location="Stockholm"),
    event(24, summary="Två bilar krockade vid Vällingby centrum i kväll."),
    event(25, summary=""),
    # control characters
    event(26, summary="Brand\x00 i Rinkeby\x07 i kväll.\x85"),
    event(27, name="18 februari\x0b 20.27, Brand, Stock\x7fholm"),
    event(28, type="Br\x00and", summary="Inget ställe.\ufffe"),
    event("\x01id-29\x02"),
    event(30, url="/aktuellt/\x00handelser/"),
    event(31, url="https://evil.example/x"),
    event(32, url="https://polisen.se/aktuellt/handelser/2026/?q=1#a"),
    event(33, type="\x00\x01", name="\t"),  # a type of control characters only: rejected
    # ids: duplicates within the file (also as a string against a number), and odd ids
    event(34),
    event(34, summary="Samma id igen."),
    event("34"),
    event(" 35 "),
    event(35),
    event(True),
    event(None),
    event("x" * 101),
    "inte ett objekt",
]


def test_import__fast_and_general_paths_save_the_same_on_odd_events(stockholm, db, monkeypatch):
    fast, general = both_ways(monkeypatch, ODD)
    assert fast == general
    counts, rows = fast
    assert counts["created"] == len(rows) > 20
    assert counts["duplicates"] == 3  # 34 twice more, 35 once more
    assert counts["rejected"] >= 8


def test_import__fast_and_general_paths_save_the_same_on_the_recorded_feed(stockholm, db, monkeypatch, police_sample):
    fast, general = both_ways(monkeypatch, police_sample)
    assert fast == general
    assert fast[0]["created"] == len(fast[1]) > 500
    district = field_names().index("district_id")
    assert any(
        row[district] for row in fast[1]
    )  # Stockholm summaries naming a district were located through the gazetteer


def test_import__fast_and_general_paths_agree_on_duplicates_against_the_table(
    stockholm, db, monkeypatch, police_sample
):
    """Half of the events already imported, the file then holding all of them several batches long
    (more than `BATCH_SIZE`, so that the duplicate check's padding and several batches are taken)."""
    import_events(police_sample[::2], source_label="förra gången")
    raw = police_sample + police_sample[:BATCH_SIZE]
    assert len(raw) > 2 * BATCH_SIZE
    fast, general = both_ways(monkeypatch, raw)
    assert fast == general
    assert fast[0]["duplicates"] >= len(police_sample) // 2 + BATCH_SIZE - 10


def test_existing_ids__compiled_once_finds_what_the_query_finds(db):
    import_events([event(f"finns-{k}") for k in range(1200)], source_label="test")
    asked_for = [f"finns-{k}" for k in range(0, 2400, 3)] + ["", "saknas", "finns-7"]
    expected = set(existing_ids_query(asked_for[:BATCH_SIZE])) | set(existing_ids_query(asked_for[BATCH_SIZE:]))
    existing = _ExistingIds()
    assert existing(asked_for) == expected
    assert len(expected) == 401
    assert existing(asked_for[:3]) == {"finns-0", "finns-3", "finns-6"}  # a short batch, padded
    assert existing([]) == set()


@pytest.mark.parametrize(
    "value",
    ["59.329324,18.068581", "63.171192,14.95918", "91.0,18.0", "59.3,,18.0", "x,y", "", " 59.3 , 18.0 ", "nan,1"],
)
def test_parse_gps__remembered_or_not_the_same(value):
    assert parse_gps(value) == _read_gps(value)
    assert parse_gps(value) == _read_gps(value)  # the second time from the memo
