"""Control characters are stripped from every text a form cleans (issue 11, finding 15)."""

import hypothesis
from django import forms
from hypothesis import strategies as st

from tryggsam.core.forms import ControlCharacterFreeMixin
from tryggsam.core.text import _CONTROL, strip_control_characters


class _Form(ControlCharacterFreeMixin, forms.Form):
    title = forms.CharField(max_length=50)
    text = forms.CharField(required=False, widget=forms.Textarea)
    count = forms.IntegerField(required=False)


def test_strip_control_characters__keeps_tab_newline_and_letters():
    assert strip_control_characters("a\x00b\x01c\x0bd\x0ce\x1bf\x7fg\x85h\ufffei") == "abcdefghi"
    assert strip_control_characters("rad 1\r\nrad 2\tå ä ö – €") == "rad 1\r\nrad 2\tå ä ö – €"


def test_control_character_free_mixin__every_text_field_cleaned():
    form = _Form({"title": "Möte\x01 i\x0b rådet", "text": "Rad ett\x02\nRad två", "count": "3"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"title": "Möte i rådet", "text": "Rad ett\nRad två", "count": 3}


def test_control_character_free_mixin__required_text_of_control_characters_only_refused():
    form = _Form({"title": "\x01\x02\x03"})
    assert not form.is_valid()
    assert "title" in form.errors


@hypothesis.given(
    st.text(
        alphabet=st.characters(blacklist_categories=())
        | st.sampled_from(["\x00", "\x1f", "\x85", "\xa0", "\ufffe", "\ud800", "\n", "\t", "å", " "]),
        max_size=40,
    )
)
def test_strip_control_characters__the_printable_shortcut_changes_nothing(text):
    assert strip_control_characters(text) == _CONTROL.sub("", text)
