import datetime as dt
import io

import pytest
from docx import Document

from tests.factories import UserFactory, user_with_role
from tests.meetings.conftest import make_public
from tryggsam.accounts.models import Role
from tryggsam.casework.models import Measure
from tryggsam.core.models import Classification
from tryggsam.meetings import services
from tryggsam.meetings.models import AttendanceStatus, Meeting, MinutesStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted_meeting(council, coordinator, district_admin):
    meeting = services.meeting_schedule(
        actor=coordinator, forum=council, date=dt.date(2030, 1, 10), start_time=dt.time(9), location="Slutna rummet"
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        classification=Classification.RESTRICTED, owner_organisation=district_admin
    )
    return meeting


def test_pages__login_required(client, meeting):
    for url in ("/moten/", "/moten/ny/", f"/moten/{meeting.pk}/", f"/moten/{meeting.pk}/minnesanteckningar.pdf"):
        response = client.get(url)
        assert response.status_code == 302 and "logga-in" in response["Location"]


def test_list__upcoming_and_past(client, meeting, police_member, council, coordinator):
    later = services.meeting_schedule(
        actor=coordinator, forum=council, date=dt.date.today() + dt.timedelta(days=20), location="Nya rummet"
    )
    client.force_login(police_member)
    html = client.get("/moten/").content.decode()
    assert "Fredagen den 15 oktober 2021 kl. 09.00–11.00" in html
    assert f"/moten/{later.pk}/" in html
    assert html.index(f"/moten/{later.pk}/") < html.index(f"/moten/{meeting.pk}/")
    assert "/moten/ny/" not in html


@pytest.mark.parametrize(
    ("who", "status"),
    [("coordinator", 200), ("police_member", 200), ("outsider", 404), ("other_org_member", 200)],
)
def test_detail__internal_meeting_visible_to_collaboration(client, meeting, coordinator, police_member, who, status):
    users = {
        "coordinator": coordinator,
        "police_member": police_member,
        "outsider": UserFactory(),  # logged in, no organisation: not part of the collaboration
        "other_org_member": user_with_role(Role.MEMBER, full_name="Annan Organisation"),
    }
    client.force_login(users[who])
    assert client.get(f"/moten/{meeting.pk}/").status_code == status


@pytest.mark.parametrize(("who", "status"), [("coordinator", 200), ("police_member", 404), ("district_reader", 200)])
def test_detail__restricted_meeting_only_owner_organisation(
    client, restricted_meeting, coordinator, police_member, district_admin, who, status
):
    users = {
        "coordinator": coordinator,
        "police_member": police_member,
        "district_reader": user_with_role(Role.READER, district_admin),
    }
    client.force_login(users[who])
    for url in ("", "minnesanteckningar.docx", "minnesanteckningar.pdf", "minnesanteckningar/", "kalender.ics"):
        assert client.get(f"/moten/{restricted_meeting.pk}/{url}").status_code == status
    html = client.get("/moten/").content.decode()
    assert ("Slutna rummet" in html) == (status == 200)


def test_detail__coordinator_sees_forms_member_does_not(client, meeting, coordinator, police_member):
    client.force_login(coordinator)
    html = client.get(f"/moten/{meeting.pk}/").content.decode()
    assert "Justera protokollet" in html and "Kalla forumets medlemmar" in html and "Beslut under punkt 3.1" in html
    item = meeting.items.get(number="3.1")
    tables = client.get(f"/moten/punkt/{item.pk}/arbetstabeller/").content.decode()
    assert "Snabbsanering inom ett dygn" in tables  # the partnership's work table, loaded after the page
    assert "Spara beslutet" in client.get(f"/moten/punkt/{item.pk}/formular/beslut/").content.decode()
    client.force_login(police_member)
    html = client.get(f"/moten/{meeting.pk}/").content.decode()
    assert "Justera protokollet" not in html and "Beslut under punkt" not in html
    assert client.get(f"/moten/punkt/{item.pk}/formular/beslut/").status_code == 403
    assert "3.1 Platssamverkan Kvarnbacken" in html


