"""Imported free text never changes a measure's status by itself (issue 11, finding 14): the status a
text seems to say is read with its negations, shown in the review, and applied only when confirmed."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from tryggsam.casework.models import Measure, MeasureStatus
from tryggsam.documents.extract import extract
from tryggsam.documents.matching import status_guess
from tryggsam.documents.saving import document_save

DONE_WORDS = ["avslutad", "avslutat", "klar", "klart", "genomförd", "genomfört", "färdig", "slutförd", "utförd"]
START_WORDS = ["påbörjad", "påbörjat", "startad", "startat", "igång"]
NEGATIONS = ["ej", "inte", "icke", "ännu inte", "inte riktigt", "aldrig", "fortfarande inte", "inte helt"]
ONGOING_TAILS = ["pågår", "arbetet pågår", "fortsätter", "pågående arbete", "följs upp"]
FILLER = ["arbetet", "enligt", "rapporten", "från", "polisen", "vid", "torget", "vecka 12", "med", "skolan", "i", "år"]

fillers = st.lists(st.sampled_from(FILLER), max_size=3).map(" ".join)
casing = st.sampled_from([str.lower, str.capitalize, str.upper])


def phrase(*parts: str) -> str:
    return " ".join(p for p in parts if p)


@given(
    before=fillers, negation=st.sampled_from(NEGATIONS), word=st.sampled_from(DONE_WORDS), after=fillers, case=casing
)
def test_status_guess__negated_done_is_never_done(before, negation, word, after, case):
    guess = status_guess(case(phrase(before, negation, word, after)))
    assert guess.status != MeasureStatus.DONE
    assert guess.status is None and not guess.sure  # "not done" alone does not say what it is instead


@given(before=fillers, word=st.sampled_from(DONE_WORDS), after=fillers, case=casing)
def test_status_guess__plain_done_is_done(before, word, after, case):
    guess = status_guess(case(phrase(before, word, after)))
    assert (guess.status, guess.sure) == (MeasureStatus.DONE, True)


@given(
    negation=st.sampled_from(NEGATIONS),
    word=st.sampled_from(DONE_WORDS),
    tail=st.sampled_from(ONGOING_TAILS),
    joint=st.sampled_from([", ", "; ", " men ", ". "]),
)
def test_status_guess__not_done_but_ongoing_is_ongoing(negation, word, tail, joint):
    assert status_guess(f"{negation} {word} än{joint}{tail}").status == MeasureStatus.ONGOING


@given(negation=st.sampled_from(NEGATIONS), word=st.sampled_from(START_WORDS), after=fillers)
def test_status_guess__not_started_is_planned(negation, word, after):
    assert status_guess(phrase(negation, word, after)).status == MeasureStatus.PLANNED


@given(done=st.sampled_from(DONE_WORDS), tail=st.sampled_from(ONGOING_TAILS))
def test_status_guess__two_statuses_decide_nothing(done, tail):
    guess = status_guess(f"{done}, {tail}")
    assert guess.status is None and not guess.sure


@given(text=fillers)
def test_status_guess__text_without_a_status_word_decides_nothing(text):
    assert status_guess(text).status is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ej avslutad", None),
        ("Inte klar än, pågår", MeasureStatus.ONGOING),
        ("Ännu inte påbörjad", MeasureStatus.PLANNED),
        ("Avbruten i mars", MeasureStatus.STOPPED),
        ("Inte avbruten utan pågår", MeasureStatus.ONGOING),
        ("Pausad över sommaren", MeasureStatus.PAUSED),
        ("", None),
    ],
)
def test_status_guess__examples(text, expected):
    assert status_guess(text).status == expected


# --- saving and review -------------------------------------------------------------------------------

MINUTES = """Minnesanteckningar Trygghetsgruppen i Norrvik
Datum: 2024-03-12 kl. 18.00-19.30

1. Platssamverkan
Platssamverkan Torget
Problemområde\tÅtgärd/insats\tDeltagare\tSammankallande/ansvarig\tStatus/uppföljning
Nedskräpning\tStädning varje vecka\tFastighetsägare\tParkförvaltningen\tEj avslutad
Otrygg belysning\tNya armaturer vid gångtunneln\tKommunen\tTrafikkontoret\tInte klar än, pågår
"""


@pytest.fixture(autouse=True)
def _media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


def test_document_save__status_text_alone_changes_no_status(tmp_path, coordinator):
    path = tmp_path / "anteckningar.txt"
    path.write_text(MINUTES, encoding="utf-8")
    result = document_save(path=path, data=extract(path), actor=coordinator)
    for title, text in (("Städning varje vecka", "Ej avslutad"), ("Nya armaturer vid gångtunneln", "Inte klar")):
        measure = Measure.objects.get(title=title)
        assert measure.status == MeasureStatus.PLANNED  # as created; the text is only a follow-up
        assert measure.follow_ups.order_by("-id").first().text.startswith(text)
    assert any("Städning varje vecka" in w and "ändrades inte" in w for w in result.warnings)


def test_archive_review__shows_the_guess_and_applies_what_the_user_confirms(client, coordinator):
    client.force_login(coordinator)
    client.post("/arkiv/", {"documents": [SimpleUploadedFile("anteckningar.txt", MINUTES.encode())]})
    page = client.get("/arkiv/").content.decode()
    token = page.split('action="/arkiv/')[1].split("/spara/")[0]
    assert "Status för ”Städning varje vecka”" in page and "säger inte säkert" in page
    assert "tolkas som pågående" in page  # the guess for "Inte klar än, pågår"
    assert '<option value="ongoing" selected>' in page
    client.post(
        f"/arkiv/{token}/spara/",
        {
            f"{token}-token": token,
            f"{token}-forum": "Trygghetsgruppen i Norrvik",
            f"{token}-date": "2024-03-12",
            f"{token}-status_0_0": "",  # unsure: left as it is
            f"{token}-status_0_1": MeasureStatus.ONGOING,  # the guess, confirmed
        },
    )
    assert Measure.objects.get(title="Städning varje vecka").status == MeasureStatus.PLANNED
    assert Measure.objects.get(title="Nya armaturer vid gångtunneln").status == MeasureStatus.ONGOING


def test_archive_review__user_overrides_the_guess(client, coordinator):
    client.force_login(coordinator)
    client.post("/arkiv/", {"documents": [SimpleUploadedFile("anteckningar.txt", MINUTES.encode())]})
    token = client.get("/arkiv/").content.decode().split('action="/arkiv/')[1].split("/spara/")[0]
    client.post(
        f"/arkiv/{token}/spara/",
        {
            f"{token}-token": token,
            f"{token}-forum": "Trygghetsgruppen i Norrvik",
            f"{token}-date": "2024-03-12",
            f"{token}-status_0_0": MeasureStatus.PAUSED,
            f"{token}-status_0_1": "",
        },
    )
    assert Measure.objects.get(title="Städning varje vecka").status == MeasureStatus.PAUSED
    assert Measure.objects.get(title="Nya armaturer vid gångtunneln").status == MeasureStatus.PLANNED
