"""The select widgets that write their options in Python give exactly Django's template output."""

import pytest
from django import forms
from django.utils.safestring import mark_safe

from tryggsam.core import widgets

CHOICES = [
    ("", "---------"),
    (1, "Söder & Öster <b>"),
    ("Stadsdelar", [(2, "Kungsholmen"), (3, 'Citat "här"')]),
    ("Grupp <x>", [(4, mark_safe("<i>säker</i>")), ("a&b", "Värde med tecken")]),
    (5, "Sist"),
]


@pytest.mark.parametrize(
    ("ours", "django", "value"),
    [
        (widgets.Select, forms.Select, None),
        (widgets.Select, forms.Select, 3),
        (widgets.Select, forms.Select, "a&b"),
        (widgets.SelectMultiple, forms.SelectMultiple, [1, 4]),
        (widgets.SelectMultiple, forms.SelectMultiple, []),
    ],
)
@pytest.mark.parametrize("attrs", [None, {"class": "wide", "required": True, "disabled": False, "data-x": 'a"b'}])
def test_select__renders_like_django(ours, django, value, attrs):
    fast = ours(choices=CHOICES, attrs={"id": "id_area"}).render("area", value, attrs=attrs)
    slow = django(choices=CHOICES, attrs={"id": "id_area"}).render("area", value, attrs=attrs)
    assert fast == slow


def test_select__in_a_form_renders_like_django():
    class Ours(forms.Form):
        area = forms.ChoiceField(choices=CHOICES, widget=widgets.Select, required=False)

    class Django(forms.Form):
        area = forms.ChoiceField(choices=CHOICES, required=False)

    assert str(Ours(initial={"area": 2})["area"]) == str(Django(initial={"area": 2})["area"])
    assert str(Ours({"area": "9"})) == str(Django({"area": "9"}))


def test_select__labels_that_are_not_text_go_the_template_way():
    choices = [(1, 1234567), (2, "text")]
    assert widgets.Select(choices=choices).render("n", 1) == forms.Select(choices=choices).render("n", 1)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_select__lazy_labels_written_in_the_active_language_like_django(language):
    from django.utils import translation
    from django.utils.translation import gettext_lazy

    choices = [("a", gettext_lazy("Roll i forumet")), ("b", gettext_lazy("Namn")), ("c", "Text & <b>")]
    with translation.override(language):
        fast = widgets.Select(choices=choices).render("role", "b", attrs={"id": "id_role"})
        assert fast == forms.Select(choices=choices).render("role", "b", attrs={"id": "id_role"})
    assert '<option value="b" selected>' in fast
