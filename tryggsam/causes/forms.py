"""Forms of the cause tree. Every choice is limited to what the user may read (the tree's own causes,
the areas they may count in, the findings of walks they may read); free text goes through the
personal-data guard."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tryggsam.accounts.actors import Reader
from tryggsam.casework.models import Measure
from tryggsam.casework.selectors import measures_visible_to
from tryggsam.causes import selectors
from tryggsam.causes.models import Cause, CauseTree, EvidenceKind
from tryggsam.causes.services import MOVES
from tryggsam.core.forms import ModelChoiceField, ModelMultipleChoiceField
from tryggsam.core.personal_data.forms import PersonalDataGuardMixin
from tryggsam.crimestats.models import CrimeStatistic, SurveyResult
from tryggsam.forums.models import Finding
from tryggsam.incidents.selectors import active_categories
from tryggsam.places.models import Area
from tryggsam.situation.selectors import situation_areas_for

INVALID_CHOICE = _("Välj ett alternativ som finns i listan.")


class CauseForm(PersonalDataGuardMixin, forms.Form):
    title = forms.CharField(label=_("Orsak"), max_length=300)
    description = forms.CharField(label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class NewCauseForm(CauseForm):
    """A new cause, at the top of the tree or (with `parent`) under a cause of the same tree."""

    parent = ModelChoiceField(
        label=_("Under orsaken"),
        queryset=Cause.objects.none(),
        required=False,
        empty_label=_("– Överst i trädet –"),
        error_messages={"invalid_choice": INVALID_CHOICE},
    )

    def __init__(self, *args: Any, tree: CauseTree | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["parent"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Cause.objects.filter(tree=tree).order_by("position", "id") if tree else Cause.objects.none()


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[(m, m) for m in MOVES], error_messages={"invalid_choice": INVALID_CHOICE})


class AimForm(forms.Form):
    measure = ModelChoiceField(
        label=_("Åtgärd"), queryset=Measure.objects.none(), error_messages={"invalid_choice": INVALID_CHOICE}
    )

    def __init__(self, *args: Any, user: Reader, owner: selectors.Owner, aimed: bool = False, **kwargs: Any) -> None:
        """`aimed`: choose among the measures aimed at the cause (to take one away)."""
        super().__init__(*args, **kwargs)
        field = self.fields["measure"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = measures_visible_to(user) if aimed else selectors.eligible_measures(user, owner)


class EvidenceForm(PersonalDataGuardMixin, forms.Form):
    """One form for every kind of evidence; the kind chosen says which fields must be filled in."""

    kind = forms.ChoiceField(
        label=_("Typ av underlag"), choices=EvidenceKind.choices, widget=forms.RadioSelect,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )  # fmt: skip
    categories = ModelMultipleChoiceField(
        label=_("Kategorier"), queryset=active_categories(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Ingen vald: alla kategorier."),
        error_messages={"invalid_choice": INVALID_CHOICE, "invalid_pk_value": INVALID_CHOICE},
    )  # fmt: skip
    area = ModelChoiceField(
        label=_("Område"), queryset=Area.objects.none(), required=False, empty_label=_("– Hela kommunen –"),
        error_messages={"invalid_choice": INVALID_CHOICE},
    )  # fmt: skip
    period_start = forms.DateField(label=_("Från"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("Till"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    statistic = ModelChoiceField(
        label=_("Rad ur brottsstatistiken"), queryset=CrimeStatistic.objects.none(), required=False,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )  # fmt: skip
    survey_result = ModelChoiceField(
        label=_("Resultat ur trygghetsmätningen"), queryset=SurveyResult.objects.none(), required=False,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )  # fmt: skip
    finding = ModelChoiceField(
        label=_("Iakttagelse från trygghetsvandring"), queryset=Finding.objects.none(), required=False,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )  # fmt: skip
    text = forms.CharField(label=_("Underlag"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    source = forms.CharField(label=_("Källa"), required=False, max_length=300)

    REQUIRED = {
        EvidenceKind.INCIDENTS: ("period_start", "period_end"),
        EvidenceKind.STATISTIC: ("statistic",),
        EvidenceKind.SURVEY: ("survey_result",),
        EvidenceKind.FINDING: ("finding",),
        EvidenceKind.TEXT: ("text", "source"),
    }

    def __init__(self, *args: Any, user: Reader, owner: selectors.Owner, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = getattr(owner, "area", None)
        choices = {
            "area": situation_areas_for(user).order_by("level", "name"),
            "statistic": selectors.statistics_for_choice(user, area=area).order_by("-period_start", "category"),
            "survey_result": selectors.survey_results_for_choice(user, area=area).order_by("-year", "question"),
            "finding": selectors.findings_for_choice(user).order_by("-walk__date", "id"),
        }
        for name, queryset in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        for name in self.REQUIRED.get(kind, ()) if kind else ():
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("Fyll i det här för den typen av underlag."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned data of the chosen kind only (the other kinds' fields are ignored)."""
        data = self.cleaned_data
        kind = data["kind"]
        fields = {
            EvidenceKind.INCIDENTS: ("categories", "area", "period_start", "period_end"),
            EvidenceKind.STATISTIC: ("statistic",),
            EvidenceKind.SURVEY: ("survey_result",),
            EvidenceKind.FINDING: ("finding",),
            EvidenceKind.TEXT: ("text", "source"),
        }[kind]
        return {"kind": kind, **{name: data[name] for name in fields}}
