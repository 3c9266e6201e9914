"""Forms for writing action plans and citizen promises: the plan and each focus area (promise)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tryggsam.accounts.actors import Person
from tryggsam.accounts.forms import OwnedRecordFormMixin
from tryggsam.accounts.models import Organisation
from tryggsam.core.forms import ModelChoiceField
from tryggsam.core.models import Classification
from tryggsam.core.personal_data.forms import PersonalDataGuardMixin
from tryggsam.forums.models import Forum
from tryggsam.forums.selectors import forums_visible_to
from tryggsam.places.forms import AreaChoiceField
from tryggsam.places.models import Area
from tryggsam.plans.follow_ups import EntryInput
from tryggsam.plans.models import ActionPlan, FocusArea, FollowUpStatus, PlanFollowUp, PlanKind


class DateInput(forms.DateInput):
    input_type = "date"


def _text(label: Any, rows: int = 3, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, widget=forms.Textarea(attrs={"rows": rows}), required=False, max_length=20000, **kwargs
    )


class PlanForm(OwnedRecordFormMixin, PersonalDataGuardMixin, forms.Form):
    restricted_owner_message = _("Välj vilken organisation som äger den begränsade planen.")

    title = forms.CharField(label=_("Titel"), max_length=300)
    kind = forms.ChoiceField(label=_("Typ"), choices=PlanKind.choices, initial=PlanKind.ACTION_PLAN)
    parties = forms.CharField(
        label=_("Parter"),
        max_length=300,
        required=False,
        help_text=_("T.ex. ”Stadsdelsförvaltningen och lokalpolisområdet”."),
    )
    forum = ModelChoiceField(label=_("Styrande forum"), queryset=Forum.objects.none(), required=False)
    area = AreaChoiceField(label=_("Område"), queryset=Area.objects.all(), required=False)
    valid_from = forms.DateField(label=_("Gäller från"), required=False, widget=DateInput)
    valid_to = forms.DateField(label=_("Gäller till"), required=False, widget=DateInput)
    introduction = _text(_("Inledning och lägesbild"), rows=6)
    classification = forms.ChoiceField(
        label=_("Klassificering"), choices=Classification.choices, initial=Classification.OPEN
    )
    owner_organisation = ModelChoiceField(
        label=_("Ägande organisation"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = forums_visible_to(user).filter(is_active=True)  # type: ignore[attr-defined]
        self.limit_owner_choices(user)

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Planen kan inte sluta gälla innan den börjar gälla."))
        return data


class FocusAreaForm(PersonalDataGuardMixin, forms.Form):
    """Every field of a focus area (or one citizen promise with each actor's activities)."""

    name = forms.CharField(label=_("Fokusområde / löfte"), max_length=200)
    area = AreaChoiceField(label=_("Plats"), queryset=Area.objects.all(), required=False)
    goal = _text(_("Mål"))
    purpose = _text(_("Syfte"))
    target_group = _text(_("Målgrupp"), rows=2)
    measure = _text(_("Åtgärd"))
    responsible = forms.CharField(label=_("Ansvarig"), max_length=300, required=False)
    forum = ModelChoiceField(label=_("Samverkansforum"), queryset=Forum.objects.none(), required=False)
    forum_text = forms.CharField(label=_("Samverkansforum (fritext)"), max_length=300, required=False)
    activities = _text(_("Prioriterade aktiviteter"), rows=4, help_text=_("En aktivitet per rad."))
    police_contact = forms.CharField(label=_("Polisens kontakt"), max_length=300, required=False)
    police_commitment = _text(_("Polisens åtagande"))
    district_contact = forms.CharField(
        label=_("Kommunens/stadsdelsförvaltningens kontakt"), max_length=300, required=False
    )
    district_commitment = _text(_("Kommunens/stadsdelsförvaltningens åtagande"))
    other_actors = _text(_("Tänkbara övriga aktörer"), rows=2)
    funding = _text(_("Finansiering"), rows=2)
    communication = _text(_("Kommunikation"), rows=2)
    follow_up = _text(_("Uppföljning"), rows=2, help_text=_("När och hur det följs upp, t.ex. två gånger per år."))

    def __init__(self, *args: Any, user: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = forums_visible_to(user).filter(is_active=True)  # type: ignore[attr-defined]

    def clean_activities(self) -> list[str]:
        return [
            line.strip(" -•\t") for line in self.cleaned_data.get("activities", "").splitlines() if line.strip(" -•\t")
        ]


class DecideForm(PersonalDataGuardMixin, forms.Form):
    decided_on = forms.DateField(label=_("Beslutad den"), widget=DateInput)
    decided_by = forms.CharField(
        label=_("Beslutad av"),
        max_length=300,
        required=False,
        help_text=_("T.ex. ”Trygghetsrådets möte” eller ”Stadsdelsnämnden”."),
    )


class FollowUpForm(PersonalDataGuardMixin, forms.Form):
    """One follow-up: its date, a summary and, per promise (or per activity of it), a status and what
    was done. A row left without status is not part of this follow-up."""

    date = forms.DateField(label=_("Uppföljningsdatum"), widget=DateInput)
    summary = _text(_("Sammanfattning"), rows=3)

    def __init__(self, *args: Any, plan: ActionPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets: list[tuple[FocusArea, str, str]] = []  # (promise, activity or "", field prefix)
        for focus_area in plan.focus_areas.order_by("position", "id"):
            for index, activity in enumerate(["", *(focus_area.activities or [])]):
                prefix = f"fa{focus_area.pk}_{index}"
                label = activity or _("Löftet som helhet")
                self.fields[f"{prefix}_status"] = forms.ChoiceField(
                    label=_("Status: %(what)s") % {"what": label},
                    choices=[("", _("– inte med i uppföljningen –")), *FollowUpStatus.choices],
                    required=False,
                )
                self.fields[f"{prefix}_text"] = forms.CharField(
                    label=_("Vad som gjordes: %(what)s") % {"what": label},
                    widget=forms.Textarea(attrs={"rows": 2}),
                    required=False,
                    max_length=5000,
                )
                self.targets.append((focus_area, activity, prefix))

    def groups(self) -> list[tuple[FocusArea, list[tuple[str, Any, Any]]]]:
        """For the template: per promise, its rows (activity, status field, text field)."""
        grouped: dict[int, tuple[FocusArea, list[tuple[str, Any, Any]]]] = {}
        for focus_area, activity, prefix in self.targets:
            rows = grouped.setdefault(focus_area.pk, (focus_area, []))[1]
            rows.append((activity, self[f"{prefix}_status"], self[f"{prefix}_text"]))
        return list(grouped.values())

    def clean(self) -> dict:
        data = super().clean() or {}
        for _fa, _activity, prefix in self.targets:
            if data.get(f"{prefix}_text") and not data.get(f"{prefix}_status"):
                self.add_error(f"{prefix}_status", _("Ange status för det du har skrivit om."))
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        entries = [
            EntryInput(focus_area=fa, activity=activity, status=data[f"{prefix}_status"], text=data[f"{prefix}_text"])
            for fa, activity, prefix in self.targets
            if data.get(f"{prefix}_status")
        ]
        return {"date": data["date"], "summary": data.get("summary", ""), "entries": entries}


class FollowUpCorrectionForm(FollowUpForm):
    """A recorded follow-up corrected: the same fields, filled with what was recorded, and why."""

    reason = forms.CharField(
        label=_("Varför rättas uppföljningen?"),
        max_length=500,
        error_messages={"required": _("Skriv varför uppföljningen rättas.")},
    )

    @classmethod
    def initial_for(cls, follow_up: PlanFollowUp) -> dict[str, Any]:
        """The recorded follow-up as the form's initial values (per row: its status and text)."""
        initial: dict[str, Any] = {"date": follow_up.date, "summary": follow_up.summary}
        recorded = {(e.focus_area_id, e.activity): e for e in follow_up.entries.all()}
        for focus_area in follow_up.plan.focus_areas.order_by("position", "id"):
            for index, activity in enumerate(["", *(focus_area.activities or [])]):
                entry = recorded.get((focus_area.pk, activity))
                if entry is not None:
                    initial[f"fa{focus_area.pk}_{index}_status"] = entry.status
                    initial[f"fa{focus_area.pk}_{index}_text"] = entry.text
        return initial

    def service_arguments(self) -> dict[str, Any]:
        return {**super().service_arguments(), "reason": self.cleaned_data["reason"]}
