"""The near-spelling pass scores only names whose length can reach the cut-off, and remembers what it
decided: it must find exactly what scoring every name each time finds (the pass as it was)."""

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from tryggsam.places.gazetteer import FUZZY_CUTOFF, FUZZY_MIN_LENGTH, Gazetteer, _Entry, _key
from tryggsam.places.models import AreaLevel

# Our own list: districts with neighbours of similar spelling, names of several words, a place, an
# everyday word and an abbreviation, so that near spellings can be ambiguous.
NAMES = [
    ("Västertorp", AreaLevel.DISTRICT), ("Västberga", AreaLevel.DISTRICT), ("Hägersten", AreaLevel.DISTRICT),
    ("Hägerstensåsen", AreaLevel.DISTRICT), ("Fruängen", AreaLevel.DISTRICT), ("Liljeholmen", AreaLevel.DISTRICT),
    ("Enskede", AreaLevel.DISTRICT), ("Enskededalen", AreaLevel.DISTRICT), ("Gamla Enskede", AreaLevel.DISTRICT),
    ("Hässelby Gård", AreaLevel.DISTRICT), ("Hässelby Strand", AreaLevel.DISTRICT),
    ("Hässelby Villastad", AreaLevel.DISTRICT), ("Bromma Kyrka", AreaLevel.DISTRICT), ("Bromsten", AreaLevel.DISTRICT),
    ("Skärholmen", AreaLevel.DISTRICT), ("Sätra", AreaLevel.DISTRICT), ("Bredäng", AreaLevel.DISTRICT),
    ("Vällingby", AreaLevel.DISTRICT), ("Rinkeby", AreaLevel.DISTRICT), ("Tensta", AreaLevel.DISTRICT),
    ("Kista", AreaLevel.DISTRICT), ("Husby", AreaLevel.DISTRICT), ("Akalla", AreaLevel.DISTRICT),
    ("Farsta Strand", AreaLevel.DISTRICT), ("Farsta", AreaLevel.DISTRICT), ("Hammarbyhöjden", AreaLevel.DISTRICT),
    ("Hammarby Sjöstad", AreaLevel.DISTRICT), ("Södra Hammarbyhamnen", AreaLevel.DISTRICT),
    ("Skärholmens centrum", AreaLevel.PLACE), ("Universitetet", AreaLevel.PLACE), ("Stadion", AreaLevel.PLACE),
    ("Hägersten-Älvsjö", AreaLevel.DISTRICT_AREA), ("Östra Söderort", AreaLevel.DISTRICT_AREA),
]  # fmt: skip
ALIASES = [("F/V/H", "abbreviation", 0), ("Hägerstensåsens", "alternate", 3), ("Mälarhöjdens", "former", 2)]
FILLER = ["mötet", "Polisen", "Rådet", "och", "vid", "Skolan", "Centrum", "Kvällen", "Bostadsbolaget", "i", "från"]


def _entries() -> list[tuple[str, _Entry]]:
    entries = [(_key(name), _Entry(n, name, level, "name")) for n, (name, level) in enumerate(NAMES, start=1)]
    for alias, kind, index in ALIASES:
        name, level = NAMES[index]
        entries.append((_key(alias), _Entry(index + 1, name, level, kind)))
    return entries


class _EveryName(Gazetteer):
    """The pass as it was: every name of as many words scored, for every window, nothing remembered."""

    def _near_candidates(self, words: int, length: int) -> list[str]:
        return self.fuzzy_keys.get(words, [])

    def _lookup(self, key, original, *, fuzzy):
        if not fuzzy:
            return super()._lookup(key, original, fuzzy=False)
        candidates = self.fuzzy_keys.get(key.count(" ") + 1)
        if original[:1].isupper() and len(key) >= FUZZY_MIN_LENGTH and candidates:
            best = process.extractOne(key, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if best and best[0][:1] == key[:1]:
                return self.by_name[best[0]], "fuzzy", best[0]
        return None


NEW, OLD = Gazetteer(_entries()), _EveryName(_entries())  # NEW keeps its memory across examples


@st.composite
def misspelt(draw) -> str:
    """A name with one or two small slips: a letter changed, dropped, doubled or added."""
    word = draw(st.sampled_from([name for name, _level in NAMES] + [a for a, _k, _i in ALIASES]))
    for _ in range(draw(st.integers(1, 2))):
        i = draw(st.integers(0, len(word) - 1))
        slip = draw(st.sampled_from(["change", "drop", "double", "add"]))
        letter = draw(st.sampled_from("aeioröåäsnltpr"))
        word = {
            "change": word[:i] + letter + word[i + 1 :],
            "drop": word[:i] + word[i + 1 :],
            "double": word[:i] + word[i] + word[i:],
            "add": word[:i] + letter + word[i:],
        }[slip] or word
    return draw(st.sampled_from([word, word.lower(), word.upper(), word[:1].upper() + word[1:]]))


TOKENS = st.one_of(
    st.sampled_from([name for name, _level in NAMES]),
    misspelt(),
    st.sampled_from(FILLER),
    st.text(alphabet="abcdefghijklmnoprstuvyåäöAEHKLSTVÖ", min_size=1, max_size=16),
)
JOINERS = st.sampled_from([" ", " ", " ", "  ", "-", " - ", ", ", ". ", "\n", "s ", "ens "])


@settings(max_examples=400, deadline=None, database=None)
@given(parts=st.lists(st.tuples(TOKENS, JOINERS), max_size=40))
def test_near_spelling__prefilter_and_memory_find_what_scoring_every_name_finds(parts):
    text = "".join(token + joiner for token, joiner in parts)
    assert NEW.find(text) == OLD.find(text)


@settings(max_examples=300, deadline=None, database=None)
@given(word=misspelt())
def test_near_spelling__a_single_misspelt_name_the_same_as_before(word):
    text = f"Vi gick genom {word} i kväll."
    assert NEW.find(text) == OLD.find(text)


def test_near_spelling__still_found_and_remembered():
    text = "Belysningen i Västertorpp och Hässelby Strnd ska ses över."
    found = [(m.name, m.how) for m in NEW.find(text)]
    assert found == [("Västertorp", "fuzzy"), ("Hässelby Strand", "fuzzy")]
    assert NEW._near["vastertorpp"] == "vastertorp"
    assert [(m.name, m.how) for m in NEW.find(text)] == found
