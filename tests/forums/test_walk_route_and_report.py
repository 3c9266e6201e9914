"""A safety walk's route (drawn on the map or typed as lines), its invited members and guests, the
route and findings on the walk page, and the walk's report as PDF (looked at as an image)."""

import io
import json

import pypdfium2
import pytest
from django.test import TestCase
from django.urls import reverse
from PIL import Image

from tests.factories import AreaFactory, FindingFactory, ForumMemberFactory, SafetyWalkFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.casework.models import Problem
from tryggsam.casework.services import finding_to_problem
from tryggsam.core.errors import ServiceError
from tryggsam.forums import walk_report
from tryggsam.forums.routes import parse_route_text, validate_route
from tryggsam.forums.services import finding_add
from tryggsam.forums.walk_services import walk_set_invitees

pytestmark = pytest.mark.django_db

ROUTE_LINES = "59.30010, 18.01020\n59,30120 18,01240\n59.30200;18.01500"


def _walk_post(area, forum=None, **extra):
    data = {"title": "Vandring längs ån", "date": "2026-12-10", "area": area.pk, "classification": "internal"}
    if forum is not None:
        data["forum"] = forum.pk
    data.update(extra)
    return data


def test_parse_route_text__coordinates_in_both_decimal_styles_become_a_linestring():
    route = parse_route_text(ROUTE_LINES)
    assert route == {
        "type": "LineString",
        "coordinates": [[18.0102, 59.3001], [18.0124, 59.3012], [18.015, 59.302]],
    }


def test_parse_route_text__a_known_place_name_is_its_centre():
    AreaFactory(name="Ekbacksparken", centroid_lat=59.31, centroid_lon=18.02)
    route = parse_route_text("59.3001, 18.0102\nEkbacksparken")
    assert route["coordinates"][-1] == [18.02, 59.31]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("59.3, 18.0", "minst två olika punkter"),
        ("59.3, 18.0\n59.3, 18.0", "minst två olika punkter"),
        ("59.3, 18.0\nnågonstans i skogen", "Rad 2 i rutten"),
        ("95.0, 18.0\n59.3, 18.0", "latitud ska vara mellan"),
        ("1" * 5000, "för lång"),
    ],
)
def test_parse_route_text__bad_lines_refused_in_swedish(text, message):
    with pytest.raises(ServiceError, match=message):
        parse_route_text(text)


@pytest.mark.parametrize(
    "route",
    [
        {"type": "Point", "coordinates": [18.0, 59.3]},
        {"type": "LineString", "coordinates": [[18.0, 59.3]]},
        {"type": "LineString", "coordinates": [[18.0, "59.3"], [18.1, 59.4]]},
        {"type": "LineString", "coordinates": [[200.0, 59.3], [18.1, 59.4]]},
        {"type": "LineString", "coordinates": [[18.0, 59.3, 1.0], [18.1, 59.4]]},
        "LINESTRING (18 59, 18.1 59.1)",
    ],
)
def test_validate_route__what_is_not_a_lon_lat_line_is_refused(route):
    with pytest.raises(ServiceError):
        validate_route(route)


