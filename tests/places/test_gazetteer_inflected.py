"""The gazetteer finds an inflected name ("Liljeholmens", "Kistan") with one lookup in a table of every
name's inflected forms: it must find what trying each ending in turn finds (the lookup as it was)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.places.test_gazetteer_near_spelling import FILLER, JOINERS, NAMES
from tryggsam.places.gazetteer import _SUFFIXES, Gazetteer, _Entry, _key
from tryggsam.places.models import AreaLevel

# Names that are each other's inflected forms, and short ones (a stem needs three letters).
MORE = [("Ås", AreaLevel.PLACE), ("Åsen", AreaLevel.DISTRICT), ("Ösby", AreaLevel.PLACE), ("Kistan", AreaLevel.PLACE),
        ("Tenstas", AreaLevel.PLACE), ("Bergen", AreaLevel.DISTRICT), ("Berg", AreaLevel.PLACE), ("Berge", AreaLevel.PLACE)]  # fmt: skip
ALL = NAMES + MORE


class _ByEndings(Gazetteer):
    """The lookup as it was: each ending of `_SUFFIXES` tried in turn on the text."""

    def _lookup(self, key, original, *, fuzzy):
        if fuzzy or key in self.by_name:
            return super()._lookup(key, original, fuzzy=fuzzy)
        stem = self._stem_by_endings(key)
        return (self.by_name[stem], "inflected", stem) if stem is not None else None


def _entries() -> list[tuple[str, _Entry]]:
    return [(_key(name), _Entry(n, name, level, "name")) for n, (name, level) in enumerate(ALL, start=1)]


NEW, OLD = Gazetteer(_entries()), _ByEndings(_entries())
ENDINGS = st.lists(st.sampled_from([*_SUFFIXES, "a", "e"]), max_size=3).map("".join)


@settings(max_examples=500, deadline=None, database=None)
@given(name=st.sampled_from([_key(n) for n, _level in ALL] + ["a", "ab", "abc", ""]), endings=ENDINGS)
def test_inflected__the_table_gives_the_stem_trying_each_ending_gives(name, endings):
    key = name + endings
    if key not in NEW.by_name:
        assert NEW.inflected.get(key) == NEW._stem_by_endings(key)


@settings(max_examples=300, deadline=None, database=None)
@given(
    parts=st.lists(
        st.tuples(
            st.one_of(st.sampled_from([n for n, _level in ALL]), st.sampled_from(FILLER)),
            ENDINGS,
            st.sampled_from([str.lower, str.upper, str.title, str]),
            JOINERS,
        ),
        max_size=20,
    )
)
def test_inflected__find_finds_what_it_found_before(parts):
    text = "".join(case(token + endings) + joiner for token, endings, case, joiner in parts)
    assert NEW.find(text) == OLD.find(text)