def test_create__coordinator_schedules(client, coordinator, council):
    client.force_login(coordinator)
    assert client.get("/moten/ny/").status_code == 200
    response = client.post(
        "/moten/ny/",
        {
            "forum": council.pk,
            "date": "2031-03-14",
            "start_time": "13:00",
            "end_time": "15:00",
            "location": "Stadsdelshuset",
            "secretary": coordinator.pk,
        },
    )
    meeting = Meeting.objects.get(date=dt.date(2031, 3, 14))
    assert response.status_code == 302 and response["Location"] == f"/moten/{meeting.pk}/"
    assert meeting.end_time == dt.time(15) and meeting.secretary == coordinator


def test_create__bad_input_swedish_error_nothing_saved(client, coordinator, council):
    client.force_login(coordinator)
    response = client.post(
        "/moten/ny/", {"forum": council.pk, "date": "2031-03-14", "start_time": "15:00", "end_time": "13:00"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Sluttiden måste vara efter starttiden." in html
    assert "Ange en plats" in html
    assert not Meeting.objects.filter(date=dt.date(2031, 3, 14)).exists()


def test_create__member_forbidden(client, police_member, council):
    client.force_login(police_member)
    assert client.get("/moten/ny/").status_code == 403
    assert client.post("/moten/ny/", {"forum": council.pk, "date": "2031-03-14", "location": "X"}).status_code == 403
    assert not Meeting.objects.filter(date=dt.date(2031, 3, 14)).exists()


def test_approve__member_cannot(client, meeting, police_member):
    client.force_login(police_member)
    assert client.post(f"/moten/{meeting.pk}/justera/").status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == MinutesStatus.DRAFT


def test_approve__chair_then_frozen_and_new_version(client, meeting, chair, coordinator):
    client.force_login(chair)
    assert client.post(f"/moten/{meeting.pk}/justera/").status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MinutesStatus.APPROVED and meeting.approved_by == chair
    client.force_login(coordinator)
    item = meeting.items.get(number="2")
    response = client.post(
        f"/moten/punkt/{item.pk}/anteckningar/", {"heading": item.heading, "notes": "I efterhand"}, follow=True
    )
    assert "Protokollet är justerat" in response.content.decode()
    item.refresh_from_db()
    assert item.notes == ""
    response = client.post(f"/moten/{meeting.pk}/ny-version/")
    copy = Meeting.objects.get(previous_version=meeting)
    assert response["Location"] == f"/moten/{copy.pk}/" and copy.version == 2


def test_meeting_flow__attendance_notes_decision(client, meeting, coordinator, police_member, work_rows):
    client.force_login(coordinator)
    row = meeting.attendances.get(user=police_member)
    client.post(f"/moten/narvaro/{row.pk}/", {"status": AttendanceStatus.PRESENT})
    row.refresh_from_db()
    assert row.status == AttendanceStatus.PRESENT
    item = meeting.items.get(number="3.1")
    client.post(f"/moten/punkt/{item.pk}/anteckningar/", {"heading": item.heading, "notes": "Lugnare vid torget."})
    item.refresh_from_db()
    assert item.notes == "Lugnare vid torget."
    problem = work_rows["internal"].problem
    response = client.post(
        f"/moten/punkt/{item.pk}/beslut/",
        {
            "text": "Polisen och fältgruppen går gemensamma pass.",
            "action": "create",
            "problem": problem.pk,
            "responsible_text": "Kommunpolisen",
            "follow_up_date": "2021-10-15",
        },
    )
    assert response.status_code == 302
    measure = Measure.objects.get(title="Polisen och fältgruppen går gemensamma pass.")
    assert measure.problem == problem and measure.next_follow_up == dt.date(2021, 10, 15)
    html = client.get(f"/moten/{meeting.pk}/minnesanteckningar/").content.decode()
    assert "Lugnare vid torget." in html and "Polisen och fältgruppen går gemensamma pass." in html


def test_decision__change_without_note_refused(client, meeting, coordinator, work_rows):
    client.force_login(coordinator)
    item = meeting.items.get(number="3.1")
    response = client.post(
        f"/moten/punkt/{item.pk}/beslut/",
        {"text": "Avslutas.", "action": "change", "measure": work_rows["open"].pk, "new_status": "done"},
        follow=True,
    )
    assert "uppföljningsanteckning" in response.content.decode()
    assert not item.decisions.exists()


def test_downloads__docx_pdf_html(client, meeting, police_member, kvarn):
    make_public(meeting, kvarn)
    client.force_login(police_member)
    docx = client.get(f"/moten/{meeting.pk}/minnesanteckningar.docx")
    assert docx.status_code == 200 and "wordprocessingml" in docx["Content-Type"]
    assert "attachment" in docx["Content-Disposition"]
    cells = {c.text for t in Document(io.BytesIO(docx.content)).tables for r in t.rows for c in r.cells}
    assert "Spaning i samverkan med värden" in cells  # the police see their own restricted row
    public = client.get(f"/moten/{meeting.pk}/minnesanteckningar.docx?offentlig=1")
    cells = {c.text for t in Document(io.BytesIO(public.content)).tables for r in t.rows for c in r.cells}
    assert "Spaning i samverkan med värden" not in cells and "Snabbsanering inom ett dygn" in cells
    pdf = client.get(f"/moten/{meeting.pk}/minnesanteckningar.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    html = client.get(f"/moten/{meeting.pk}/minnesanteckningar/")
    assert html.status_code == 200 and "Kallade" in html.content.decode()


def test_change__reschedule_raises_sequence(client, meeting, coordinator, chair, secretary):
    client.force_login(coordinator)
    assert client.get(f"/moten/{meeting.pk}/andra/").status_code == 200
    data = {
        "date": "2021-10-15",
        "start_time": "13:00",
        "end_time": "15:00",
        "location": "Stadsdelshuset, rum Gläntan",
        "chair": chair.pk,
        "secretary": secretary.pk,
    }
    response = client.post(f"/moten/{meeting.pk}/andra/", data, follow=True)
    assert "skicka en ny kallelse" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.start_time == dt.time(13) and meeting.sequence == 1


def test_change__member_forbidden_approved_refused(client, meeting, police_member, coordinator, chair):
    client.force_login(police_member)
    assert client.get(f"/moten/{meeting.pk}/andra/").status_code == 403
    services.meeting_approve(actor=chair, meeting=meeting)
    client.force_login(coordinator)
    response = client.post(
        f"/moten/{meeting.pk}/andra/", {"date": "2021-10-16", "start_time": "09:00", "location": "Annat"}
    )
    assert "Protokollet är justerat" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.date == dt.date(2021, 10, 15)


def test_item_add__linked_to_partnership_and_measure(client, meeting, coordinator, kvarn, work_rows):
    client.force_login(coordinator)
    measure = work_rows["development"]
    client.post(
        f"/moten/{meeting.pk}/dagordning/ny/",
        {"heading": "Sommartorget", "position": "5", "partnership": kvarn.pk, "measure": measure.pk},
    )
    item = meeting.items.get(heading="Sommartorget")
    assert (item.number, item.partnership, item.measure) == ("4", kvarn, measure)
    html = client.get(f"/moten/{meeting.pk}/minnesanteckningar/").content.decode()
    assert "Gäller: Sommartorg med unga feriearbetare" in html


def test_item_add__restricted_measure_not_offered_to_other_organisation(client, meeting, coordinator, work_rows):
    client.force_login(coordinator)
    response = client.post(
        f"/moten/{meeting.pk}/dagordning/ny/",
        {"heading": "Smygpunkt", "measure": work_rows["restricted"].pk},
        follow=True,
    )
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not meeting.items.filter(heading="Smygpunkt").exists()