def test_walk_create__route_and_invited_saved_and_audited(client, coordinator, partnership):
    member = user_with_role(Role.MEMBER, full_name="Mira Medlem")
    ForumMemberFactory(forum=partnership, user=member)
    area = AreaFactory(name="Åstranden")
    client.force_login(coordinator)
    response = client.post(
        reverse("forums:safety_walk_create"),
        _walk_post(area, partnership, route_text=ROUTE_LINES, users=[member.pk], guests="Siv Boende\n\nSiv Boende"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    walk = partnership.safety_walks.get()
    assert len(walk.route["coordinates"]) == 3
    assert [(i.user, i.guest_name) for i in walk.invitees.all()] == [(member, ""), (None, "Siv Boende")]
    assert AuditEvent.objects.filter(object_type="forums.walkinvitee", actor=coordinator).count() == 2
    page = client.get(reverse("forums:safety_walk", args=[walk.pk])).content.decode()
    assert "Mira Medlem" in page and "Siv Boende" in page and 'id="walk-map-data"' in page


def test_walk_create__bad_route_is_a_form_error_and_nothing_saved(client, coordinator):
    area = AreaFactory()
    client.force_login(coordinator)
    response = client.post(
        reverse("forums:safety_walk_create"), _walk_post(area, route_text="59.3, 18.0\nmitt i ingenstans")
    )
    assert response.status_code == 400
    assert "Rad 2 i rutten" in response.content.decode()
    assert not AuditEvent.objects.filter(object_type="forums.safetywalk").exists()


def test_walk_create__person_outside_the_forum_refused_and_nothing_saved(client, coordinator, partnership):
    stranger = user_with_role(Role.MEMBER, full_name="Utan Forum")
    area = AreaFactory()
    client.force_login(coordinator)
    response = client.post(reverse("forums:safety_walk_create"), _walk_post(area, partnership, users=[stranger.pk]))
    assert response.status_code == 400
    assert "En vald person är inte med i vandringens forum." in response.content.decode()  # not even offered
    assert not partnership.safety_walks.exists()


def test_walk_set_invitees__removed_guest_audited_kept_ones_untouched(coordinator):
    walk = SafetyWalkFactory()
    walk_set_invitees(actor=coordinator, walk=walk, users=[], guests=["Anna Gäst", "Bo Gäst"])
    kept = walk.invitees.get(guest_name="Anna Gäst")
    walk_set_invitees(actor=coordinator, walk=walk, users=[], guests=["Anna Gäst"])
    assert list(walk.invitees.values_list("pk", flat=True)) == [kept.pk]
    assert AuditEvent.objects.filter(object_type="forums.walkinvitee", action="delete").count() == 1


def test_walk_edit__form_shows_saved_route_as_lines(client, coordinator):
    walk = SafetyWalkFactory(route=parse_route_text(ROUTE_LINES))
    client.force_login(coordinator)
    page = client.get(reverse("forums:safety_walk_edit", args=[walk.pk])).content.decode()
    assert "59.300100, 18.010200" in page and 'id="route-map"' in page


def _photo() -> bytes:
    image = Image.new("RGB", (320, 240), (40, 120, 60))
    out = io.BytesIO()
    image.save(out, format="JPEG")
    return out.getvalue()


def _report_walk(coordinator):
    walk = SafetyWalkFactory(title="Kvällsvandring vid ån", route=parse_route_text(ROUTE_LINES))
    walk_set_invitees(actor=coordinator, walk=walk, users=[], guests=["Gunnel Gäst"])
    with TestCase.captureOnCommitCallbacks(execute=True):  # the photo is written after the commit
        first = finding_add(
            actor=coordinator, walk=walk, text="Mörk passage under bron", location="Bron", lat=59.3011, lon=18.0121,
            photo=_photo(),
        )  # fmt: skip
    finding_add(
        actor=coordinator, walk=walk, text="Nedskräpat vid bänkarna", location="Bänkarna", lat=59.3019, lon=18.0149
    )
    FindingFactory(walk=walk, text="Skylt saknas", location="")
    finding_to_problem(actor=coordinator, finding=first)
    return walk


def test_route_svg__route_and_numbered_findings_inside_the_box(coordinator):
    walk = _report_walk(coordinator)
    svg = walk_report.route_svg(walk, list(walk.findings.order_by("id")))
    assert svg.startswith("<svg") and "<polyline" in svg
    assert svg.count("<circle") == 2 + 2  # start, end and the two findings with a point
    assert ">Start<" in svg and ">Mål<" in svg and " m</text>" in svg


def test_walk_pdf__report_has_route_people_findings_and_photo(client, coordinator):
    walk = _report_walk(coordinator)
    client.force_login(coordinator)
    response = client.get(reverse("forums:safety_walk_pdf", args=[walk.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(response.content)
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    for expected in ("Kvällsvandring vid ån", "Gunnel Gäst", "Mörk passage under bron", "Blev problem:", "Bron",
                     "Skylt saknas", "Inte ett problem", "Start", "Mål"):  # fmt: skip
        assert expected in text, expected
    assert Problem.objects.get().title in text.replace("\r\n", " ").replace("\n", " ")
    image = pdf[0].render(scale=1).to_pil()
    # The route is drawn in blue and the photo (green) is on the page: both colours are present.
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert any(abs(r - 11) < 25 and abs(g - 92) < 25 and b > 150 for _n, (r, g, b) in colours)
    assert any(g > 100 and r < 80 and b < 100 for _n, (r, g, b) in (c for c in colours))


def test_walk_pdf__hidden_from_those_who_may_not_read_the_walk(client, district_admin):
    walk = SafetyWalkFactory(classification="restricted", owner_organisation=district_admin)
    client.force_login(user_with_role(Role.MEMBER))
    assert client.get(reverse("forums:safety_walk_pdf", args=[walk.pk])).status_code == 404


def test_walk_page__map_data_has_route_and_numbered_findings(client, coordinator):
    walk = _report_walk(coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("forums:safety_walk", args=[walk.pk])).content.decode()
    raw = page.split('id="walk-map-data" type="application/json">')[1].split("</script>")[0]
    data = json.loads(raw)
    assert len(data["route"]["coordinates"]) == 3
    assert [(f["number"], f["label"]) for f in data["findings"]] == [(1, "Bron"), (2, "Bänkarna")]
