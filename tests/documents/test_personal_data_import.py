"""The personal-data guard on the document import (issue 6): imports mask and warn.

The documents here are invented; the identity numbers are generated with a correct check digit."""

import io
import json

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.test import override_settings

from tests.documents.builders import blocks_of, build_docx
from tryggsam.casework.models import FollowUp, Measure
from tryggsam.core.personal_data.guard import FindingKind, find_personal_data
from tryggsam.documents.extract import extract
from tryggsam.documents.management.import_options import IMPORT_SYSTEM
from tryggsam.documents.models import ImportBatch, ImportedDocument
from tryggsam.documents.saving import document_save
from tryggsam.meetings.models import AgendaItem, Decision, Meeting


def _with_check_digit(date: str, serial: str) -> str:
    """A personal identity number (YYMMDD-NNNC) with its Luhn check digit."""
    total = 0
    for i, ch in enumerate(date + serial):
        product = int(ch) * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return f"{date}-{serial}{(10 - total % 10) % 10}"


PIN = _with_check_digit("850709", "238")
COORDINATION = _with_check_digit("910374", "415")  # day 14 + 60
MOBILE = "070-318 42 96"
EMAIL = "grannen.vaktar@postlada.nu"
SECRETS = (PIN, PIN.replace("-", ""), COORDINATION, COORDINATION.replace("-", ""), MOBILE, "0703184296", EMAIL)
OFFICIAL_PHONE = "08-123 456 78"
OFFICIAL_EMAIL = "maja.holm@stockholm.se"

MINUTES_WITH_PERSONAL_DATA = f"""Minnesanteckningar från trygghetsrådet i Ekby kommun

Datum: tisdag 11 mars 2025
Tid: 09.00-10.30
Plats: Ekby kommunhus

Närvarande: Maja Holm (ordförande), Per Dahl, kommunpolis

§ 1 Mötets öppnande
Ordföranden hälsade alla välkomna.

§ 2 Läget vid torget
En boende med personnummer {PIN} har anmält skadegörelse vid torget. Hon nås på {MOBILE} eller {EMAIL}.

§ 3 Beslut
Beslut: Kommunen kontaktar fastighetsägaren om belysningen; ärendet gäller {PIN}.

§ 4 Arbetstabell
Problemområde\tÅtgärd/insats\tDeltagare\tSammankallande/ansvarig\tStatus/uppföljning
Mörk gångtunnel\tNy belysning\tKommunen, polisen\tGatuenheten\tBoende hörs på {MOBILE}
Nedskräpning\tFler papperskorgar för {COORDINATION}\tParkenheten\t{EMAIL}\tPågår

Kontakt: Maja Holm {OFFICIAL_PHONE} {OFFICIAL_EMAIL}
"""

MINUTES_WITHOUT_PERSONAL_DATA = """Minnesanteckningar från trygghetsrådet i Ekby kommun

Datum: tisdag 8 april 2025
Tid: 09.00-10.30
Plats: Ekby kommunhus

§ 1 Läget vid torget
Klottret vid busshållplatsen är sanerat. Nästa vandring 2025-05-06, kl 18.00-20.00.

§ 2 Beslut
Beslut: Gatuenheten byter armaturerna i gångtunneln före sommaren.

Kontakt: Maja Holm, växel 08-508 000 00, maja.holm@stockholm.se
"""


@pytest.fixture(autouse=True)
def _media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


@pytest.fixture
def minutes_txt(tmp_path):
    path = tmp_path / "ekby_2025-03-11.txt"
    path.write_text(MINUTES_WITH_PERSONAL_DATA, encoding="utf-8")
    return path


def _database_text() -> str:
    """Every row of every table, serialised: what a search of the whole database would find."""
    return "\n".join(
        serializers.serialize("json", model._default_manager.all(), ensure_ascii=False)
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    )


def _assert_database_clean() -> None:
    text = _database_text()
    leaked = [secret for secret in SECRETS if secret in text]
    assert not leaked, leaked


