"""Issue 13, review screen: for every corpus document the review shows what was read (kind, title, the
meeting's date with the line it came from, attendance, next meetings) and what was not (warnings that
name the line, lines that fed no fact). The corpus is read from ../shared at run time."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils.html import escape

from tryggsam.documents.extract import extract, extract_for_review
from tryggsam.documents.parsing.kinds import KIND_LABELS

LINE_NAMED = re.compile(r"^rad \d+: ")
# Warnings about a date or a person: each stands on a line of the document and must name it.
ABOUT_A_LINE = (
    "Året saknas",
    "datumet",
    "Datumet",
    "deltog",
    "deltagarlistan",
    "Deltagartabellen",
    "vara dokumentets rubrik",
)


@pytest.fixture(autouse=True)
def _media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


def corpus_files(shared_dir):
    return sorted((shared_dir / "corpus" / "documents").glob("*.txt"))


@pytest.fixture
def corpus_file(shared_dir, request):
    return next((shared_dir / "corpus" / "documents").glob(f"{request.param}_*.txt"))


def review_page(client, path) -> str:
    response = client.post("/arkiv/", {"documents": [SimpleUploadedFile(path.name, path.read_bytes())]})
    assert response.status_code == 302
    return client.get("/arkiv/").content.decode()


@pytest.mark.parametrize("corpus_file", [f"{n:02d}" for n in range(1, 18)], indirect=True)
def test_review__corpus_document_shows_what_was_read_and_names_lines(client, coordinator, corpus_file):
    data, review = extract_for_review(corpus_file)
    client.force_login(coordinator)
    page = review_page(client, corpus_file)
    assert escape(str(KIND_LABELS[data["kind"]])) in page
    assert data["title"] and escape(data["title"]) in page
    date = data["meeting"]["date"]
    if date:
        assert review["lines"]["date"] is not None
        assert f"{date}" in page and f"från rad {review['lines']['date']}" in page
    else:
        assert "Mötets datum</dt><dd>inte läst" in page
    if not data["attendees"]:
        assert "okänd – dokumentet har ingen närvarolista" in page
    for meeting in data["next_meetings"]:
        assert meeting["date"] in page
    for warning in data["warnings"]:
        assert escape(warning) in page
        if any(word in warning for word in ABOUT_A_LINE):
            assert LINE_NAMED.match(warning), warning
    lines = corpus_file.read_text(encoding="utf-8").splitlines()
    for unread in review["unread"]:
        assert f"rad {unread['line']}: " in page
        assert lines[unread["line"] - 1].strip()  # a real line of the file, never a blank one
    if review["unread"]:
        assert "Inte läst:" in page


def line_of(path, fragment: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if fragment in line)


@pytest.mark.parametrize("corpus_file", ["02"], indirect=True)
def test_review__02_header_date_is_named_with_its_line_and_not_saved(corpus_file):
    result = extract(corpus_file)
    assert result["meeting"]["date"] is None
    assert any(w.startswith("rad 1: datumet 2015-03-12") for w in result["warnings"])


@pytest.mark.parametrize("corpus_file", ["17"], indirect=True)
def test_review__17_count_warning_names_its_line(corpus_file):
    result = extract(corpus_file)
    line = line_of(corpus_file, "40 personer")
    assert any(w.startswith(f"rad {line}: ") and "40" in w for w in result["warnings"])


@pytest.mark.parametrize("corpus_file", ["01", "05", "06", "08"], indirect=True)
def test_review__meeting_date_line_holds_the_date(corpus_file):
    data, review = extract_for_review(corpus_file)
    line = corpus_file.read_text(encoding="utf-8").splitlines()[review["lines"]["date"] - 1]
    year, month, day = data["meeting"]["date"].split("-")
    assert data["meeting"]["date"] in line or year in line or f"{year[2:]}{month}{day}" in line


# --- own texts: the mechanism, independent of the corpus ------------------------------------------


def write(tmp_path, text: str, name: str = "dokument.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_lines__lone_date_warning_names_its_line_after_blank_lines(tmp_path):
    text = "Anteckningar Trygghetsgruppen Väster\n\n\n2019-04-02\n\n1. Läget på torget\nLugnt sedan i våras.\n"
    result = extract(write(tmp_path, text))
    assert result["meeting"]["date"] is None
    assert any(w.startswith("rad 4: Datumet 2019-04-02") for w in result["warnings"])


def test_lines__flattened_page_keeps_its_line_for_every_piece(tmp_path):
    text = (
        "Sidhuvud\n"
        "Protokoll Trygghetsrådet Sammanträdesdag 2018-10-03 Tid: 18.00 – 19.30 Plats: Biblioteket "
        "Närvarande: Eva Berg, Omar Ali, Lisa Sten 1. Mötets öppnande Ordföranden hälsade välkommen. "
        "2. Läget i centrum Skadegörelsen har minskat.\n"
    )
    data, review = extract_for_review(write(tmp_path, text))
    assert data["meeting"]["date"] == "2018-10-03"
    assert review["lines"]["date"] == 2


def test_lines__unread_lines_are_listed_with_their_numbers_and_chrome_is_not(tmp_path):
    text = (
        "Minnesanteckningar Trygghetsgruppen Öster 2020-02-11\n"
        "Lyssna\n"
        "Närvarande: Eva Berg, Omar Ali\n\n"
        "Vi saknade kaffe den här gången.\n\n"
        "1. Läget i området\n"
        "Det har varit lugnt.\n"
    )
    _data, review = extract_for_review(write(tmp_path, text))
    assert review["unread"] == [{"line": 5, "text": "Vi saknade kaffe den här gången."}]
    assert review["lines"] == {"title": 1, "date": 1}


def test_lines__unread_line_text_is_masked(tmp_path):
    text = "Minnesanteckningar Trygghetsgruppen 2020-02-11\n\nMin granne 19121212-1212 undrade.\n"
    _data, review = extract_for_review(write(tmp_path, text))
    assert review["unread"] and not any("1212" in u["text"] for u in review["unread"])
