"""What a meeting's outputs show, and to whom (issue 11: findings 2, 3, 4 and 15). Each test failed
on the code before its fix. The whole matrix of outputs × readers is in
tests/security/test_matrix_meeting_outputs.py."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from docx import Document

from tests.factories import AreaFactory, ForumFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.casework.models import MeasureStatus
from tryggsam.core.errors import ServiceError
from tryggsam.core.models import Classification
from tryggsam.forums.models import Forum
from tryggsam.incidents.models import Incident, IncidentSource
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.meetings import services
from tryggsam.meetings.distribution import minutes_publish
from tryggsam.meetings.minutes import render_minutes
from tryggsam.meetings.minutes.context import situation_summary
from tryggsam.meetings.models import AgendaItem, Meeting
from tryggsam.situation.rollups import add_incidents

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Hemlig spaning vid källardörren"
SECRET_DESCRIPTION = "Beskrivning som bara polisen får läsa"


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


@pytest.fixture
def police_coordinator(police):
    return user_with_role(Role.COORDINATOR, police, full_name="Pia Polissamordnare")


def _open_forum(forum: Forum) -> None:
    Forum.objects.filter(pk=forum.pk).update(classification=Classification.OPEN)
    forum.refresh_from_db()


# --- finding 2: restricted measures decided in a meeting ------------------------------------------


def test_meeting_page__decision_on_a_restricted_measure_hidden_from_other_organisations(
    client, meeting, coordinator, police_coordinator, work_rows
):
    """The police decide in the council's meeting on their own restricted problem and measure; the
    district's coordinator reads the meeting but may not read those measures."""
    item = meeting.items.get(number="3.1")
    services.decision_record(
        actor=police_coordinator,
        item=item,
        text=SECRET_TITLE,
        create_measure={"problem": work_rows["restricted"].problem},
    )
    services.decision_record(
        actor=police_coordinator,
        item=item,
        text="Insatsen pausas över sommaren.",
        change_measure=(work_rows["restricted"], MeasureStatus.PAUSED, "Pausas, tas upp igen i augusti."),
    )
    client.force_login(coordinator)
    page = client.get(f"/moten/{meeting.pk}/").content.decode()
    minutes = client.get(f"/moten/{meeting.pk}/minnesanteckningar/").content.decode()
    for body in (page, minutes):
        assert SECRET_TITLE not in body
        assert "Spaning i samverkan med värden" not in body  # the changed measure's title
        assert "Insatsen pausas" not in body
    assert "2 beslut gäller åtgärder som du inte har behörighet att läsa" in page
    client.force_login(police_coordinator)
    page = client.get(f"/moten/{meeting.pk}/").content.decode()
    assert SECRET_TITLE in page and "Spaning i samverkan med värden" in page


# --- finding 3: a restricted partnership's description ---------------------------------------------


def test_minutes__restricted_partnership_description_only_for_those_who_may_read_it(
    client, meeting, coordinator, police, police_coordinator, council
):
    secret = ForumFactory(
        name="Platssamverkan Källarna",
        parent=council,
        description=SECRET_DESCRIPTION,
        classification=Classification.RESTRICTED,
        owner_organisation=police,
    )
    services.item_add(actor=coordinator, meeting=meeting, heading="Källarna", partnership=secret)
    meeting.shared_with.add(police)  # the police read the council's restricted items
    _open_forum(council)
    Meeting.objects.filter(pk=meeting.pk).update(classification=Classification.OPEN)
    meeting.refresh_from_db()
    services.meeting_approve(actor=coordinator, meeting=meeting)
    minutes_publish(actor=coordinator, meeting=meeting)
    client.force_login(coordinator)  # the district's coordinator: not the police
    outputs = {
        "html": client.get(f"/moten/{meeting.pk}/minnesanteckningar/").content.decode(),
        "docx": _docx_text(client.get(f"/moten/{meeting.pk}/minnesanteckningar.docx").content),
        "pdf": _pdf_text(client.get(f"/moten/{meeting.pk}/minnesanteckningar.pdf").content),
        "public pdf": _pdf_text(client.get(f"/moten/{meeting.pk}/minnesanteckningar.pdf?offentlig=1").content),
    }
    client.logout()
    outputs["published"] = _pdf_text(client.get(f"/moten/{meeting.pk}/publicerat.pdf").content)
    leaks = [name for name, text in outputs.items() if SECRET_DESCRIPTION in text]
    assert not leaks
    client.force_login(police_coordinator)
    assert SECRET_DESCRIPTION in client.get(f"/moten/{meeting.pk}/minnesanteckningar/").content.decode()


