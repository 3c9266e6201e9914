"""Find the places named in a Swedish text.

Forgiving as a coordinator would be: any case, with or without diacritics (Alvsjo = Älvsjö),
inflected ("Liljeholmens centrum", "Västertorps"), user-defined abbreviations ("F/V/H"), former
area names and small misspellings ("Västertorpp"). So that ordinary prose does not turn into places:
place names (stations such as "Universitetet") and district names that are everyday words ("kista")
are only taken with a capital letter; a few words are everyday words first even at the start of a
sentence ("Stadion var full"); fuzzy matches need a capital letter, a long enough word and the same
number of words as the name, and are only tried where no exact or inflected name was found.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from django.db.models import Count, Max
from rapidfuzz import fuzz, process

from tryggsam.core.text import fold
from tryggsam.places.models import AliasKind, Area, AreaAlias, AreaLevel

MAX_WORDS = 4
FUZZY_MIN_LENGTH = 6
FUZZY_CUTOFF = 88.0
NEAR_MEMO_SIZE = 50_000
# A compound names a district only when the district's part and the rest are both this long at least
# ("Skärholmstorget", "Tenstaskolan"; not "Kistan").
COMPOUND_MIN_HEAD = 5
COMPOUND_MIN_REST = 4
_WORD = re.compile(r"\w+", re.UNICODE)
# Possessive and anchored at a word start: on a long run of letters without '/' each start is tried once.
_SLASHED = re.compile(r"(?<!\w)\w++(?:/\w++)+", re.UNICODE)
_JOINER = re.compile(r"[ \t]+|[ \t]*-[ \t]*")
# Endings stripped from the last word when the plain form is not a name: genitive and definite forms.
_SUFFIXES = ("s", "en", "ens", "et", "ets", "n", "ns")
_LEVEL_ORDER = {AreaLevel.PLACE: 0, AreaLevel.DISTRICT: 1, AreaLevel.DISTRICT_AREA: 2}
_KIND_ORDER = {"name": 0, AliasKind.ALTERNATE: 1, AliasKind.ABBREVIATION: 1, AliasKind.FORMER: 2}
# Names (folded) that are also everyday Swedish words. They are never taken in lower case or from a
# near spelling, nor inflected at the start of a sentence ("Kistan stod kvar").
_EVERYDAY_NAMES = frozenset(
    {
        "djurgarden",
        "gardet",
        "globen",
        "hoglandet",
        "kista",
        "nackrosen",
        "radhuset",
        "skrubba",
        "slussen",
        "stadion",
        "universitetet",
    }
)
# Of those, the ones that read as the everyday word even exactly at the start of a sentence.
_EVERYDAY_AT_SENTENCE_START = frozenset({"hoglandet", "nackrosen", "radhuset", "skrubba", "stadion", "universitetet"})
_SENTENCE_END = ".!?\n"
_LEADING_PUNCTUATION = " \t\"'«»“”(*•–—-"
# find_places() reads a long text in windows of about this many characters, cut at whitespace and
# overlapping by more than a name's length, so that the work grows linearly with the text.
WINDOW_CHARS = 2000
WINDOW_OVERLAP = 120


def _key(name: str) -> str:
    """Index key: folded words joined by single spaces; 'F/V/H' style abbreviations keep slashes."""
    folded = fold(name)
    if _SLASHED.fullmatch(folded.replace(" ", "")):
        return folded.replace(" ", "")
    return " ".join(_WORD.findall(folded))


@dataclass(frozen=True)
class PlaceMatch:
    area_id: int
    name: str
    level: str
    matched_text: str
    start: int
    end: int
    how: str  # "exact", "inflected", "abbreviation", "fuzzy", "compound"


@dataclass(frozen=True)
class _Entry:
    area_id: int
    name: str
    level: str
    kind: str

    @property
    def rank(self) -> tuple[int, int]:
        return (_KIND_ORDER[self.kind], _LEVEL_ORDER[AreaLevel(self.level)])


class Gazetteer:
    """An in-memory index of every area name and alias, keyed by folded name."""

    def __init__(self, entries: list[tuple[str, _Entry]]):
        self.by_name: dict[str, list[_Entry]] = {}
        for key, entry in entries:
            self.by_name.setdefault(key, []).append(entry)
        for key in self.by_name:
            self.by_name[key].sort(key=lambda e: e.rank)
        self.fuzzy_keys: dict[int, list[str]] = {}
        for k in self.by_name:
            if len(k) >= FUZZY_MIN_LENGTH and "/" not in k:
                self.fuzzy_keys.setdefault(k.count(" ") + 1, []).append(k)
        self.first_words = {k.split(" ", 1)[0] for k in self.by_name if " " in k}
        # Every inflected form of a name (name + an ending of `_SUFFIXES`) → the name, the first ending in
        # `_SUFFIXES` order winning where two readings give the same text: the answer of trying each
        # ending on the text (`_stem_by_endings`), found with one dict lookup.
        self.inflected: dict[str, str] = {}
        for suffix in _SUFFIXES:
            for k in self.by_name:
                if len(k) >= 3:
                    self.inflected.setdefault(k + suffix, k)
        # Near spellings already decided (folded text → index key or None), and the names worth scoring
        # per (words, length): the same words recur in every document of an archive.
        self._near: dict[str, str | None] = {}
        self._length_buckets: dict[tuple[int, int], list[str]] = {}
        self._folded: dict[str, str] = {}
        # Compound heads: one-word district and district-area names, and their stems before a Swedish
        # compound ("Liljeholmen" → "liljeholm", as in "Liljeholmstorget"), for words nothing else names.
        self.compound_heads: dict[str, list[_Entry]] = {}
        for key, indexed in self.by_name.items():
            named = [e for e in indexed if e.kind == "name" and e.level != AreaLevel.PLACE]
            if " " in key or "/" in key or len(key) < COMPOUND_MIN_HEAD or key in _EVERYDAY_NAMES or not named:
                continue
            for head in {key, *(key[: -len(end)] for end in ("en", "n", "e", "a") if key.endswith(end))}:
                if len(head) >= COMPOUND_MIN_HEAD:
                    self.compound_heads.setdefault(head, named)

    @classmethod
    def from_database(cls) -> Gazetteer:
        entries: list[tuple[str, _Entry]] = []
        levels = {}
        for area_id, name, level in Area.objects.values_list("id", "name", "level"):
            levels[area_id] = (name, level)
            entries.append((_key(name), _Entry(area_id, name, level, "name")))
        for area_id, alias, kind in AreaAlias.objects.values_list("area_id", "name", "kind"):
            name, level = levels[area_id]
            entries.append((_key(alias), _Entry(area_id, name, level, kind)))
        return cls(entries)

    def _lookup(self, key: str, original: str, *, fuzzy: bool) -> tuple[list[_Entry], str, str] | None:
        """(entries, how, index key) for a window of text; exact and inflected forms, or else (when
        `fuzzy`) a close spelling of a name with as many words."""
        if not fuzzy:
            if key in self.by_name:
                return self.by_name[key], "exact", key
            stem = self.inflected.get(key)
            return (self.by_name[stem], "inflected", stem) if stem is not None else None
        if not original[:1].isupper() or len(key) < FUZZY_MIN_LENGTH:
            return None
        if key not in self._near:
            if len(self._near) >= NEAR_MEMO_SIZE:
                self._near.clear()
            self._near[key] = self._near_spelling(key)
        name_key = self._near[key]
        return (self.by_name[name_key], "fuzzy", name_key) if name_key is not None else None

    def _stem_by_endings(self, key: str) -> str | None:
        """The name `key` inflects, by trying each ending in turn (what `inflected` holds, kept as the
        reference a test compares with)."""
        for suffix in _SUFFIXES:
            stem = key[: -len(suffix)]
            if key.endswith(suffix) and len(stem) >= 3 and stem in self.by_name:
                return stem
        return None

    def _fold(self, word: str) -> str:
        """fold(word), remembered: the same words recur in every document of an archive."""
        folded = self._folded.get(word)
        if folded is None:
            if len(self._folded) >= NEAR_MEMO_SIZE:
                self._folded.clear()
            folded = self._folded[word] = fold(word)
        return folded

    def _near_spelling(self, key: str) -> str | None:
        """The index key `key` is a near spelling of: the best-scoring name with as many words (the
        first of equals in index order), taken only when it begins with the same letter. Only names
        of a length that can reach the cut-off are scored (`_near_candidates`): the same answer as
        scoring every name, for a fraction of the work."""
        candidates = self._near_candidates(key.count(" ") + 1, len(key))
        if not candidates:
            return None
        best = process.extractOne(key, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return best[0] if best and best[0][:1] == key[:1] else None

    def _near_candidates(self, words: int, length: int) -> list[str]:
        """The names of `words` words, in index order, whose length lets fuzz.ratio reach
        FUZZY_CUTOFF against a key of `length` characters: the ratio is at most
        200·min(a, b)/(a + b) for lengths a and b (an insertion or deletion per extra character)."""
        cached = self._length_buckets.get((words, length))
        if cached is None:
            cached = [
                k
                for k in self.fuzzy_keys.get(words, [])
                if 200.0 * min(length, len(k)) / (length + len(k)) >= FUZZY_CUTOFF - 1e-9
            ]
            self._length_buckets[(words, length)] = cached
        return cached

    def _abbreviations(self, text: str) -> list[PlaceMatch]:
        matches = []
        for m in _SLASHED.finditer(text):
            for entry in self.by_name.get(_key(m.group()), []):
                if entry.kind == AliasKind.ABBREVIATION:
                    matches.append(
                        PlaceMatch(
                            entry.area_id, entry.name, entry.level, m.group(), m.start(), m.end(), "abbreviation"
                        )
                    )
        return matches

    def find(self, text: str) -> list[PlaceMatch]:
        matches = self._abbreviations(text)
        words = [(w.group(), w.start(), w.end()) for w in _WORD.finditer(text)]
        folded = [self._fold(w[0]) for w in words]
        taken = _covered(words, [(p.start, p.end) for p in matches])
        for fuzzy in (False, True):
            for size in range(MAX_WORDS, 0, -1):
                for i in range(len(words) - size + 1):
                    if size > 1 and not fuzzy and folded[i] not in self.first_words:
                        continue  # no name of several words starts with this word
                    if fuzzy and not words[i][0][:1].isupper():
                        continue  # near spellings are only taken with a capital letter (see _lookup)
                    if any(taken[i : i + size]):
                        continue
                    if fuzzy and not self._near_candidates(size, sum(map(len, folded[i : i + size])) + size - 1):
                        continue  # no name of as many words is near in length (see _lookup)
                    window = words[i : i + size]
                    start, end = window[0][1], window[-1][2]
                    if any(not _JOINER.fullmatch(text[w[2] : n[1]]) for w, n in itertools.pairwise(window)):
                        continue  # a name's words are joined by spaces or a hyphen, not by punctuation
                    original = text[start:end]
                    found = self._lookup(" ".join(folded[i : i + size]), original, fuzzy=fuzzy)
                    if found is None:
                        continue
                    entries, how, name_key = found
                    best = _as_name(text, start, original, how, name_key, entries)
                    if best is None:
                        continue
                    taken[i : i + size] = [True] * size
                    matches.append(PlaceMatch(best.area_id, best.name, best.level, original, start, end, how))
        matches.extend(self._compounds(words, folded, taken))
        matches.sort(key=lambda p: p.start)
        return matches

    def _compounds(self, words: list[tuple[str, int, int]], folded: list[str], taken: list[bool]) -> list[PlaceMatch]:
        """A capitalised word that nothing else named and that begins with a district's name or its stem
        (a linking "s" allowed) names that district: "Liljeholmstorget", "Vällingbyskolan". The
        longest head wins; the work per word is bounded by its length."""
        found = []
        for i, (word, start, end) in enumerate(words):
            key = folded[i]
            if taken[i] or not word[:1].isupper() or not COMPOUND_MIN_HEAD + COMPOUND_MIN_REST <= len(key) <= 60:
                continue  # (a run of letters longer than any place name is no compound: work stays linear)
            for cut in range(len(key) - COMPOUND_MIN_REST, COMPOUND_MIN_HEAD - 1, -1):
                entries = self.compound_heads.get(key[:cut])
                if entries:
                    entry = entries[0]
                    found.append(PlaceMatch(entry.area_id, entry.name, entry.level, word, start, end, "compound"))
                    break
        return found


def _as_name(text: str, start: int, original: str, how: str, name_key: str, entries: list[_Entry]) -> _Entry | None:
    """The best area the words at `start` name, or None when they read as an everyday word."""
    everyday = name_key in _EVERYDAY_NAMES
    if everyday and how == "fuzzy":
        return None
    if not original[:1].isupper():
        return None if everyday else next((e for e in entries if e.level != AreaLevel.PLACE), None)
    if everyday and (how != "exact" or name_key in _EVERYDAY_AT_SENTENCE_START):
        i = start
        while i > 0 and text[i - 1] in _LEADING_PUNCTUATION:
            i -= 1
        if i == 0 or text[i - 1] in _SENTENCE_END:
            return None
    return entries[0]


def _covered(words: list[tuple[str, int, int]], spans: list[tuple[int, int]]) -> list[bool]:
    """For each word (in text order), whether it overlaps one of `spans`; one pass over both."""
    spans = sorted(spans)
    out, k = [], 0
    for _word, start, end in words:
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        out.append(any(s < end and start < e for s, e in spans[k : k + 2]))
    return out


def windows(text: str, size: int = WINDOW_CHARS, overlap: int = WINDOW_OVERLAP) -> list[tuple[int, str]]:
    """(offset, piece) windows of `text`: whole lines where they are short, long lines cut at whitespace
    into pieces of about `size` characters that overlap by `overlap` characters."""
    out: list[tuple[int, str]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        start, end_of_line = 0, len(line)
        while start < end_of_line:
            end = min(start + size, end_of_line)
            if end < end_of_line:
                cut = line.rfind(" ", start + size // 2, end)
                end = cut if cut > start else end
            out.append((offset + start, line[start:end]))
            if end >= end_of_line:
                break
            back = line.find(" ", max(end - overlap, start + 1), end)
            start = back + 1 if back > start else end
        offset += end_of_line
    return out


@lru_cache(maxsize=1)
def _cached(signature: tuple) -> Gazetteer:
    return Gazetteer.from_database()


def current_gazetteer() -> Gazetteer:
    """The gazetteer for the current names; rebuilt when areas or aliases change."""
    sig_a = Area.objects.aggregate(n=Count("id"), t=Max("updated_at"))
    sig_b = AreaAlias.objects.aggregate(n=Count("id"), t=Max("updated_at"))
    return _cached((sig_a["n"], sig_a["t"], sig_b["n"], sig_b["t"]))


def find_places(text: str, *, gazetteer: Gazetteer | None = None) -> list[PlaceMatch]:
    """The areas named in `text`, in order of appearance; one match per mention. A caller reading many
    texts at once (an import) passes the `gazetteer` it took once, which saves asking whether the names
    changed for every text."""
    if not text or not text.strip():
        return []
    if gazetteer is None:
        gazetteer = current_gazetteer()
    found: list[PlaceMatch] = []
    covered_until = 0
    for offset, piece in windows(text):
        read_before = covered_until
        for m in gazetteer.find(piece):
            if m.start + offset < read_before:
                continue  # words already read in the overlap with the window before
            found.append(m if not offset else replace(m, start=m.start + offset, end=m.end + offset))
            covered_until = max(covered_until, m.end + offset)
    return found