def test_generated_numbers__are_what_the_guard_looks_for():
    assert [f.kind for f in find_personal_data(PIN)] == [FindingKind.PERSONAL_IDENTITY_NUMBER]
    assert [f.kind for f in find_personal_data(COORDINATION)] == [FindingKind.COORDINATION_NUMBER]
    assert [f.kind for f in find_personal_data(f"{MOBILE} {EMAIL}")] == [FindingKind.PHONE, FindingKind.EMAIL]


def test_extract__masks_notes_decisions_and_work_table_cells_and_says_where(minutes_txt):
    result = extract(minutes_txt)
    dumped = json.dumps(result, ensure_ascii=False)
    assert not [secret for secret in SECRETS if secret in dumped]
    items = {item["number"]: item for item in result["items"]}
    assert items["2"]["text"] == (
        "En boende med personnummer [personnummer borttaget] har anmält skadegörelse vid torget. "
        "Hon nås på [telefonnummer borttaget] eller [e-post borttagen]."
    )
    assert result["decisions"] == [
        "Kommunen kontaktar fastighetsägaren om belysningen; ärendet gäller [personnummer borttaget]."
    ]
    rows = result["work_tables"][0]["rows"]
    assert rows[0]["status"] == "Boende hörs på [telefonnummer borttaget]"
    assert rows[1]["measure"] == "Fler papperskorgar för [samordningsnummer borttaget]"
    assert rows[1]["responsible"] == "[e-post borttagen]"
    warnings = result["warnings"]
    assert "Punkt 2: personnummer maskerat, telefonnummer maskerat, e-postadress maskerad" in warnings
    assert "Beslut 1: personnummer maskerat" in warnings
    assert "Arbetstabell 1, rad 1, status/uppföljning: telefonnummer maskerat" in warnings
    assert "Arbetstabell 1, rad 2, åtgärd/insats: samordningsnummer maskerat" in warnings
    assert "Arbetstabell 1, rad 2, sammankallande/ansvarig: e-postadress maskerad" in warnings


def test_extract__published_contact_kept_and_contacts_found_elsewhere_masked(minutes_txt):
    contacts = extract(minutes_txt)["contacts"]
    # The document's own contact block names the official who answers for it: kept as read.
    assert contacts[0] == {"name": "Maja Holm", "phone": OFFICIAL_PHONE, "email": OFFICIAL_EMAIL}
    # The resident's address in item 2 was only picked up from the text: masked like the text.
    assert contacts[1:] == [{"name": None, "phone": "[telefonnummer borttaget]", "email": "[e-post borttagen]"}]


def test_import_document__command_masks_saves_and_prints_the_warnings(minutes_txt, django_capture_on_commit_callbacks):
    out, err = io.StringIO(), io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_document", str(minutes_txt), "--json", stdout=out, stderr=err)
    printed = json.loads(out.getvalue())
    assert "Beslut 1: personnummer maskerat" in printed["warnings"]
    assert not [secret for secret in SECRETS if secret in out.getvalue() + err.getvalue()]
    assert "Sparat:" in err.getvalue()

    meeting = Meeting.objects.get(date="2025-03-11")
    notes = AgendaItem.objects.get(meeting=meeting, heading="Läget vid torget").notes
    assert "[personnummer borttaget]" in notes and "[telefonnummer borttaget]" in notes
    assert "[e-post borttagen]" in notes
    assert Decision.objects.filter(text__contains="[personnummer borttaget]").exists()
    assert Measure.objects.filter(responsible_text="[e-post borttagen]").exists()
    assert FollowUp.objects.filter(text__contains="[telefonnummer borttaget]").exists()
    document = ImportedDocument.objects.get()
    assert "Beslut 1: personnummer maskerat" in document.extracted["warnings"]
    _assert_database_clean()
    # The original file is kept unchanged: it is the archive copy, not a record in the database.
    assert PIN in document.file.read().decode()