# --- finding 4: publishing and the meeting's classification ----------------------------------------


def _approve_and_publish(client, meeting, coordinator) -> None:
    services.meeting_approve(actor=coordinator, meeting=meeting)
    client.force_login(coordinator)
    client.post(f"/moten/{meeting.pk}/publicera/")
    client.logout()


def test_published__internal_meeting_shows_only_its_open_items(client, meeting, coordinator, council):
    """An internal meeting of an open council, published: the visitor reads only what is open, and is
    told that items were left out."""
    _open_forum(council)
    assert meeting.classification == Classification.INTERNAL
    services.item_update_notes(
        actor=coordinator, item=meeting.items.get(number="5"), notes="Internt: personalläget på fältgruppen."
    )
    _approve_and_publish(client, meeting, coordinator)
    response = client.get(f"/moten/{meeting.pk}/publicerat.pdf")
    assert response.status_code == 200
    text = _pdf_text(response.content)
    assert "personalläget" not in text
    assert "Ylva Ordförandesson" not in text and "Gustav Gästberg" not in text  # the attendance
    assert "Stadsdelshuset" not in text  # the place
    assert "utelämnats" in text
    assert "Trygghetsrådet i Norrviken" in text


def test_publish__refused_when_the_forum_is_not_open(client, meeting, coordinator):
    _approve_and_publish(client, meeting, coordinator)
    meeting.refresh_from_db()
    assert meeting.published_at is None
    Meeting.objects.filter(pk=meeting.pk).update(published_at=timezone.now())  # published before the rule
    assert client.get(f"/moten/{meeting.pk}/publicerat.pdf").status_code == 404


