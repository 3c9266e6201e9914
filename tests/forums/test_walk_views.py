"""Safety walks planned, walked and recorded in the UI: findings with a point and a photo whose
metadata is removed, served only to those who may read the walk."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from tests.factories import (
    AreaFactory,
    ForumFactory,
    ForumMemberFactory,
    OrganisationFactory,
    SafetyWalkFactory,
    user_with_role,
)
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.forums.forms import SafetyWalkForm
from tryggsam.forums.models import Finding, SafetyWalk

pytestmark = pytest.mark.django_db


def _jpeg_with_gps() -> bytes:
    """A small JPEG carrying EXIF: a GPS position, a camera model and a time."""
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0110] = "Telefon X"  # Model
    exif[0x0132] = "2026:11:30 21:14:00"  # DateTime
    exif[0x8825] = {1: "N", 2: (59.0, 18.0, 30.0), 3: "E", 4: (18.0, 2.0, 10.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    data = out.getvalue()
    assert b"Telefon X" in data
    return data


def test_walk_create__planned_by_coordinator_with_audit(client, coordinator, partnership):
    area = AreaFactory(name="Norra backen")
    client.force_login(coordinator)
    response = client.post(
        reverse("forums:safety_walk_create"),
        {
            "title": "Kvällsvandring Norra backen",
            "date": "2026-12-10",
            "area": area.pk,
            "forum": partnership.pk,
            "participants": "Polisen, bostadsbolaget",
            "classification": "internal",
        },
    )
    walk = SafetyWalk.objects.get()
    assert response.status_code == 302
    assert AuditEvent.objects.filter(
        object_type="forums.safetywalk", object_id=str(walk.pk), actor=coordinator
    ).exists()


def test_finding_add__photo_loses_its_metadata_and_point_is_kept(
    client, police_member, django_capture_on_commit_callbacks
):
    walk = SafetyWalkFactory(title="Vandring vid stationen")
    client.force_login(police_member)
    photo = io.BytesIO(_jpeg_with_gps())
    photo.name = "IMG_0001.jpg"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("forums:finding_add", args=[walk.pk]),
            {
                "text": "Trasig belysning i gångtunneln",
                "location": "Gångtunneln",
                "lat": "59.30",
                "lon": "18.01",
                "photo": photo,
            },
        )
    assert response.status_code == 302
    finding = Finding.objects.get()
    assert (finding.lat, finding.lon) == (59.30, 18.01)
    stored = finding.photo.read()
    assert b"Telefon X" not in stored and b"Exif" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (40, 30)
        assert not image.getexif()
    served = client.get(reverse("forums:finding_photo", args=[finding.pk]))
    assert served.status_code == 200 and served["Cache-Control"] == "private, no-store"


def test_finding_add__not_an_image_refused_in_swedish_and_nothing_saved(client, police_member):
    walk = SafetyWalkFactory()
    client.force_login(police_member)
    fake = io.BytesIO(b"%PDF-1.4 not a picture")
    fake.name = "bild.jpg"
    response = client.post(reverse("forums:finding_add", args=[walk.pk]), {"text": "Klotter", "photo": fake})
    assert response.status_code == 400
    assert "kunde inte läsas som en bild" in response.content.decode()
    assert not Finding.objects.exists()


def test_finding_photo__hidden_from_those_who_may_not_read_the_walk(client, coordinator, district_admin):
    walk = SafetyWalkFactory(classification="restricted", owner_organisation=district_admin)
    client.force_login(coordinator)
    photo = io.BytesIO(_jpeg_with_gps())
    photo.name = "a.jpg"
    client.post(reverse("forums:finding_add", args=[walk.pk]), {"text": "Skadegörelse", "photo": photo})
    finding = Finding.objects.get()
    client.force_login(user_with_role(Role.MEMBER))
    assert client.get(reverse("forums:finding_photo", args=[finding.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("forums:finding_photo", args=[finding.pk])).status_code == 302


def test_finding_add__reader_refused(client, district_admin):
    walk = SafetyWalkFactory()
    client.force_login(user_with_role(Role.READER, district_admin))
    assert client.post(reverse("forums:finding_add", args=[walk.pk]), {"text": "x"}).status_code == 403
    page = client.get(reverse("forums:safety_walk", args=[walk.pk])).content.decode()
    assert "Ny iakttagelse" not in page


# --- who may be invited, and where the maps start when the walk has no route ---------------------


@pytest.fixture
def walk_people(db):
    """A forum with a member by name (Anna) and an organisation seated without a named person (whose
    Bo belongs to it); Cilla sits in another forum, Doris in none."""
    forum = ForumFactory(name="Vandringsgruppen")
    other = ForumFactory(name="Andra gruppen")
    school = OrganisationFactory(name="Skolan vid ån")
    people = {
        "anna": user_with_role(Role.MEMBER, OrganisationFactory(), full_name="Anna Aktiv"),
        "bo": user_with_role(Role.MEMBER, school, full_name="Bo Skola"),
        "cilla": user_with_role(Role.MEMBER, OrganisationFactory(), full_name="Cilla Annan"),
        "doris": user_with_role(Role.MEMBER, OrganisationFactory(), full_name="Doris Utanför"),
    }
    ForumMemberFactory(forum=forum, user=people["anna"])
    ForumMemberFactory(forum=forum, user=None, organisation=school)
    ForumMemberFactory(forum=other, user=people["cilla"])
    return forum, other, people


def _offered_people(form) -> set[str]:
    return {str(label) for _value, label in form["users"].field.choices}


def test_walk_form__offers_the_forums_people_not_every_user(coordinator, walk_people):
    forum, other, _people = walk_people
    assert _offered_people(SafetyWalkForm(user=coordinator, initial={"forum": forum})) == {"Anna Aktiv", "Bo Skola"}
    bound = SafetyWalkForm({"forum": str(other.pk)}, user=coordinator)
    assert _offered_people(bound) == {"Cilla Annan"}
    without_forum = _offered_people(SafetyWalkForm(user=coordinator))
    assert {"Anna Aktiv", "Bo Skola", "Cilla Annan"} <= without_forum
    assert "Doris Utanför" not in without_forum and "Sam Ordnare" not in without_forum


def test_walk_form__an_invited_person_who_left_the_forum_is_still_shown(coordinator, walk_people):
    forum, _other, people = walk_people
    form = SafetyWalkForm(user=coordinator, initial={"forum": forum, "users": [people["doris"].pk]})
    assert "Doris Utanför" in _offered_people(form)


def test_walk_create__a_person_outside_the_forum_is_refused_and_nothing_saved(client, coordinator, walk_people):
    forum, _other, people = walk_people
    area = AreaFactory(name="Ådalen")
    client.force_login(coordinator)
    data = {"title": "Vandring", "date": "2026-12-10", "area": area.pk, "forum": forum.pk, "classification": "internal"}
    response = client.post(reverse("forums:safety_walk_create"), {**data, "users": [people["doris"].pk]})
    assert response.status_code == 400 and not SafetyWalk.objects.exists()
    response = client.post(reverse("forums:safety_walk_create"), {**data, "users": [people["bo"].pk]})
    assert response.status_code == 302
    assert [i.user for i in SafetyWalk.objects.get().invitees.all()] == [people["bo"]]


def _unbounded(name: str):
    return AreaFactory(name=name, geometry="", min_lat=None, min_lon=None, max_lat=None, max_lon=None)


def test_walk_page__finding_map_starts_on_the_forums_places_when_the_walk_has_no_route(client, coordinator):
    place = AreaFactory(name="Torget", min_lat=59.30, min_lon=18.05, max_lat=59.31, max_lon=18.07)
    forum = ForumFactory(name="Torgets platssamverkan")
    forum.places.set([place])
    walk = SafetyWalkFactory(area=_unbounded("Utan gränser"), forum=forum)
    client.force_login(coordinator)
    body = client.get(reverse("forums:safety_walk", args=[walk.pk])).content.decode()
    assert 'id="report-map"' in body
    assert 'data-focus="59.300000,18.050000,59.310000,18.070000"' in body
    edit = client.get(reverse("forums:safety_walk_edit", args=[walk.pk])).content.decode()
    assert 'data-focus="59.300000,18.050000,59.310000,18.070000"' in edit
    alone = SafetyWalkFactory(area=_unbounded("Inget alls"), forum=None)
    assert 'data-focus=""' in client.get(reverse("forums:safety_walk", args=[alone.pk])).content.decode()


def test_finding_add__the_photo_is_written_only_when_the_finding_is_committed(police_member):
    """A side effect after commit: a finding that rolls back leaves no photo in the storage."""
    from django.db import transaction
    from django.test import TestCase

    from tryggsam.forums.services import finding_add

    walk = SafetyWalkFactory()
    storage = Finding._meta.get_field("photo").storage
    with TestCase.captureOnCommitCallbacks(execute=True) as callbacks, transaction.atomic():
        finding = finding_add(actor=police_member, walk=walk, text="Klotter", photo=_jpeg_with_gps())
        name = finding.photo.name
        assert name.startswith("findings/") and not storage.exists(name)
        transaction.set_rollback(True)
    assert callbacks == [] and not storage.exists(name)
    with TestCase.captureOnCommitCallbacks(execute=True):
        kept = finding_add(actor=police_member, walk=walk, text="Klotter", photo=_jpeg_with_gps())
    assert storage.exists(kept.photo.name)
    storage.delete(kept.photo.name)
