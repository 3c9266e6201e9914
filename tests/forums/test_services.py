import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import FindingFactory, ForumFactory, OrganisationFactory, ProgrammeFactory, user_with_role
from tryggsam.accounts.models import OrganisationKind, Role
from tryggsam.casework import services as casework_services
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.forums import services
from tryggsam.forums.models import DeliveryStatus, ForumKind, ProgrammeDelivery

pytestmark = pytest.mark.django_db


def test_finding_to_problem__links_both_ways_once(coordinator):
    finding = FindingFactory(walk__forum=ForumFactory())
    problem = casework_services.finding_to_problem(actor=coordinator, finding=finding)
    finding.refresh_from_db()
    assert finding.problem == problem
    assert problem.forum == finding.walk.forum and problem.area == finding.walk.area
    assert "Gångtunneln vid skolan" in problem.title
    with pytest.raises(ServiceError):
        casework_services.finding_to_problem(actor=coordinator, finding=finding)


def test_finding_to_problem__view_requires_coordinator(client, police_member, coordinator):
    finding = FindingFactory(walk__forum=ForumFactory())
    client.force_login(police_member)
    assert client.post(reverse("casework:finding_to_problem", args=[finding.pk])).status_code == 403
    client.force_login(coordinator)
    client.post(reverse("casework:finding_to_problem", args=[finding.pk]))
    finding.refresh_from_db()
    assert finding.problem is not None


def test_delivery_record__updates_same_school_and_year(coordinator):
    programme = ProgrammeFactory(name="Drogfri sjua", grade=7)
    school = OrganisationFactory(name="Bergsskolan", kind=OrganisationKind.SCHOOL)
    services.delivery_record(actor=coordinator, programme=programme, school=school, school_year="2025/26")
    services.delivery_record(
        actor=coordinator,
        programme=programme,
        school=school,
        school_year="2025/26",
        status=DeliveryStatus.DELIVERED,
        classes=3,
    )
    delivery = ProgrammeDelivery.objects.get()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.classes == 3


def test_delivery_record__bad_school_year_refused(coordinator):
    programme = ProgrammeFactory()
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL)
    with pytest.raises(ValidationError):
        services.delivery_record(actor=coordinator, programme=programme, school=school, school_year="hösten")
    assert not ProgrammeDelivery.objects.exists()


def test_forum_create__member_refused(police_member):
    with pytest.raises(PermissionDeniedError):
        services.forum_create(actor=police_member, name="Ny grupp", kind=ForumKind.WORKING_GROUP)


def test_forum_member_add__duplicate_refused(coordinator):
    forum = services.forum_create(actor=coordinator, name="Rådet", kind=ForumKind.COUNCIL, cadence="Fyra gånger per år")
    person = user_with_role(Role.MEMBER)
    services.forum_member_add(actor=coordinator, forum=forum, user=person)
    with pytest.raises(ServiceError, match="redan medlem"):
        services.forum_member_add(actor=coordinator, forum=forum, user=person)


def test_start_page__lists_my_forums(client, coordinator):
    forum = services.forum_create(actor=coordinator, name="Arbetsgruppen för äldre", kind=ForumKind.WORKING_GROUP)
    services.forum_member_add(actor=coordinator, forum=forum, user=coordinator)
    client.force_login(coordinator)
    assert "Arbetsgruppen för äldre" in client.get("/").content.decode()


def test_finding_to_problem__offers_only_work_tables_that_take_new_work(client, coordinator, police_member):
    from tryggsam.casework.models import Problem

    archived = ForumFactory(name="Nedlagd samverkan", is_active=False)
    open_forum = ForumFactory(name="Platssamverkan Torget")
    ForumFactory(name="Platssamverkan Bron")
    finding = FindingFactory(walk__forum=archived)
    client.force_login(coordinator)
    page = client.get(reverse("forums:safety_walk", args=[finding.walk.pk])).content.decode()
    assert "Gör till problem" not in page
    assert "Lägg som problem i arbetstabellen för" in page
    assert f'<option value="{open_forum.pk}">Platssamverkan Torget</option>' in page
    assert "Nedlagd samverkan</option>" not in page
    client.post(reverse("casework:finding_to_problem", args=[finding.pk]), {"forum": archived.pk})
    finding.refresh_from_db()
    assert finding.problem is None and not Problem.objects.exists()
    client.post(reverse("casework:finding_to_problem", args=[finding.pk]), {"forum": open_forum.pk})
    finding.refresh_from_db()
    assert finding.problem.forum == open_forum


def test_finding_to_problem__button_names_the_work_table_and_members_get_none(client, coordinator, police_member):
    finding = FindingFactory(walk__forum=ForumFactory(name="Platssamverkan Bron"))
    client.force_login(coordinator)
    page = client.get(reverse("forums:safety_walk", args=[finding.walk.pk])).content.decode()
    assert "Lägg som problem i Platssamverkan Bron" in page
    client.force_login(police_member)
    page = client.get(reverse("forums:safety_walk", args=[finding.walk.pk])).content.decode()
    assert reverse("casework:finding_to_problem", args=[finding.pk]) not in page
