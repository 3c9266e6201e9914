"""Tips with an answer: a reference number on every tip, an optional e-mail address (purged some days
after the tip is closed), a short message to the resident when the tip is routed, linked to a problem,
accepted or dismissed (after the commit, never the internal reason), and a public status page by
reference that gives nothing away about others' tips."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from tests.factories import SQUARE, AreaFactory, OrganisationFactory, ProblemFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.core.models import Classification
from tryggsam.incidents import work
from tryggsam.incidents.models import Incident, TipReceipt
from tryggsam.incidents.other_sources import resident_tip
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.incidents.tips import (
    LOOKUPS_PER_HOUR,
    REFERENCE_RE,
    TipLimitError,
    new_reference,
    normalise_reference,
    tip_status,
)
from tryggsam.places.models import AreaLevel
from tryggsam.privacy.retention import purge_expired

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.20"


@pytest.fixture
def district():
    parent = AreaFactory(name="Svarsområdet", level=AreaLevel.DISTRICT_AREA, geometry="")
    return AreaFactory(name="Svarsby", level=AreaLevel.DISTRICT, parent=parent, geometry=SQUARE)


@pytest.fixture
def coordinator():
    return user_with_role(Role.COORDINATOR, OrganisationFactory(), full_name="Sara Samordnare")


@pytest.fixture
def graffiti():
    return ensure_default_categories()["graffiti"]


def _tip(graffiti, email="boende@example.org", text="Klotter på muren vid skolan"):
    return resident_tip(category=graffiti, text=text, place_text="Svarsby", address="tipsare", email=email)


def test_resident_tip__gets_a_unique_unguessable_reference(district, graffiti):
    tips = [_tip(graffiti) for _ in range(3)]
    references = {t.tip_receipt.reference for t in tips}
    assert len(references) == 3
    assert all(REFERENCE_RE.fullmatch(r) for r in references)
    assert len(new_reference()) == 11


def test_normalise_reference__accepts_what_a_person_types_and_nothing_else():
    assert normalise_reference(" ts-4k7q x2mb ") == "TS-4K7QX2MB"
    assert normalise_reference("4K7QX2MB") == "TS-4K7QX2MB"
    for bad in ("", "TS-", "TS-4K7QX2M0", "TS-4K7QX2MBB", "' OR 1=1 --", "x" * 10_000, "TS-ÅÄÖÅÄÖÅÄ"):
        assert normalise_reference(bad) is None


def test_tip_form__shows_the_reference_and_keeps_the_email_with_consent_text(district, graffiti):
    client = Client()
    page = client.get("/lagesbild/tips/").content.decode()
    assert "Din e-postadress (valfritt)" in page and "raderar den 30 dagar efter" in page
    done = client.post(
        "/lagesbild/tips/",
        {"category": graffiti.pk, "place_text": "Svarsby", "text": "Trasig belysning", "email": "a@example.org"},
    )
    assert done.status_code == 200
    receipt = TipReceipt.objects.get()
    assert receipt.email == "a@example.org"
    assert receipt.reference in done.content.decode()
    # The address is not copied into the audit log, which is kept for good.
    create = AuditEvent.objects.get(object_type="incidents.tipreceipt", action="create")
    assert "a@example.org" not in str(create.changes)


def test_tip_form__a_bad_email_is_a_swedish_error_and_nothing_is_saved(district, graffiti):
    response = Client().post(
        "/lagesbild/tips/", {"category": graffiti.pk, "place_text": "Svarsby", "text": "Klotter", "email": "inte-en"}
    )
    assert response.status_code == 400 and "giltig e-postadress" in response.content.decode()
    assert not Incident.objects.exists() and not TipReceipt.objects.exists()


def test_route__mails_the_resident_after_commit_with_the_organisation_and_status_link(
    district, graffiti, coordinator, django_capture_on_commit_callbacks
):
    tip = _tip(graffiti)
    housing = OrganisationFactory(name="Bostadsbolaget Svar")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        work.incident_route(actor=coordinator, incident=tip, organisation=housing)
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    reference = tip.tip_receipt.reference
    assert message.to == ["boende@example.org"]
    assert reference in message.subject and "Skickat vidare" in message.subject
    assert "Bostadsbolaget Svar" in message.body
    assert f"/lagesbild/tips/status/?referens={reference}" in message.body
    assert "Sara" not in message.body  # nobody's name


def test_route__a_rolled_back_change_sends_nothing(district, graffiti, coordinator, django_capture_on_commit_callbacks):
    tip = _tip(graffiti)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        work.incident_route(actor=coordinator, incident=tip, organisation=OrganisationFactory())
        raise RuntimeError("the caller's transaction fails after the route")
    assert mail.outbox == []
    assert TipReceipt.objects.get(incident=tip).answer == "" and not TipReceipt.objects.get(incident=tip).closed_at


def test_dismiss__the_internal_reason_never_reaches_the_resident(
    district, graffiti, coordinator, django_capture_on_commit_callbacks
):
    tip = _tip(graffiti)
    reason = "Internt: anmälaren är känd sedan tidigare av förvaltningen"
    with django_capture_on_commit_callbacks(execute=True):
        work.incident_dismiss(actor=coordinator, incident=tip, reason=reason)
    [message] = mail.outbox
    assert reason not in message.body and "Internt" not in message.body
    assert "Tipset är avslutat" in message.body  # the default answer for a dismissed tip
    status = tip_status(reference=tip.tip_receipt.reference, address=ADDRESS)
    assert status.closed and status.label == "Avslutat" and reason not in status.answer
    page = Client().get("/lagesbild/tips/status/", {"referens": tip.tip_receipt.reference}).content.decode()
    assert "Avslutat" in page and "Internt" not in page


def test_dismiss__with_an_answer_for_the_resident_it_is_sent_and_shown(
    district, graffiti, coordinator, django_capture_on_commit_callbacks
):
    tip = _tip(graffiti)
    answer = "Platsen ligger utanför kommunen; kontakta grannkommunen."
    with django_capture_on_commit_callbacks(execute=True):
        work.incident_dismiss(actor=coordinator, incident=tip, reason="Fel kommun", answer=answer)
    assert answer in mail.outbox[0].body
    assert tip_status(reference=tip.tip_receipt.reference, address=ADDRESS).answer == answer
    assert AuditEvent.objects.filter(object_type="incidents.tipreceipt", action="update", actor=coordinator).exists()


def test_dismiss_in_the_queue__the_answer_field_reaches_the_resident(
    client, district, graffiti, coordinator, django_capture_on_commit_callbacks
):
    tip = _tip(graffiti)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/lagesbild/{tip.pk}/avfarda/", {"reason": "Dubbelt", "answer": "Vi har redan fått samma tips."}
        )
    assert response.status_code == 302
    assert "Vi har redan fått samma tips." in mail.outbox[0].body and "Dubbelt" not in mail.outbox[0].body


def test_link_problem__title_only_when_the_problem_is_open_to_everyone(
    district, graffiti, coordinator, django_capture_on_commit_callbacks
):
    internal = ProblemFactory(title="Hemlig utredning om trapphusen", classification=Classification.INTERNAL)
    public = ProblemFactory(title="Klotter längs gångvägen", classification=Classification.OPEN)
    first, second = _tip(graffiti), _tip(graffiti)
    with django_capture_on_commit_callbacks(execute=True):
        work.incident_link_problem(actor=coordinator, incident=first, problem=internal)
        work.incident_link_problem(actor=coordinator, incident=second, problem=public)
    hidden, shown = mail.outbox
    assert "Hemlig" not in hidden.body and "Ett problem som samverkan arbetar med" in hidden.body
    assert "Klotter längs gångvägen" in shown.body
    assert tip_status(reference=first.tip_receipt.reference, address=ADDRESS).detail.startswith("Ett problem")
    # Linking again to the same problem sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        work.incident_link_problem(actor=coordinator, incident=second, problem=public)
    assert len(mail.outbox) == 2


def test_tip_without_email__no_message_but_the_status_follows(
    district, graffiti, coordinator, django_capture_on_commit_callbacks
):
    tip = _tip(graffiti, email="")
    reference = tip.tip_receipt.reference
    assert tip_status(reference=reference, address=ADDRESS).label == "Mottaget"
    with django_capture_on_commit_callbacks(execute=True):
        work.incident_accept(actor=coordinator, incident=tip)
    assert mail.outbox == []
    status = tip_status(reference=reference, address=ADDRESS)
    assert status.label == "Granskat" and status.closed


def test_other_incidents__have_no_receipt_and_send_nothing(district, coordinator, django_capture_on_commit_callbacks):
    from tests.factories import police_event

    event = police_event("svar-1", summary="Skadegörelse vid torget.")
    with django_capture_on_commit_callbacks(execute=True):
        work.incident_dismiss(actor=coordinator, incident=event, reason="Inte vår kommun")
    assert mail.outbox == [] and not TipReceipt.objects.exists()


def test_status_page__unknown_and_malformed_references_get_the_same_answer(district, graffiti):
    tip = _tip(graffiti)
    found = Client().get("/lagesbild/tips/status/", {"referens": tip.tip_receipt.reference})
    assert found.status_code == 200 and "Mottaget" in found.content.decode()
    answers = set()
    for wrong in ("TS-22222222", "TS-ZZZZZZZZ", "hej", "TS-" + "A" * 500, "TS-4K7QX2M0"):
        response = Client().get("/lagesbild/tips/status/", {"referens": wrong})
        assert response.status_code == 200
        body = response.content.decode()
        assert "Vi hittar inget tips" in body
        answers.add(re.sub(r'value="[^"]*"', "", body))  # the echoed input is the only difference
    assert len(answers) == 1


def test_status_page__limited_per_address(district, graffiti):
    tip = _tip(graffiti)
    for _ in range(LOOKUPS_PER_HOUR):
        assert (
            Client().get("/lagesbild/tips/status/", {"referens": "TS-22222222"}, REMOTE_ADDR=ADDRESS).status_code == 200
        )
    refused = Client().get("/lagesbild/tips/status/", {"referens": tip.tip_receipt.reference}, REMOTE_ADDR=ADDRESS)
    assert refused.status_code == 429 and "Många sökningar" in refused.content.decode()
    assert "Mottaget" not in refused.content.decode()
    with pytest.raises(TipLimitError):
        tip_status(reference=tip.tip_receipt.reference, address=ADDRESS)
    # Tips from the same address are counted apart from look-ups.
    assert _tip(graffiti).pk


def test_status_page__empty_form_and_empty_reference(district):
    assert Client().get("/lagesbild/tips/status/").status_code == 200
    empty = Client().get("/lagesbild/tips/status/", {"referens": ""})
    assert empty.status_code == 400 and "Skriv tipsets referensnummer" in empty.content.decode()


@override_settings(TRYGGSAM_TIP_EMAIL_DAYS=10)
def test_retention__the_email_goes_days_after_the_tip_is_closed(
    district, graffiti, coordinator, django_capture_on_commit_callbacks
):
    open_tip, closed_tip = _tip(graffiti), _tip(graffiti)
    with django_capture_on_commit_callbacks(execute=True):
        work.incident_accept(actor=coordinator, incident=closed_tip)
    assert purge_expired().tip_emails == 0  # closed just now
    later = timezone.now() + dt.timedelta(days=11)
    result = purge_expired(now=later)
    assert result.tip_emails == 1
    assert TipReceipt.objects.get(incident=closed_tip).email == ""
    assert TipReceipt.objects.get(incident=open_tip).email == "boende@example.org"  # still open
    assert AuditEvent.objects.filter(object_type="incidents.tipreceipt", object_id="*").exists()
    assert purge_expired(now=later).tip_emails == 0
