"""Text helpers shared by the gazetteer, importers and name matching."""

import re
import unicodedata

_WS = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s/]+")


def fold(text: str) -> str:
    """Lower-case, strip diacritics (å→a, ä→a, ö→o, é→e) and collapse whitespace."""
    if text.isascii():  # the same result: ASCII has no diacritics and casefolds as lower()
        return _WS.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WS.sub(" ", stripped).strip()


def fold_words(text: str) -> str:
    """fold() and drop punctuation except '/' (used in abbreviations like F/V/H)."""
    return _WS.sub(" ", _NON_WORD.sub(" ", fold(text))).strip()


def display_name(raw: str) -> str:
    """'HÄSSELBY GÅRD' -> 'Hässelby gård'; leaves mixed-case names alone."""
    if raw.isupper():
        return raw[:1] + raw[1:].lower()
    return raw


# Swedish alphabetical order: å, ä, ö come after z (and in that order), whatever the locale of the server.
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}"})  # the three after "z"


def swedish_sort_key(text: str) -> str:
    """A key that sorts names as a Swedish reader expects: Åkeshov before Älvsjö before Örby, after Z;
    other accents sort as their letter (é as e)."""
    return fold(text.casefold().translate(_SWEDISH_ORDER))


# Control characters have no place in stored text and break the documents made from it (XML, which
# DOCX is, refuses \x01 and \x0b). Tab, newline and carriage return are kept; other C0 and C1
# characters, DEL and the non-characters U+FFFE/U+FFFF go.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def strip_control_characters(text: str) -> str:
    """`text` without control characters (tab, newline and carriage return are kept). Linear. Every
    character stripped is one `str.isprintable` refuses, so a printable text (most are) is returned after
    that one quick scan."""
    if text.isprintable():
        return text
    return _CONTROL.sub("", text)
