"""The archive's review page (issue 11): a staged file is read once, not on every page load (finding 16);
forums the importer may not see are neither offered nor matched (finding 5)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from tests.factories import ForumFactory
from tryggsam.core.models import Classification
from tryggsam.documents import extract as extract_module
from tryggsam.documents.models import ImportedDocument
from tryggsam.documents.selectors import forums_for_import
from tryggsam.forums.models import ForumKind
from tryggsam.meetings.models import Meeting

MINUTES = """Minnesanteckningar Trygghetsgruppen Norr
Datum: 2024-03-12 kl. 18.00-19.30
Plats: Fritidsgården

Närvarande: Anna Lind (ordförande), Per Ek

1. Läget i området
Gruppen gick igenom kvällarna vid torget.
"""


@pytest.fixture(autouse=True)
def _media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


def upload(client, text: str = MINUTES, name: str = "anteckningar.txt") -> str:
    response = client.post("/arkiv/", {"documents": [SimpleUploadedFile(name, text.encode())]})
    assert response.status_code == 302
    page = client.get("/arkiv/").content.decode()
    return page.split('action="/arkiv/')[1].split("/spara/")[0]


@pytest.fixture
def reads(monkeypatch):
    """How many times a document file is read and parsed."""
    calls = []
    real = extract_module.read_document

    def counting(path):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(extract_module, "read_document", counting)
    return calls


def test_archive_page__staged_file_is_read_once_not_on_every_load(client, coordinator, reads):
    client.force_login(coordinator)
    token = upload(client)
    for _ in range(3):
        page = client.get("/arkiv/").content.decode()
        assert "Fritidsgården" in page
    client.post(
        f"/arkiv/{token}/spara/",
        {f"{token}-token": token, f"{token}-forum": "Trygghetsgruppen Norr", f"{token}-date": "2024-03-12"},
    )
    assert len(reads) == 1


def test_archive_page__unreadable_file_keeps_its_reason(client, coordinator, reads):
    client.force_login(coordinator)
    client.post("/arkiv/", {"documents": [SimpleUploadedFile("tom.txt", b"   \n")]})
    for _ in range(2):
        page = client.get("/arkiv/").content.decode()
        assert "Filen är tom." in page
    assert len(reads) == 1


# --- finding 5: forums the importer may not see are neither listed nor matched ----------------------


@pytest.fixture
def forums(police, district_admin):
    hidden = ForumFactory(
        name="Samverkansgruppen",
        kind=ForumKind.WORKING_GROUP,
        classification=Classification.RESTRICTED,
        owner_organisation=police,
    )
    own = ForumFactory(
        name="Trygghetsgruppen",
        kind=ForumKind.WORKING_GROUP,
        classification=Classification.RESTRICTED,
        owner_organisation=district_admin,
    )
    internal = ForumFactory(name="Brottsförebyggande rådet", kind=ForumKind.COUNCIL)
    return {"hidden": hidden, "own": own, "internal": internal}


def test_archive_page__forum_list_leaves_out_restricted_forums_of_others(client, coordinator, forums):
    client.force_login(coordinator)
    page = client.get("/arkiv/").content.decode()
    datalist = page.split('<datalist id="archive-forums">')[1].split("</datalist>")[0]
    assert "Samverkansgruppen" not in datalist
    assert "Trygghetsgruppen" in datalist and "Brottsförebyggande rådet" in datalist


def test_archive_import__not_matched_to_a_forum_the_user_cannot_see(client, coordinator, forums):
    client.force_login(coordinator)
    token = upload(client, MINUTES.replace("Trygghetsgruppen Norr", "Samverkansgruppen"))
    page = client.get("/arkiv/").content.decode()
    assert "befintliga forumet <strong>Samverkansgruppen" not in page
    response = client.post(
        f"/arkiv/{token}/spara/",
        {f"{token}-token": token, f"{token}-forum": "Samverkansgruppen", f"{token}-date": "2024-03-12"},
        follow=True,
    )
    assert "kan inte användas för importen" in response.content.decode()
    assert not Meeting.objects.filter(forum=forums["hidden"]).exists()
    assert ImportedDocument.objects.count() == 0


def test_archive_import__matched_to_a_forum_the_user_may_use(client, coordinator, forums):
    client.force_login(coordinator)
    token = upload(client, MINUTES)
    assert "befintliga forumet <strong>Trygghetsgruppen" in client.get("/arkiv/").content.decode()
    client.post(
        f"/arkiv/{token}/spara/",
        {f"{token}-token": token, f"{token}-forum": "Trygghetsgruppen", f"{token}-date": "2024-03-12"},
    )
    assert Meeting.objects.filter(forum=forums["own"], date="2024-03-12").exists()


def test_forums_for_import__follows_the_policy(coordinator, police_member, forums):
    assert set(forums_for_import(coordinator)) == {forums["own"], forums["internal"]}
    assert not forums_for_import(police_member).exists()  # members do not import
