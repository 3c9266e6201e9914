from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Person
from tryggsam.accounts.models import User
from tryggsam.casework.models import Measure, MeasureStatus, Problem
from tryggsam.casework.selectors import measures_visible_to, problems_visible_to
from tryggsam.core.forms import GroupedModelChoiceField, ModelChoiceField
from tryggsam.core.models import Classification
from tryggsam.core.personal_data.forms import PersonalDataGuardMixin
from tryggsam.forums.models import Forum, ForumKind
from tryggsam.forums.selectors import forums_visible_to
from tryggsam.meetings.models import AttendanceStatus
from tryggsam.plans.models import ActionPlan, FocusArea
from tryggsam.plans.selectors import plans_visible_to
from tryggsam.priorities.models import PriorityList


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


def _people() -> Any:
    return (
        User.objects.filter(permissions.real_people_q(), is_active=True, memberships__isnull=False)
        .distinct()
        .order_by("full_name")
    )


class MeetingForm(PersonalDataGuardMixin, forms.Form):
    forum = ModelChoiceField(label=_("Forum"), queryset=Forum.objects.none())
    date = forms.DateField(label=_("Datum"), widget=DateInput)
    start_time = forms.TimeField(label=_("Starttid"), required=False, widget=TimeInput)
    end_time = forms.TimeField(label=_("Sluttid"), required=False, widget=TimeInput)
    location = forms.CharField(label=_("Plats"), max_length=300, required=False)
    online_link = forms.URLField(label=_("Länk för digitalt möte"), required=False, assume_scheme="https")
    chair = ModelChoiceField(label=_("Ordförande"), queryset=User.objects.none(), required=False)
    secretary = ModelChoiceField(label=_("Sekreterare"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, forums: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = forums  # type: ignore[attr-defined]
        self.fields["chair"].queryset = _people()  # type: ignore[attr-defined]
        self.fields["secretary"].queryset = _people()  # type: ignore[attr-defined]

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("start_time"), data.get("end_time")
        if end and not start:
            self.add_error("start_time", _("Ange starttid när du anger sluttid."))
        if start and end and end <= start:
            self.add_error("end_time", _("Sluttiden måste vara efter starttiden."))
        if not data.get("location") and not data.get("online_link"):
            self.add_error("location", _("Ange en plats eller en länk till det digitala mötet."))
        return data


class MeetingChangeForm(MeetingForm):
    """When, where and who of a planned meeting (the forum stays)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, forums=Forum.objects.none(), **kwargs)
        del self.fields["forum"]


class GuestForm(PersonalDataGuardMixin, forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    title = forms.CharField(label=_("Titel"), max_length=200, required=False)
    organisation_text = forms.CharField(label=_("Organisation"), max_length=200, required=False)


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(label=_("Närvaro"), choices=AttendanceStatus.choices)


class ItemForm(PersonalDataGuardMixin, forms.Form):
    heading = forms.CharField(label=_("Rubrik"), max_length=300)
    position = forms.IntegerField(
        label=_("Plats i dagordningen"), min_value=1, required=False, help_text=_("Tomt: sist.")
    )
    sub_item = forms.BooleanField(label=_("Underpunkt"), required=False)
    classification = forms.ChoiceField(
        label=_("Klassificering"),
        choices=Classification.choices,
        required=False,
        help_text=_(
            "Som mötets om inget annat väljs. Bara öppna punkter kommer med i den publicerade versionen; "
            "en punkt blir aldrig öppnare än det den hänvisar till."
        ),
    )
    partnership: forms.ModelChoiceField = ModelChoiceField(
        label=_("Platssamverkan"),
        queryset=Forum.objects.none(),
        required=False,
        help_text=_("Punkten visar platssamverkans arbetstabeller."),
    )
    problem: forms.ModelChoiceField = ModelChoiceField(
        label=_("Problem"), queryset=Problem.objects.none(), required=False
    )
    measure: forms.ModelChoiceField = ModelChoiceField(
        label=_("Åtgärd"), queryset=Measure.objects.none(), required=False
    )
    focus_area: forms.ModelChoiceField = ModelChoiceField(
        label=_("Fokusområde"), queryset=FocusArea.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Person, offered: Any = None, **kwargs: Any) -> None:
        """`offered` (problems, measures) narrows the choices shown on the page to one forum's rows
        (the rest is searched on demand); without it every row the user may read is valid."""
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = forums_visible_to(user).filter(  # type: ignore[attr-defined]
            kind=ForumKind.PARTNERSHIP, is_active=True
        )
        problems, measures = offered or (
            problems_visible_to(user).filter(is_closed=False),
            measures_visible_to(user).select_related("problem"),
        )
        self.fields["problem"].queryset = problems  # type: ignore[attr-defined]
        self.fields["measure"].queryset = measures  # type: ignore[attr-defined]
        self.fields["focus_area"].queryset = FocusArea.objects.filter(  # type: ignore[attr-defined]
            plan__in=plans_visible_to(user).values("pk")
        )


class NotesForm(PersonalDataGuardMixin, forms.Form):
    heading = forms.CharField(label=_("Rubrik"), max_length=300)
    notes = forms.CharField(
        label=_("Anteckningar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("En tom rad mellan styckena."),
    )
    classification = forms.ChoiceField(
        label=_("Klassificering"),
        choices=Classification.choices,
        required=False,
        help_text=_("Vilka som får läsa punkten; bara öppna punkter kommer med i den publicerade versionen."),
    )


class MoveForm(forms.Form):
    position = forms.IntegerField(label=_("Flytta till plats"), min_value=1)


class DecisionAction:
    NONE = "none"
    CREATE = "create"
    CHANGE = "change"


class DecisionForm(PersonalDataGuardMixin, forms.Form):
    text = forms.CharField(label=_("Beslut"), widget=forms.Textarea(attrs={"rows": 3}))
    action = forms.ChoiceField(
        label=_("Beslutet"),
        choices=[
            (DecisionAction.NONE, _("gäller ingen åtgärd i arbetstabellerna")),
            (DecisionAction.CREATE, _("skapar en ny åtgärd")),
            (DecisionAction.CHANGE, _("ändrar status för en åtgärd")),
        ],
        initial=DecisionAction.NONE,
        widget=forms.RadioSelect,
    )
    problem: forms.ModelChoiceField = GroupedModelChoiceField(
        label=_("Problem för den nya åtgärden"),
        queryset=Problem.objects.none(),
        required=False,
        group=lambda problem: problem.forum.name if problem.forum_id else _("Utan forum"),
    )
    measure_title = forms.CharField(
        label=_("Ny åtgärd/insats"), max_length=300, required=False, help_text=_("Tomt: beslutets text.")
    )
    responsible_text = forms.CharField(label=_("Sammankallande/ansvarig"), max_length=300, required=False)
    measure: forms.ModelChoiceField = GroupedModelChoiceField(
        label=_("Åtgärd som ändras"),
        queryset=Measure.objects.none(),
        required=False,
        group=lambda measure: measure.problem.forum.name if measure.problem.forum_id else _("Utan forum"),
    )
    new_status = forms.ChoiceField(label=_("Ny status"), choices=MeasureStatus.choices, required=False)
    note = forms.CharField(label=_("Uppföljningsanteckning"), max_length=2000, required=False)
    follow_up_date = forms.DateField(label=_("Följs upp"), required=False, widget=DateInput)

    def __init__(self, *args: Any, problems: Any, measures: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["problem"].queryset = problems.select_related("forum")  # type: ignore[attr-defined]
        self.fields["measure"].queryset = measures.select_related("problem__forum")  # type: ignore[attr-defined]

    def clean(self) -> dict:
        data = super().clean() or {}
        action = data.get("action")
        if action == DecisionAction.CREATE and not data.get("problem"):
            self.add_error("problem", _("Välj vilket problem den nya åtgärden hör till."))
        if action == DecisionAction.CHANGE:
            if not data.get("measure"):
                self.add_error("measure", _("Välj åtgärden som ändras."))
            if not data.get("new_status"):
                self.add_error("new_status", _("Välj den nya statusen."))
            if not (data.get("note") or "").strip():
                self.add_error("note", _("Skriv en uppföljningsanteckning – en statusändring måste förklaras."))
        return data


class PlanDecisionForm(PersonalDataGuardMixin, forms.Form):
    """Decide a draft plan under an agenda item (the choices: the plans the user may decide here)."""

    plan: forms.ModelChoiceField = ModelChoiceField(label=_("Plan"), queryset=ActionPlan.objects.none())
    text = forms.CharField(
        label=_("Beslut"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Tomt: ”Planen beslutades.”"),
    )

    def __init__(self, *args: Any, plans: list[ActionPlan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = ActionPlan.objects.filter(  # type: ignore[attr-defined]
            pk__in=[plan.pk for plan in plans]
        )


class PrioritiesDecisionForm(PersonalDataGuardMixin, forms.Form):
    """Decide a draft priority list of the council under an agenda item (the choices: the lists the
    user may decide here)."""

    priority_list: forms.ModelChoiceField = ModelChoiceField(
        label=_("Prioriteringslista"), queryset=PriorityList.objects.none()
    )
    text = forms.CharField(
        label=_("Beslut"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Tomt: ”Rådet beslutade prioriterade områden för …” med områdena."),
    )

    def __init__(self, *args: Any, priority_lists: list[PriorityList], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["priority_list"].queryset = PriorityList.objects.filter(  # type: ignore[attr-defined]
            pk__in=[p.pk for p in priority_lists]
        ).select_related("council")
