"""Coordinators keep the collaboration structure in the UI: forums created, edited, archived and
restored; members added, given a role and removed. Every change leaves an audit row with its author."""

import pytest
from django.urls import reverse

from tests.factories import AreaFactory, ForumFactory, ForumMemberFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditAction, AuditEvent
from tryggsam.forums.models import Forum, ForumKind, ForumMember, ForumRole
from tryggsam.places.models import AreaLevel

pytestmark = pytest.mark.django_db


def _events(obj):
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by("id")


def test_forum_create__partnership_with_two_places(client, coordinator, district_admin):
    district = AreaFactory(name="Bergsdalen", level=AreaLevel.DISTRICT)
    square = AreaFactory(name="Bergsdalens torg", level=AreaLevel.PLACE, parent=district)
    station = AreaFactory(name="Bergsdalens station", level=AreaLevel.PLACE, parent=district)
    client.force_login(coordinator)
    page = client.get(reverse("forums:create"))
    assert page.status_code == 200 and "Bergsdalens torg" in page.content.decode()
    response = client.post(
        reverse("forums:create"),
        {
            "name": "Platssamverkan Bergsdalen",
            "kind": ForumKind.PARTNERSHIP,
            "purpose": "Tryggare torg och station",
            "cadence": "varannan månad",
            "area": district.pk,
            "places": [square.pk, station.pk],
            "classification": "internal",
        },
    )
    forum = Forum.objects.get(name="Platssamverkan Bergsdalen")
    assert response.status_code == 302 and response["Location"] == reverse("forums:detail", args=[forum.pk])
    assert set(forum.places.all()) == {square, station}
    created = _events(forum).filter(action=AuditAction.CREATE).get()
    assert created.actor == coordinator
    assert _events(forum).filter(changes__has_key="places").exists()
    detail = client.get(reverse("forums:detail", args=[forum.pk])).content.decode()
    assert "Bergsdalens station" in detail and "Ändra forumet" in detail


def test_forum_create__errors_all_at_once_and_nothing_saved(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("forums:create"), {"name": "", "kind": "nonsense", "classification": "restricted"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html
    for label in ("Namn", "Typ", "Ägande organisation"):
        assert f"{label}:" in html
    assert not Forum.objects.exists()


def test_forum_create__duplicate_name_refused_in_swedish(client, coordinator):
    ForumFactory(name="Trygghetsrådet")
    client.force_login(coordinator)
    response = client.post(
        reverse("forums:create"), {"name": "trygghetsrådet", "kind": ForumKind.COUNCIL, "classification": "internal"}
    )
    assert response.status_code == 400
    assert "Det finns redan ett forum som heter" in response.content.decode()
    assert Forum.objects.count() == 1


def test_forum_edit__cannot_be_its_own_parent(client, coordinator):
    parent = ForumFactory(name="Rådet")
    child = ForumFactory(name="Arbetsgruppen", parent=parent)
    client.force_login(coordinator)
    response = client.post(
        reverse("forums:edit", args=[parent.pk]),
        {"name": "Rådet", "kind": ForumKind.COUNCIL, "parent": child.pk, "classification": "internal"},
    )
    assert response.status_code == 400
    parent.refresh_from_db()
    assert parent.parent is None


def test_forum_archive_and_restore__audited_and_out_of_the_list(client, coordinator, partnership):
    client.force_login(coordinator)
    client.post(reverse("forums:archive", args=[partnership.pk]), {"reason": "Arbetet är överfört till rådet"})
    partnership.refresh_from_db()
    assert not partnership.is_active
    archived = _events(partnership).last()
    assert archived.action == AuditAction.STATUS and archived.note == "Arbetet är överfört till rådet"
    listing = client.get(reverse("forums:list")).content.decode()
    assert "Arkiverade forum" in listing
    client.post(reverse("forums:restore", args=[partnership.pk]))
    partnership.refresh_from_db()
    assert partnership.is_active
    assert _events(partnership).last().changes["is_active"] == [False, True]


def test_members__added_role_changed_and_removed_with_audit(client, coordinator, partnership, police, police_member):
    client.force_login(coordinator)
    client.post(
        reverse("forums:member_add", args=[partnership.pk]),
        {"user": police_member.pk, "organisation": police.pk, "role": ForumRole.CONVENER, "title": "Kommunpolis"},
    )
    member = ForumMember.objects.get(forum=partnership, user=police_member)
    assert member.role == ForumRole.CONVENER
    assert _events(member).get().actor == coordinator
    client.post(reverse("forums:member_update", args=[member.pk]), {"role": ForumRole.CHAIR, "title": "Kommunpolis"})
    member.refresh_from_db()
    assert member.role == ForumRole.CHAIR
    assert _events(member).last().changes["role"] == [ForumRole.CONVENER, ForumRole.CHAIR]
    client.post(reverse("forums:member_remove", args=[member.pk]))
    assert not ForumMember.objects.filter(pk=member.pk).exists()
    removed = AuditEvent.objects.filter(object_type="forums.forummember", action=AuditAction.DELETE).get()
    assert removed.changes["role"] == [ForumRole.CHAIR, None] and removed.actor == coordinator


def test_members__same_person_twice_is_refused_with_a_message(client, coordinator, partnership, police_member):
    ForumMemberFactory(forum=partnership, user=police_member)
    client.force_login(coordinator)
    response = client.post(
        reverse("forums:member_add", args=[partnership.pk]), {"user": police_member.pk, "role": "member"}, follow=True
    )
    assert "är redan medlem" in response.content.decode()
    assert ForumMember.objects.filter(forum=partnership).count() == 1


def test_forum_page__member_sees_no_management(client, partnership, police_member):
    client.force_login(police_member)
    html = client.get(reverse("forums:detail", args=[partnership.pk])).content.decode()
    assert "Ändra forumet" not in html and "Lägg till medlem" not in html and "Arkivera" not in html
    assert client.get(reverse("forums:edit", args=[partnership.pk])).status_code == 403


def test_restricted_forum__only_the_owning_coordinators_manage_it(client, district_admin):
    forum = ForumFactory(name="Begränsad grupp", classification="restricted", owner_organisation=district_admin)
    other_coordinator = user_with_role(Role.COORDINATOR)
    client.force_login(other_coordinator)
    assert client.get(reverse("forums:edit", args=[forum.pk])).status_code == 404
    assert client.post(reverse("forums:archive", args=[forum.pk])).status_code == 404
    forum.refresh_from_db()
    assert forum.is_active


def test_members__a_person_of_one_organisation_sits_for_it(client, coordinator, partnership, police, police_member):
    client.force_login(coordinator)
    client.post(reverse("forums:member_add", args=[partnership.pk]), {"user": police_member.pk, "role": "member"})
    assert ForumMember.objects.get(forum=partnership, user=police_member).organisation == police


def test_archived_forum__offers_no_new_work(client, coordinator, partnership):
    partnership.cadence = "varannan månad"
    partnership.is_active = False
    partnership.save()
    client.force_login(coordinator)
    html = client.get(reverse("forums:detail", args=[partnership.pk])).content.decode()
    assert "Forumet är arkiverat" in html and "Lägg till problemområde" not in html and "Boka" not in html
