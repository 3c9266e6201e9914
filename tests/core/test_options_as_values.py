"""A model choice whose options are read as values (id and label columns) offers and renders exactly
what the same field reading model instances does."""

import pytest
from django import forms
from django.db.models import QuerySet

from tests.factories import MembershipFactory, OrganisationFactory
from tryggsam.accounts.models import Organisation, User
from tryggsam.core.forms import ActiveModelChoiceField, ModelChoiceField, ModelMultipleChoiceField
from tryggsam.forums.forms import ForumMemberForm

pytestmark = pytest.mark.django_db


def _people():
    return User.objects.filter(memberships__isnull=False).distinct().order_by("full_name")


@pytest.fixture
def rows():
    MembershipFactory(user__full_name="Åsa <Öberg> & co")
    MembershipFactory(user__full_name="", user__email="utan.namn@exempel.se")
    MembershipFactory(user__full_name='Bo "Citat"')
    OrganisationFactory(name="Aktiv & <b>", is_active=True)
    return OrganisationFactory(name="Nedlagd", is_active=False)


def test_values_options__the_same_choices_and_html_as_instances(rows):
    class Values(forms.Form):
        user = ModelChoiceField(queryset=_people(), option_columns=("full_name", "email"), option_label=User.label)
        organisation = ActiveModelChoiceField(
            queryset=Organisation.objects.all(), option_columns=("name",), option_label=str
        )

    class Instances(forms.Form):
        user = ModelChoiceField(queryset=_people())
        organisation = ActiveModelChoiceField(queryset=Organisation.objects.all())

    assert Values().fields["user"].iterator is not forms.models.ModelChoiceIterator  # read as values
    for initial in ({}, {"organisation": rows.pk}, {"user": _people().first().pk}):
        fast, slow = Values(initial=initial), Instances(initial=initial)
        for name in ("user", "organisation"):
            assert [(str(v), label) for v, label in fast[name].field.choices] == [
                (str(v), label) for v, label in slow[name].field.choices
            ]
            assert str(fast[name]) == str(slow[name])
    # the deactivated organisation the record names is offered, marked, from the values too
    assert "Nedlagd (inaktiv)" in str(Values(initial={"organisation": rows.pk})["organisation"])
    assert "Nedlagd" not in str(Values()["organisation"])


def test_values_options__a_changed_row_is_read_anew(rows):
    person = _people().first()
    assert str(person) in str(ForumMemberForm()["user"])
    User.objects.filter(pk=person.pk).update(full_name="Nytt Namn")
    assert "Nytt Namn" in str(ForumMemberForm()["user"])
    Organisation.objects.filter(name="Aktiv & <b>").update(is_active=False)
    assert "Aktiv &amp; &lt;b&gt;" not in str(ForumMemberForm()["organisation"])


def test_values_options__chosen_by_id_only():
    with pytest.raises(ValueError):
        ModelChoiceField(queryset=_people(), to_field_name="email", option_columns=("email",), option_label=str)


def _fail(*args, **kwargs):
    raise AssertionError("QuerySet.iterator(): a server-side cursor on PostgreSQL")


def test_options__read_in_one_fetch_and_the_field_keeps_no_rows(rows, monkeypatch):
    class Options(forms.Form):
        one = ModelChoiceField(queryset=_people())
        many = ModelMultipleChoiceField(queryset=_people())
        active = ActiveModelChoiceField(queryset=Organisation.objects.all())

    monkeypatch.setattr(QuerySet, "iterator", _fail)
    for form in (Options(), ForumMemberForm()):
        for name, field in form.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                html = str(form[name])
                assert html.count("<option") == len(field.choices)
                assert field.queryset._result_cache is None  # read anew for each rendering
    assert "Åsa &lt;Öberg&gt; &amp; co" in str(Options()["many"])
