import pytest
from django.core.exceptions import ValidationError

from tests.factories import user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.audit.services import audit_record
from tryggsam.casework.services import measure_update

pytestmark = pytest.mark.django_db


def test_audit_event__cannot_be_edited_or_deleted(coordinator, measure):
    event = audit_record(actor=coordinator, action="update", obj=measure, changes={"x": [1, 2]})
    event.note = "ändrad"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk, note="").exists()


def test_audit__rolled_back_with_the_change(coordinator, measure):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        measure_update(actor=coordinator, measure=measure, expected_version=1, end_date="inte ett datum")
    assert AuditEvent.objects.count() == before


def test_audit_log_page__admin_only(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/granskning/").status_code == 403
    admin = user_with_role(Role.ADMIN)
    client.force_login(admin)
    assert client.get("/granskning/").status_code == 200


def test_audit__reads_of_restricted_records_are_logged(client, police, police_member):
    from tests.factories import MeasureFactory, ProblemFactory

    problem = ProblemFactory(classification="restricted", owner_organisation=police, title="Spaning vid torget")
    measure = MeasureFactory(
        problem=problem, title="Dold insats", classification="restricted", owner_organisation=police
    )
    open_measure = MeasureFactory(problem=ProblemFactory(forum=problem.forum), title="Öppen insats")
    client.force_login(police_member)
    client.get(f"/arbete/atgard/{measure.pk}/")
    client.get(f"/arbete/atgard/{open_measure.pk}/")
    reads = AuditEvent.objects.filter(action="read")
    assert reads.filter(object_type="casework.measure", object_id=str(measure.pk), actor=police_member).exists()
    assert not reads.filter(object_id=str(open_measure.pk), object_type="casework.measure").exists()
    before = reads.count()
    client.get(f"/forum/{problem.forum_id}/")  # the work table shows the restricted row: logged too
    assert reads.count() == before + 2  # the measure and its problem


def test_audit_log_page__swedish_names_labels_and_organisation_names(client, coordinator, measure):
    from tests.factories import OrganisationFactory

    police = OrganisationFactory(name="Lokalpolisområde Söder")
    measure_update(
        actor=coordinator,
        measure=measure,
        expected_version=measure.version,
        responsible_organisation=police,
        classification="restricted",
    )
    admin = user_with_role(Role.ADMIN, police)
    client.force_login(admin)
    html = client.get("/granskning/", {"object_type": "casework.measure"}).content.decode()
    table = html.split("<tbody>")[1].split("</tbody>")[0]
    assert "Åtgärd #" in table and "casework.measure" not in table
    assert "Klassificering</strong>: Intern → Begränsad" in html
    assert "Lokalpolisområde Söder" in html and "responsible_organisation" not in html
    assert client.get("/granskning/", {"object_type": "nope.nothing"}).status_code == 200  # invalid filter: ignored


def test_audit_log_page__shows_a_system_event_without_a_record(client):
    """A restore from backup is logged against the installation, not a record; the page shows it."""
    from tryggsam.audit.services import audit_system_event

    audit_system_event(
        action="import",
        object_type="system.database",
        object_repr="Databasen",
        changes={"source": [None, "natt.backup"]},
        note="Återställd från säkerhetskopian natt.backup",
    )
    client.force_login(user_with_role(Role.ADMIN))
    page = client.get("/granskning/").content.decode()
    assert "Återställd från säkerhetskopian natt.backup" in page and "system" in page