def test_item_classification__who_runs_the_meeting_opens_an_item_for_the_public_version(
    client, meeting, coordinator, council
):
    _open_forum(council)
    item = meeting.items.get(number="5")
    client.force_login(coordinator)
    response = client.post(
        f"/moten/punkt/{item.pk}/anteckningar/",
        {"heading": item.heading, "notes": "Kvällsvandringarna fortsätter i vår.", "classification": "open"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.classification == Classification.OPEN
    other = meeting.items.get(number="1")
    public = render_minutes(meeting, coordinator, fmt="html", public=True).decode()
    assert "Kvällsvandringarna fortsätter" in public
    assert other.notes.split(".")[0] not in public  # an internal item of the internal meeting


def test_item_classification__starts_as_the_meeting_and_never_more_open_than_its_partnership(
    meeting, coordinator, council, police
):
    restricted = ForumFactory(parent=council, classification=Classification.RESTRICTED, owner_organisation=police)
    added = services.item_add(actor=coordinator, meeting=meeting, heading="Övrigt")
    linked = services.item_add(
        actor=coordinator, meeting=meeting, heading="Källarna", partnership=restricted, classification="open"
    )
    assert added.classification == meeting.classification == Classification.INTERNAL
    assert linked.classification == Classification.RESTRICTED
    with pytest.raises(ServiceError, match="strängare klassificering"):
        services.item_update_notes(actor=coordinator, item=linked, notes="", classification="open")


def test_meeting_update__a_stricter_meeting_takes_its_open_items_along(meeting, coordinator):
    AgendaItem.objects.filter(meeting=meeting).update(classification=Classification.OPEN)
    services.meeting_update(actor=coordinator, meeting=meeting, classification=Classification.RESTRICTED)
    assert set(meeting.items.values_list("classification", flat=True)) == {Classification.RESTRICTED}


def test_public_minutes__situation_summary_follows_the_public_pictures_rule(meeting, coordinator, council):
    """Two open robberies: the public picture says "<3"; the public minutes must not say "no incidents"."""
    area = AreaFactory(name="Norrviken", level="district_area", geometry="")
    council.area = area
    council.save()
    robbery = ensure_default_categories()["robbery"]
    for days in (3, 10):
        incident = Incident.objects.create(
            source=IncidentSource.PARTNER_REPORT,
            occurred_at=timezone.make_aware(dt.datetime.combine(meeting.date - dt.timedelta(days=days), dt.time(21))),
            district_area=area,
            classification=Classification.OPEN,
        )
        incident.categories.add(robbery)
        add_incidents([(incident, [robbery.pk])])
    summary = " ".join(situation_summary(AnonymousUser(), meeting))  # as the public version reads it
    assert "Inga händelser" not in summary and "färre än 3" in summary
    members = render_minutes(meeting, coordinator, fmt="html").decode()
    assert "Rån i Norrviken ökade från 0 till 2" in members
    Meeting.objects.filter(pk=meeting.pk).update(classification=Classification.OPEN)
    meeting.refresh_from_db()
    meeting.items.update(classification=Classification.OPEN)
    public = render_minutes(meeting, coordinator, fmt="html", public=True).decode()
    assert "Inga händelser" not in public
    assert "Rån i Norrviken: färre än 3 händelser under perioden." in public
    assert "till 2" not in public


# --- finding 15: control characters ----------------------------------------------------------------


def test_minutes__control_characters_in_stored_text_do_not_break_any_format(client, meeting, coordinator):
    """Text stored before the forms stripped them (or imported) still renders, without them."""
    item = meeting.items.get(number="5")
    AgendaItem.objects.filter(pk=item.pk).update(notes="Klotter\x01 vid\x0b torget\x0c.", heading="Övrigt\x1f")
    Meeting.objects.filter(pk=meeting.pk).update(location="Rum\x0b Gläntan\x02")
    meeting.attendances.filter(name="Gustav Gästberg").update(title="Brand\x01inspektör")
    client.force_login(coordinator)
    docx = client.get(f"/moten/{meeting.pk}/minnesanteckningar.docx")
    assert docx.status_code == 200
    text = _docx_text(docx.content)
    assert "Klotter vid torget." in text and "Rum Gläntan" in text and "Brandinspektör" in text
    pdf = client.get(f"/moten/{meeting.pk}/minnesanteckningar.pdf")
    assert pdf.status_code == 200 and "Klotter vid torget." in _pdf_text(pdf.content)
    html = client.get(f"/moten/{meeting.pk}/minnesanteckningar/").content.decode()
    assert "Klotter vid torget." in html and "\x01" not in html
    ics = client.get(f"/moten/{meeting.pk}/kalender.ics")
    assert ics.status_code == 200 and b"\x0b" not in ics.content


def test_forms__control_characters_stripped_on_input(client, meeting, coordinator):
    item = meeting.items.get(number="5")
    client.force_login(coordinator)
    client.post(f"/moten/punkt/{item.pk}/anteckningar/", {"heading": "Övriga\x0b frågor", "notes": "Rad\x01 ett\x7f."})
    client.post(f"/moten/{meeting.pk}/gast/", {"name": "Gäst\x01 Gästsson", "title": "Fält\x0bassistent"})
    client.post(f"/moten/{meeting.pk}/dagordning/ny/", {"heading": "Extra\x1b punkt"})
    item.refresh_from_db()
    assert (item.heading, item.notes) == ("Övriga frågor", "Rad ett.")
    guest = meeting.attendances.get(name="Gäst Gästsson")
    assert guest.title == "Fältassistent"
    assert meeting.items.filter(heading="Extra punkt").exists()


def test_forms__a_required_field_of_control_characters_only_is_refused(client, meeting, coordinator):
    client.force_login(coordinator)
    before = meeting.items.count()
    response = client.post(f"/moten/{meeting.pk}/dagordning/ny/", {"heading": "\x01\x02"}, follow=True)
    assert response.status_code == 200
    assert meeting.items.count() == before
    assert "Detta fält måste fyllas i" in response.content.decode()
