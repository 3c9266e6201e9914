"""The pages: list and create, texts, preview, files, decide, next version, publish, the public
version; hostile input gets a Swedish error and changes nothing, never a 500."""

import pytest
from django.urls import reverse

from tests.statutory.conftest import YEAR
from tests.statutory.helpers import docx_text, pdf_text
from tryggsam.statutory.models import DocumentKind, DocumentStatus, StatutoryDocument

pytestmark = pytest.mark.django_db


def _create(client, council, kind="situation", year=YEAR):
    return client.post(reverse("statutory:list"), {"kind": kind, "forum": council.pk, "year": year})


def test_flow__create_write_preview_decide_publish_public(client, data, council, coordinator, item):
    client.force_login(coordinator)
    response = _create(client, council)
    document = StatutoryDocument.objects.get()
    assert response.status_code == 302 and response.url == reverse("statutory:detail", args=[document.pk])
    texts = {"summary": "Lugnare år.", "risk_factors": "Mörka stråk.", "conclusions": "Mer belysning."}
    assert client.post(reverse("statutory:texts", args=[document.pk]), texts).status_code == 302
    page = client.get(reverse("statutory:detail", args=[document.pk])).content.decode()
    assert "Mörka stråk." in page and "Klotter" in page and "Besluta i ett möte" in page
    assert "Lägesbilden för året" in page  # the agenda item offered
    pdf = client.get(reverse("statutory:file", args=[document.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and "Mörka stråk." in pdf_text(pdf.content)
    assert client.get(reverse("statutory:public", args=[document.pk])).status_code == 404  # not published
    client.post(reverse("statutory:decide", args=[document.pk]), {"item": item.pk, "text": ""})
    document.refresh_from_db()
    assert document.status == DocumentStatus.DECIDED
    client.post(reverse("statutory:publish", args=[document.pk]))
    client.logout()
    public = client.get(reverse("statutory:public", args=[document.pk])).content.decode()
    assert "Klotter" in public and "&lt;3" in public and "Narkotikahandel" not in public
    docx = client.get(reverse("statutory:public_file", args=[document.pk, "docx"]))
    assert docx.status_code == 200 and "Narkotikahandel" not in docx_text(docx.content)
    assert client.get(reverse("statutory:detail", args=[document.pk])).status_code == 302  # members' page: login


@pytest.mark.parametrize(
    "payload",
    [
        {"kind": "situation", "forum": "abc", "year": YEAR},
        {"kind": "situation", "forum": "99999999999999999999999", "year": YEAR},
        {"kind": "nonsense", "year": YEAR},
        {"kind": "situation", "year": "20x6"},
        {"kind": "situation", "year": "99999999999999999999"},
        {"kind": "situation", "year": 1999},
        {"kind": "situation", "year": "2026\x00"},
    ],
)
def test_create__hostile_input_swedish_error_nothing_stored(client, council, coordinator, payload):
    client.force_login(coordinator)
    payload = {**payload, "forum": payload.get("forum", council.pk)}
    response = client.post(reverse("statutory:list"), payload)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Inget sparades" in body or "Felaktig förfrågan" in body  # a NUL byte is refused before the form
    assert not StatutoryDocument.objects.exists()


def test_texts__hostile_input(client, council, coordinator):
    client.force_login(coordinator)
    _create(client, council)
    document = StatutoryDocument.objects.get()
    url = reverse("statutory:texts", args=[document.pk])
    response = client.post(url, {"summary": "x" * 20001})
    assert response.status_code == 400 and "Inget sparades" in response.content.decode()
    document.refresh_from_db()
    assert document.summary == ""
    client.post(url, {"summary": "Text med \x07 styrtecken"})  # control characters are removed, not stored
    document.refresh_from_db()
    assert document.summary == "Text med  styrtecken"
    client.post(url, {"summary": ""})
    guarded = client.post(url, {"summary": "Ring Anna Andersson på 070-123 45 67."})
    assert guarded.status_code == 400  # personal data: asked before it is stored
    document.refresh_from_db()
    assert document.summary == ""


def test_decide__hostile_item_changes_nothing(client, data, council, coordinator, item):
    client.force_login(coordinator)
    _create(client, council)
    document = StatutoryDocument.objects.get()
    for value in ("abc", "99999999999999999999999", str(item.pk + 1000), ""):
        response = client.post(reverse("statutory:decide", args=[document.pk]), {"item": value}, follow=True)
        assert response.status_code == 200
        assert "Välj en punkt" in response.content.decode(), [str(m) for m in response.context["messages"]]
    document.refresh_from_db()
    assert document.status == DocumentStatus.DRAFT


def test_views__member_reads_but_may_not_write(client, council, coordinator, member):
    client.force_login(coordinator)
    _create(client, council, kind=DocumentKind.ACTION_PLAN)
    document = StatutoryDocument.objects.get()
    client.force_login(member)
    assert client.get(reverse("statutory:detail", args=[document.pk])).status_code == 200
    assert client.get(reverse("statutory:texts", args=[document.pk])).status_code == 403
    assert (
        client.post(reverse("statutory:list"), {"kind": "situation", "forum": council.pk, "year": YEAR}).status_code
        == 403
    )
    page = client.get(reverse("statutory:list")).content.decode()
    assert "Nytt utkast" not in page and "Åtgärdsplan" in page


@pytest.mark.parametrize("classification", ["open", "internal", "restricted"])
@pytest.mark.parametrize("who", ["anonymous", "reader_own", "member_other", "coordinator_own", "coordinator_other"])
def test_matrix__pages_of_a_document_by_classification(client, council, district_admin, who, classification):
    from tests.factories import OrganisationFactory, user_with_role
    from tryggsam.accounts.models import Role

    document = StatutoryDocument.objects.create(
        kind="situation", year=YEAR, forum=council, classification=classification, owner_organisation=district_admin
    )
    users = {
        "reader_own": (Role.READER, district_admin),
        "member_other": (Role.MEMBER, OrganisationFactory()),
        "coordinator_own": (Role.COORDINATOR, district_admin),
        "coordinator_other": (Role.COORDINATOR, OrganisationFactory()),
    }
    if who != "anonymous":
        client.force_login(user_with_role(*users[who]))
    sees = who != "anonymous" and (classification != "restricted" or who.endswith("_own"))
    writes = sees and who.startswith("coordinator")
    detail = client.get(reverse("statutory:detail", args=[document.pk])).status_code
    texts = client.get(reverse("statutory:texts", args=[document.pk])).status_code
    publish = client.post(reverse("statutory:publish", args=[document.pk])).status_code
    if who == "anonymous":
        assert (detail, texts, publish) == (302, 302, 302)
    else:
        assert detail == (200 if sees else 404)
        assert texts == (200 if writes else 403 if sees else 404)
        assert publish == (302 if writes else 403 if sees else 404)  # a draft: refused with a message
    assert client.get(reverse("statutory:public", args=[document.pk])).status_code == 404  # not published
    document.refresh_from_db()
    assert document.published_on is None
