"""The archive's review page (issue 11): a staged file is read once, not on every page load (finding 16)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from tryggsam.documents import extract as extract_module

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
