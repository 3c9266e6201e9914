"""The statutory documents: what each kind contains (DOCX and PDF read back), the public version,
freezing on decision, versions, publishing and the policy."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import user_with_role
from tests.situation.test_situation import _incident
from tests.statutory.conftest import YEAR, day
from tests.statutory.helpers import docx_text, pdf_text
from tryggsam.accounts.models import Role
from tryggsam.audit.models import AuditEvent
from tryggsam.core.errors import InvalidTransitionError, PermissionDeniedError, ServiceError
from tryggsam.meetings.models import Decision
from tryggsam.statutory import sections
from tryggsam.statutory.models import DocumentKind, DocumentStatus, StatutoryDocument
from tryggsam.statutory.render import document_docx, document_pdf
from tryggsam.statutory.sections import Section, paragraph
from tryggsam.statutory.selectors import content_for
from tryggsam.statutory.services import (
    document_create,
    document_decide,
    document_new_version,
    document_publish,
    document_write,
)

pytestmark = pytest.mark.django_db


def _situation(coordinator, council, **texts):
    document = document_create(actor=coordinator, kind=DocumentKind.SITUATION, forum=council, year=YEAR)
    return document_write(
        actor=coordinator,
        document=document,
        summary=texts.get("summary", "Året var lugnare än året innan."),
        risk_factors=texts.get("risk_factors", "Mörka stråk ökar risken; en aktiv förening skyddar."),
        conclusions=texts.get("conclusions", "Belysningen prioriteras nästa år."),
    )


def test_situation__docx_and_pdf_hold_every_section_with_figures_sources_and_dates(data, council, member, coordinator):
    snapshot = content_for(member, _situation(coordinator, council))
    assert [s["key"] for s in snapshot["sections"]] == [
        "summary", "crime", "insecurity", "partners", "risk_factors", "conclusions",
    ]  # fmt: skip
    for text in (pdf_text(document_pdf(snapshot)), docx_text(document_docx(snapshot))):
        for heading in ("Sammanfattning", "Brottslighet", "Otrygghet", "Samverkansparternas iakttagelser",
                        "Risk- och skyddsfaktorer", "Slutsatser"):  # fmt: skip
            assert heading in text
        assert "Klotter" in text and "Narkotikahandel" in text  # the member sees the restricted count
        assert "Källa: " in text and f"Uttag ur TryggSam {snapshot['made'][:10]}" in text
        assert "Klassificering: Begränsad" in text  # the figures count restricted incidents
        assert "Mörka stråk ökar risken" in text
        assert "TODO" not in text
    assert snapshot["classification"] == "restricted"
    images = [b for s in snapshot["sections"] for b in s["blocks"] if b["type"] == "image"]
    assert len(images) == 2 and all(b["source"].startswith("Källa: ") for b in images)  # chart and map
    tables = [b for s in snapshot["sections"] for b in s["blocks"] if b["type"] == "table"]
    assert tables and all("Klassificering:" in b["source"] for b in tables)


def test_situation__public_version_leaves_out_what_is_not_open_and_shows_under_limit(data, council, coordinator):
    snapshot = content_for(AnonymousUser(), _situation(coordinator, council))
    text = pdf_text(document_pdf(snapshot))
    assert "Klotter" in text and "Rån" in text
    assert "<3" in text  # two robberies
    assert "Narkotikahandel" not in text and "Skadegörelse" not in text  # restricted and internal
    assert "Klassificering: Öppen" in text and "Begränsad" not in text and "Intern" not in text
    assert "Offentlig version" in text


def test_action_plan__decided_measures_with_responsible_time_goal_and_follow_up(data, council, member, coordinator):
    document = document_create(actor=coordinator, kind=DocumentKind.ACTION_PLAN, forum=council, year=YEAR)
    text = docx_text(document_docx(content_for(member, document)))
    assert "Trygga stråk" in text and "Färre som känner sig otrygga" in text  # the plan's focus area and goal
    assert "Ny belysning vid torget" in text and "Trafikkontoret" in text
    assert f"{day(3, 1):%Y-%m-%d}–{day(11, 30):%Y-%m-%d}" in text
    assert "Uppföljd: Ny belysning vid torget." in text
    assert "BEGRÄNSAD-spaning" in text  # the member's organisation owns it
    public = pdf_text(document_pdf(content_for(AnonymousUser(), document)))
    assert "Ny belysning vid torget" in public
    assert "INTERN-kameraplan" not in public and "BEGRÄNSAD-spaning" not in public


def test_follow_up__what_was_planned_and_what_was_done(data, council, member, coordinator):
    document = document_create(actor=coordinator, kind=DocumentKind.FOLLOW_UP, forum=council, year=YEAR)
    text = pdf_text(document_pdf(content_for(member, document)))
    assert "Vad som planerades" in text and "Vad som gjordes" in text
    assert "Trygga stråk" in text and "Uppföljningar av åtgärder" in text
    assert "Uppföljd: INTERN-kameraplan vid torget." in text


def test_section_without_data__left_out_or_said_plainly(council, coordinator):
    document = document_create(actor=coordinator, kind=DocumentKind.ACTION_PLAN, forum=council, year=YEAR)
    snapshot = content_for(coordinator, document)
    text = pdf_text(document_pdf(snapshot))
    assert "Sammanfattning" not in text  # nothing written: left out
    assert "Rådet har ingen beslutad åtgärdsplan som gäller under året." in text
    assert "Inga åtgärder är registrerade för rådets problem under året." in text


def test_decide__frozen_snapshot_does_not_change_when_the_data_changes(data, council, member, coordinator, item):
    document = _situation(coordinator, council)
    decision = document_decide(actor=coordinator, document=document, item=item)
    document.refresh_from_db()
    assert document.status == DocumentStatus.DECIDED and document.decided_at_meeting == item.meeting
    assert Decision.objects.get(pk=decision.pk).item == item  # written in the minutes
    assert document.classification == "restricted"  # it counts restricted incidents
    before = document_pdf(content_for(member, document))
    for i in range(7):
        _incident(council.area, data["categories"]["fire"], day(5, 1 + i), classification="open")
    data["measures"]["open"].title = "Omdöpt åtgärd"
    data["measures"]["open"].save()
    after_snapshot = content_for(member, StatutoryDocument.objects.get(pk=document.pk))
    assert "Brand" not in pdf_text(document_pdf(after_snapshot))
    assert pdf_text(document_pdf(after_snapshot)) == pdf_text(before)
    with pytest.raises(InvalidTransitionError):
        document_write(actor=coordinator, document=document, summary="Ändrad efteråt")
    live = content_for(member, document_new_version(actor=coordinator, document=document))
    assert "Brand" in pdf_text(document_pdf(live))  # the next version reads today's data


def test_decide__refused_in_another_council_or_approved_minutes(data, council, coordinator, item):
    from tests.factories import ForumFactory
    from tryggsam.meetings.agenda import item_add
    from tryggsam.meetings.services import meeting_schedule

    document = _situation(coordinator, council)
    other = ForumFactory(kind="council", name="Ett annat råd", area=council.area)
    elsewhere = item_add(
        actor=coordinator,
        meeting=meeting_schedule(actor=coordinator, forum=other, date=day(10, 1)),
        heading="Annat råds punkt",
    )
    with pytest.raises(ServiceError, match="kan inte besluta"):
        document_decide(actor=coordinator, document=document, item=elsewhere)
    assert not Decision.objects.filter(item=elsewhere).exists()
    document.refresh_from_db()
    assert document.status == DocumentStatus.DRAFT and document.snapshot is None


def test_new_version_and_publish(data, council, coordinator, item):
    document = _situation(coordinator, council)
    with pytest.raises(InvalidTransitionError):
        document_publish(actor=coordinator, document=document)
    document_decide(actor=coordinator, document=document, item=item)
    document.refresh_from_db()
    published = document_publish(actor=coordinator, document=document)
    assert published.is_published and published.public_snapshot["public"] is True
    draft = document_new_version(actor=coordinator, document=document)
    assert (draft.version, draft.previous, draft.status) == (2, document, DocumentStatus.DRAFT)
    assert draft.summary == document.summary
    with pytest.raises(InvalidTransitionError):
        document_new_version(actor=coordinator, document=document)
    actions = set(AuditEvent.objects.filter(object_id=str(document.pk)).values_list("action", flat=True))
    assert {"create", "update", "status"} <= actions


def test_create__refuses_what_it_cannot_make(council, coordinator, member):
    with pytest.raises(PermissionDeniedError):
        document_create(actor=member, kind=DocumentKind.SITUATION, forum=council, year=YEAR)
    with pytest.raises(ServiceError, match="Ange ett år"):
        document_create(actor=coordinator, kind=DocumentKind.SITUATION, forum=council, year=1999)
    partnership = type(council).objects.create(name="En platssamverkan", kind="partnership")
    with pytest.raises(ServiceError, match="lokalt brottsförebyggande råd"):
        document_create(actor=coordinator, kind=DocumentKind.SITUATION, forum=partnership, year=YEAR)
    document_create(actor=coordinator, kind=DocumentKind.SITUATION, forum=council, year=YEAR)
    with pytest.raises(ServiceError, match="finns redan"):
        document_create(actor=coordinator, kind=DocumentKind.SITUATION, forum=council, year=YEAR)
    assert StatutoryDocument.objects.count() == 1


def test_add_section_builder__goes_before_the_conclusions(data, council, coordinator):
    def goals(ctx):
        return Section("goals", "Mål och indikatorer", [paragraph(f"Mål för {ctx.area.name}")])

    sections.add_section_builder(DocumentKind.SITUATION, "test_goals", goals, before="conclusions")
    try:
        keys = [s["key"] for s in content_for(coordinator, _situation(coordinator, council))["sections"]]
        assert keys[-2:] == ["goals", "conclusions"]
    finally:
        sections._BUILDERS[DocumentKind.SITUATION] = [
            (k, b) for k, b in sections._BUILDERS[DocumentKind.SITUATION] if k != "test_goals"
        ]


def test_policy__who_may_read_and_write(council, coordinator, member):
    from tryggsam.accounts import permissions

    document = document_create(actor=coordinator, kind=DocumentKind.SITUATION, forum=council, year=YEAR)
    reader = user_with_role(Role.READER)
    assert permissions.can_view_statutory_document(member, document)
    assert not permissions.can_view_statutory_document(AnonymousUser(), document)
    assert permissions.can_edit_statutory_document(coordinator, document)
    assert not permissions.can_edit_statutory_document(member, document)
    assert not permissions.can_write_statutory_documents(reader)
    assert not permissions.statutory_document_is_public(document)


def test_publish__refused_while_the_council_is_not_open(data, council, coordinator, item):
    document = _situation(coordinator, council)
    document_decide(actor=coordinator, document=document, item=item)
    type(council).objects.filter(pk=council.pk).update(classification="internal")
    document = StatutoryDocument.objects.select_related("forum").get(pk=document.pk)
    with pytest.raises(ServiceError, match="Rådet är inte öppet"):
        document_publish(actor=coordinator, document=document)
    document.refresh_from_db()
    assert document.published_on is None


def test_situation__monthly_trend_for_members(data, council, member, coordinator):
    snapshot = content_for(member, _situation(coordinator, council))
    crime = next(s for s in snapshot["sections"] if s["key"] == "crime")
    trend = next(b for b in crime["blocks"] if b.get("caption") == "Utveckling per månad, alla kategorier")
    assert len(trend["rows"]) == 13 and sum(int(n) for _m, n in trend["rows"]) > 0


def test_analysis_figures_are_written_the_swedish_way() -> None:
    from tryggsam.statutory.analysis import _number

    assert [_number(v) for v in (34.0, 23.546, 47.5116, 0.04, 4)] == ["34", "23,5", "47,5", "0", "4"]