def test_document_save__docx_masked_and_nothing_in_database_holds_the_numbers(minutes_txt, tmp_path):
    path = build_docx(blocks_of(minutes_txt), tmp_path / "ekby.docx")
    data = extract(path)
    assert "Arbetstabell 1, rad 2, sammankallande/ansvarig: e-postadress maskerad" in data["warnings"]
    result = document_save(actor=IMPORT_SYSTEM, path=path, data=data)
    assert "Punkt 2: personnummer maskerat, telefonnummer maskerat, e-postadress maskerad" in result.warnings
    assert result.created["agendaitem"] == 4 and result.created["measure"] == 2
    _assert_database_clean()


def test_document_save__corrected_fields_and_file_name_masked(tmp_path):
    path = tmp_path / f"anmälan {PIN}.txt"
    path.write_text(MINUTES_WITHOUT_PERSONAL_DATA, encoding="utf-8")
    data = extract(path)
    data = {**data, "meeting": {**data["meeting"], "location": f"Hemma hos boende, ring {MOBILE}"}}
    result = document_save(actor=IMPORT_SYSTEM, path=path, data=data)
    assert "Mötesplats: telefonnummer maskerat" in result.warnings
    assert "Filnamnet: personnummer maskerat" in result.warnings
    assert Meeting.objects.get().location == "Hemma hos boende, ring [telefonnummer borttaget]"
    document = ImportedDocument.objects.get()
    assert document.original_name == "anmälan_personnummer_borttaget.txt"
    _assert_database_clean()


def test_extract__document_without_personal_data_gets_no_masking_warning(tmp_path):
    path = tmp_path / "ekby_2025-04-08.txt"
    path.write_text(MINUTES_WITHOUT_PERSONAL_DATA, encoding="utf-8")
    result = extract(path)
    assert not [w for w in result["warnings"] if "maskera" in w], result["warnings"]
    assert "borttag" not in json.dumps(result, ensure_ascii=False)
    # The switchboard number and the work address pass, as they do in the guard.
    assert "08-508 000 00" in result["items"][0]["text"] + result["items"][1]["text"] + str(result["contacts"])
    assert result["contacts"][0]["email"] == "maja.holm@stockholm.se"


def test_import_archive__lists_the_masking_warnings_per_file(minutes_txt, tmp_path):
    out = io.StringIO()
    call_command("import_archive", str(minutes_txt.parent), stdout=out)
    text = out.getvalue()
    assert "sparad" in text
    assert "    – Beslut 1: personnummer maskerat" in text
    assert not [secret for secret in SECRETS if secret in text]
    _assert_database_clean()


def test_archive_page__preview_shows_masking_warnings_and_batch_log_is_masked(client, coordinator, tmp_path):
    client.force_login(coordinator)
    path = tmp_path / f"tips {PIN}.txt"
    path.write_text(MINUTES_WITH_PERSONAL_DATA, encoding="utf-8")
    with open(path, "rb") as handle:
        client.post("/arkiv/", {"documents": [handle]})
    page = client.get("/arkiv/").content.decode()
    assert "Punkt 2: personnummer maskerat, telefonnummer maskerat, e-postadress maskerad" in page
    assert "Arbetstabell 1, rad 1, status/uppföljning: telefonnummer maskerat" in page
    assert not [secret for secret in SECRETS if secret in page]
    with open(_second_file(tmp_path), "rb") as handle:
        client.post("/arkiv/", {"documents": [handle]})
    client.post("/arkiv/bakgrund/")  # the test settings run django-q2 tasks synchronously
    batch = ImportBatch.objects.get()
    assert batch.saved == 2
    # The batch says which forum it created (issue 13 item 6), in the log line and the summary.
    assert "tips_personnummer_borttaget.txt: sparad; nytt forum skapat: trygghetsrådet i Ekby" in batch.log
    assert batch.created_forums == ["trygghetsrådet i Ekby"]
    _assert_database_clean()


def _second_file(tmp_path):
    """A second, different file, so that the page offers the background import of several files."""
    path = tmp_path / "ekby_2025-04-08.txt"
    path.write_text(MINUTES_WITHOUT_PERSONAL_DATA, encoding="utf-8")
    return path
