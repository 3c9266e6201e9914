"""The gazetteer folds a word in ASCII by lower-casing it; that must be what `fold` gives."""

import hypothesis
from hypothesis import strategies as st

from tryggsam.core.text import fold
from tryggsam.places.gazetteer import _WORD


@hypothesis.given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=30))
def test_fold__of_an_ascii_word_is_its_lower_case(text):
    for word in _WORD.findall(text):
        assert word.isascii()
        assert fold(word) == word.lower()
