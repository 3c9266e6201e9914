"""Random, damaged and hostile input: extract() either returns the full structure or refuses with
UnreadableDocument, and the command exits with code 2 and one Swedish line."""

import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import SHARED
from tests.documents.builders import blocks_of, build_docx, build_odt, build_pdf
from tests.documents.conftest import SEEDS
from tests.documents.test_seeds import KEYS
from tryggsam.documents.errors import UnreadableDocument
from tryggsam.documents.extract import extract

FUZZ = settings(
    database=None,
    max_examples=int(os.environ.get("DOCUMENTS_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
FRAGMENTS = [
    "Närvarande:", "Kallade", "Frånvarande:", "Deltagare:", "Tidpunkt:", "Plats:", "Tid:", "Datum:", "Mål:",
    "Syfte:", "Prioriterade aktiviteter", "Polisens kontakt", "Stadsdelsförvaltningens", "kontakt", "Uppföljning",
    "1.", "2.", "§ 3", "### **4. Rubrik**", "Platssamverkan Torget", "Problemområde\tÅtgärd/insats\tDeltagare",
    "Utvecklingsområde | Åtgärd | Ansvarig | Status", "Anna Ek\tKommunpolis", "Bo Berg, fältassistent",
    "Fredagen den 22 februari", "den 1/6", "kl. 9-11", "2021-13-45", "31/2", "Kommande möten",
    "Nästa möte är den 12 maj klockan 13-15,", "Kontakt:", "08-508 22 030", "a@b.se", "<ul><li>x</li></ul>",
    "**", "[t](u)", "\\_", "-", "•", "  ", "\t", "\n", "\n\n", "beslutade att", "Beslut:", "ö", "Å",
]  # fmt: skip


def _check(path: Path) -> None:
    try:
        result = extract(path)
    except UnreadableDocument as exc:
        assert exc.message and "\n" not in exc.message
        return
    # A citizen promise also carries its plan (period, situation, follow-up); nothing else does.
    assert set(result) == (KEYS | {"plan"} if result["kind"] == "citizen_promise" else KEYS), sorted(result)
    json.dumps(result, ensure_ascii=False)
    assert not any(w.startswith("Delen") for w in result["warnings"]), result["warnings"]


@FUZZ
@given(text=st.text(max_size=2000), suffix=st.sampled_from([".txt", ".md", ""]))
@example(text="Medborgarlöfte", suffix=".txt")  # found with 4 000 examples: a citizen promise has a plan
def test_extract__random_text_never_crashes(tmp_path, text, suffix):
    path = tmp_path / f"slump{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _check(path)


@FUZZ
@given(parts=st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=120))
def test_extract__random_minutes_like_text_never_crashes(tmp_path, parts):
    path = tmp_path / "liknande.txt"
    path.write_text(" ".join(parts).replace("\x00", ""), encoding="utf-8", errors="surrogatepass")
    _check(path)


@FUZZ
@given(raw=st.binary(max_size=4000), suffix=st.sampled_from([".pdf", ".docx", ".odt", ".txt"]))
def test_extract__random_bytes_never_crash(tmp_path, raw, suffix):
    path = tmp_path / f"slump{suffix}"
    path.write_bytes(raw)
    _check(path)


@pytest.fixture(scope="module")
def built_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("byggda")
    blocks = blocks_of(SHARED / "seeds" / SEEDS["004"])
    return {
        "docx": build_docx(blocks, folder / "m.docx").read_bytes(),
        "pdf": build_pdf(blocks, folder / "m.pdf").read_bytes(),
        "odt": build_odt(blocks, folder / "m.odt").read_bytes(),
    }


@FUZZ
@given(fmt=st.sampled_from(["docx", "pdf", "odt"]), cut=st.floats(0.0, 1.0), flips=st.lists(st.integers(0, 10**6)))
def test_extract__truncated_and_damaged_files_never_crash(tmp_path, built_files, fmt, cut, flips):
    raw = bytearray(built_files[fmt][: int(len(built_files[fmt]) * cut)])
    for position in flips:
        if raw:
            raw[position % len(raw)] ^= 0x5A
    path = tmp_path / f"trasig.{fmt}"
    path.write_bytes(bytes(raw))
    _check(path)


def _bomb(name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(name, b" " * (200 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(("suffix", "member"), [(".docx", "word/document.xml"), (".odt", "content.xml")])
def test_extract__zip_bomb_is_refused(tmp_path, suffix, member):
    path = tmp_path / f"bomb{suffix}"
    path.write_bytes(_bomb(member))
    with pytest.raises(UnreadableDocument, match="zip-bomb"):
        extract(path)


def _command(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_document", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), str(exc)
    return 0, out.getvalue(), err.getvalue()


def test_import_document__dry_run_prints_one_json_object(seed):
    code, out, err = _command(str(seed("004")), "--dry-run", "--json")
    assert code == 0 and err == ""
    result = json.loads(out)
    assert set(result) == KEYS and result["meeting"]["date"] == "2019-02-22"
    assert "Telefonvägen" in out  # not escaped: ensure_ascii=False


@pytest.mark.parametrize(
    ("name", "raw"),
    [("tom.txt", b""), ("slump.pdf", bytes(range(256)) * 8), ("trasig.docx", b"PK\x03\x04trasig"), ("b.odt", None)],
)
def test_import_document__unreadable_input_exits_2_with_one_swedish_line(tmp_path, name, raw):
    path = tmp_path / name
    path.write_bytes(_bomb("content.xml") if raw is None else raw)
    code, out, err = _command(str(path), "--dry-run", "--json")
    assert code == 2 and out == ""
    assert err.count("\n") <= 1 and err.startswith("Dokumentet kan inte läsas:")


@FUZZ
@given(raw=st.binary(max_size=600))
def test_import_document__random_bytes_exit_0_or_2(tmp_path, raw):
    path = tmp_path / "slump.docx"
    path.write_bytes(raw)
    code, out, _err = _command(str(path), "--dry-run", "--json")
    assert (code, bool(out)) in ((0, True), (2, False))
