"""The authorisation matrix over every output format of the situation picture, the incidents, the
casework tables and the API: HTML, JSON, PDF, DOCX, CSV and XLSX, for anonymous visitors and every
role of both organisations, with internal and restricted records of both organisations inside the
open forum and the same district (tests/security/world.py, `build_output_world`).

Each output's text (PDF and DOCX extracted, XLSX read cell by cell) is searched for the markers of the
records the actor may not read, and must hold those the actor may read (so that a format which stops
showing anything cannot pass unnoticed). Every answer to a logged-in user must say `no-store`."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests.security.world import (
    ACTORS,
    CLASSIFICATIONS,
    INCIDENT_GROUPS,
    OWNERS,
    PUBLIC_LIMIT,
    Actor,
    OutputWorld,
    World,
    build_output_world,
    build_world,
    expected_situation_total,
    may_view_owned,
    output_marker,
)


def document_text(content: bytes, fmt: str) -> str:
    """The readable text of a response body, whitespace collapsed (a PDF wraps lines anywhere)."""
    if fmt == "pdf":
        import pdfplumber

        with pdfplumber.open(io.BytesIO(content)) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    elif fmt == "docx":
        from docx import Document

        doc = Document(io.BytesIO(content))
        parts = [p.text for p in doc.paragraphs]
        parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
        text = "\n".join(parts)
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        text = "\n".join(
            str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for value in row
        )
    elif fmt == "json":
        text = json.dumps(json.loads(content), ensure_ascii=False)
    else:
        text = content.decode()
    return re.sub(r"\s+", " ", text)


def login(actor: Actor) -> int:
    return 302 if actor.rank == 0 else 200


def everyone(actor: Actor) -> int:
    return 200


@dataclass(frozen=True)
class Output:
    fmt: str
    url: Callable[[OutputWorld], str]
    expect: Callable[[Actor], int]
    shows: tuple[str, ...]  # kinds of record whose markers are checked: incident, problem, measure, category
    public_never: tuple[str, ...] = ()  # kinds an anonymous visitor never sees here, not even open ones


def _situation(name: str, key: str = "start", end: str = "end") -> Callable[[OutputWorld], str]:
    return lambda w: f"{reverse(name)}?area={w.district.pk}&{key}={w.start}&{end}={w.end}"


OUTPUTS: dict[str, Output] = {
    "situation page (HTML)": Output("html", _situation("situation:picture"), everyone, ("category", "problem", "measure")),
    "situation map (JSON)": Output("json", _situation("situation:map_data"), everyone, ("incident",), public_never=("incident",)),
    "situation API (JSON)": Output("json", _situation("api:situation", "from", "to"), everyone, ("category",)),
    "situation report (PDF)": Output("pdf", _situation("situation:report_pdf"), everyone, ("category",)),
    "situation report (DOCX)": Output("docx", _situation("situation:report_docx"), everyone, ("category",)),
    "incident list (HTML)": Output("html", lambda w: reverse("incidents:list"), login, ("incident",)),
    "incident export (CSV)": Output("csv", lambda w: reverse("incidents:export_csv"), login, ("incident",)),
    "incident export (XLSX)": Output("xlsx", lambda w: reverse("incidents:export_xlsx"), login, ("incident",)),
    "work table (HTML)": Output(
        "html", lambda w: reverse("forums:detail", args=[w.forum.pk]), everyone, ("problem", "measure")
    ),
    "work table (CSV)": Output(
        "csv", lambda w: reverse("casework:work_table_csv", args=[w.forum.pk]), login, ("problem", "measure")
    ),
    "work table (XLSX)": Output(
        "xlsx", lambda w: reverse("casework:work_table_xlsx", args=[w.forum.pk]), login, ("problem", "measure")
    ),
    "measures API (JSON)": Output(
        "json", lambda w: f"{reverse('api:list_measures')}?forum={w.forum.pk}", everyone, ("measure",)
    ),
}  # fmt: skip


def markers(kind: str, c: str, owner: str) -> list[str]:
    if kind == "category":
        return [INCIDENT_GROUPS[(c, owner)][1]]
    return [output_marker(kind, c, owner)]


@pytest.fixture
def worlds(db) -> tuple[World, OutputWorld]:
    world = build_world()
    return world, build_output_world(world)


def _get(client, world: World, actor: Actor, url: str):
    client.logout()
    if actor.rank:
        client.force_login(world.user(actor))
    return client.get(url)


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_output_matrix__each_format_shows_only_what_the_actor_may_read(client, worlds, name):
    world, out = worlds
    output = OUTPUTS[name]
    url = output.url(out)
    failures = []
    for actor in ACTORS:
        response = _get(client, world, actor, url)
        if response.status_code != output.expect(actor):
            failures.append(f"{actor.key} {url}: {response.status_code}, väntat {output.expect(actor)}")
            continue
        if response.status_code != 200:
            continue
        if actor.rank and "no-store" not in response.get("Cache-Control", ""):
            failures.append(f"{actor.key} {url}: Cache-Control {response.get('Cache-Control')!r} saknar no-store")
        text = document_text(response.content, output.fmt)
        never = output.public_never if actor.rank == 0 else ()
        for kind in output.shows:
            for c in CLASSIFICATIONS:
                for owner in OWNERS:
                    for marker in markers(kind, c, owner):
                        present = marker in text
                        if present and (kind in never or not may_view_owned(actor, c, owner)):
                            failures.append(f"{actor.key} ser {marker} i {name}")
                        elif not present and kind not in never and may_view_owned(actor, c, owner):
                            failures.append(f"{actor.key} saknar {marker} i {name} (som hen får läsa)")
    assert not failures, "\n".join(failures)


def test_output_matrix__situation_total_and_public_map_cells_for_every_actor(client, worlds):
    """The API's total is what the actor may count (public: categories of at least 3 only); the public
    map has no points, only hexagons of at least 3 incidents."""
    world, out = worlds
    api = f"{reverse('api:situation')}?area={out.district.pk}&from={out.start}&to={out.end}"
    karta = f"{reverse('situation:map_data')}?area={out.district.pk}&start={out.start}&end={out.end}"
    failures = []
    for actor in ACTORS:
        total = _get(client, world, actor, api).json()["total"]
        if total != expected_situation_total(actor):
            failures.append(f"{actor.key}: totalt {total}, väntat {expected_situation_total(actor)}")
        data = _get(client, world, actor, karta).json()
        if actor.rank == 0:
            counts = [f["properties"]["count"] for f in data["cells"]["features"]]
            if data["points"] or any(n < PUBLIC_LIMIT for n in counts) or sum(counts) != 4:
                failures.append(f"anonym karta: punkter {len(data['points'])}, rutor {counts}")
            if re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", json.dumps(data)):
                failures.append("anonym karta visar tidpunkter")
        else:
            expected = sum(len(v) for (c, o), v in out.incidents.items() if may_view_owned(actor, c, o))
            if len(data["points"]) != expected:
                failures.append(f"{actor.key}: {len(data['points'])} punkter, väntat {expected}")
    assert not failures, "\n".join(failures)


def test_output_matrix__measures_api_one_by_one(client, worlds):
    world, out = worlds
    failures = []
    for actor in ACTORS:
        for (c, owner), measure in out.measures.items():
            response = _get(client, world, actor, reverse("api:get_measure", kwargs={"measure_id": measure.pk}))
            # visitors read open measures too (the public measure page's rule), and nothing else
            expected = 200 if may_view_owned(actor, c, owner) else 404
            if response.status_code != expected:
                failures.append(f"{actor.key} åtgärd {c}/{owner}: {response.status_code}, väntat {expected}")
    assert not failures, "\n".join(failures)
