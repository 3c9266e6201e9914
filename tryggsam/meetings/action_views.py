"""POST actions on a meeting page. Plain forms redirect back to the meeting; htmx requests for
attendance and decisions get the changed row or agenda item back, so the meeting is run without
reloading the page. Refusals from the services are shown (as messages, or in the fragment) and
change nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tryggsam.accounts import permissions
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.casework.selectors import measures_visible_to, problems_visible_to
from tryggsam.core.post_views import post_and_redirect, refusal_of
from tryggsam.forums.selectors import forum_for
from tryggsam.meetings import distribution, selectors, services
from tryggsam.meetings.agenda import require_run
from tryggsam.meetings.forms import (
    AttendanceForm,
    DecisionAction,
    DecisionForm,
    GuestForm,
    ItemForm,
    MoveForm,
    NotesForm,
    PlanDecisionForm,
    PrioritiesDecisionForm,
)
from tryggsam.meetings.invitations import meeting_invite_send
from tryggsam.meetings.models import AgendaItem, Attendance, AttendanceStatus, Meeting
from tryggsam.meetings.recurrence import propose_dates
from tryggsam.meetings.views import item_of, item_row


def _meeting_to_run(request: HttpRequest, pk: int) -> Meeting:
    """The meeting (404 if the user may not see it), refused with 403 unless the user runs it: the
    check comes before the form, so a refused user learns nothing from validation messages."""
    meeting = selectors.meeting_for(request.user, pk)
    if not permissions.can_run_meeting(request.user, meeting):
        raise PermissionDenied
    return meeting


def _run(
    request: HttpRequest, meeting: Meeting, action: Callable[[], Any], success: str, anchor: str = ""
) -> HttpResponse:
    url = reverse("meetings:detail", args=[meeting.pk]) + (f"#{anchor}" if anchor else "")
    return post_and_redirect(request, action, done=success, to=url)


def _form_errors(request: HttpRequest, meeting: Meeting, form: Any) -> HttpResponse:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, _("%(label)s: %(error)s") % {"label": label, "error": error} if label else error)
    if getattr(form, "personal_data_found", False):
        messages.error(request, _("Texten innehåller personuppgifter. Ta bort dem, eller markera att de ska maskeras."))
    return redirect("meetings:detail", pk=meeting.pk)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _item_fragment(
    request: HttpRequest,
    item: AgendaItem,
    *,
    saved: str = "",
    error: str = "",
    decision_form: DecisionForm | None = None,
    plan_form: PlanDecisionForm | None = None,
    priorities_form: PrioritiesDecisionForm | None = None,
) -> HttpResponse:
    """The agenda item as the meeting page shows it, after an htmx decision (swapped in place)."""
    meeting = item.meeting
    agenda_row = next((r for r in selectors.agenda_for(request.user, meeting).rows if r.item.pk == item.pk), None)
    if agenda_row is None:
        raise Http404
    editable = permissions.can_run_meeting(request.user, meeting) and not meeting.is_approved
    plans = selectors.plans_to_decide(request.user, meeting) if editable else []
    lists = selectors.priority_lists_to_decide(request.user, meeting) if editable else []
    row = item_row(
        request.user,
        meeting,
        agenda_row,
        editable=editable,
        plans=plans,
        decision_form=decision_form,
        plan_form=plan_form,
        priority_lists=lists,
        priorities_form=priorities_form,
    )
    context = {"row": row, "item": row["item"], "meeting": meeting, "editable": editable}
    return render(request, "meetings/_item.html", {**context, "saved": saved, "error": error})


def _offered_again(form: DecisionForm, request: HttpRequest, item: AgendaItem) -> DecisionForm:
    """A decision form shown again (after an error) offers the item's rows and what was chosen."""
    problems, measures = selectors.offered_rows(request.user, selectors.offered_forum(item))
    data = getattr(form, "cleaned_data", {})
    for name, offered in (("problem", problems), ("measure", measures)):
        chosen = data.get(name)
        field = form.fields[name]
        field.queryset = offered | field.queryset.filter(pk=chosen.pk if chosen else None)  # type: ignore[attr-defined]
    return form


@login_required
@require_POST
def call_members(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_run(request, pk)
    return _run(
        request,
        meeting,
        lambda: services.meeting_call(actor=request.user, meeting=meeting),
        _("Forumets medlemmar är kallade."),
        "attendance",
    )


@login_required
@require_POST
def guest_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_run(request, pk)
    form = GuestForm(request.POST, auto_id="id_guest_%s")
    if not form.is_valid():
        return _form_errors(request, meeting, form)
    return _run(
        request,
        meeting,
        lambda: services.meeting_call(actor=request.user, meeting=meeting, users=[], guests=[form.cleaned_data]),
        _("Gästen är kallad."),
        "attendance",
    )


@login_required
@require_POST
def attendance_mark(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    attendance = Attendance.objects.select_related("meeting").filter(pk=pk).first()
    if attendance is None:
        raise Http404
    meeting = _meeting_to_run(request, attendance.meeting_id)
    form = AttendanceForm(request.POST)
    if _is_htmx(request):
        error = (
            refusal_of(lambda: services.attendance_mark(actor=request.user, attendance=attendance, status=form.cleaned_data["status"]))
            if form.is_valid()
            else _("Välj en närvarostatus.")
        )  # fmt: skip
        attendance.refresh_from_db()
        context = {"a": attendance, "statuses": AttendanceStatus.choices, "editable": True, "error": error}
        context["saved"] = "" if error else _("Närvaron är sparad.")
        return render(request, "meetings/_attendance_row.html", {**context, "meeting": meeting})
    if not form.is_valid():
        return _form_errors(request, meeting, form)
    return _run(
        request,
        meeting,
        lambda: services.attendance_mark(actor=request.user, attendance=attendance, status=form.cleaned_data["status"]),
        _("Närvaron är sparad."),
        "attendance",
    )


@login_required
@require_POST
def invite_send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_run(request, pk)

    def send() -> None:
        require_run(request.user, meeting)
        count = meeting_invite_send(meeting, actor=request.user)
        messages.info(request, _("%(n)s kallelser skickades.") % {"n": count})

    return _run(request, meeting, send, _("Kallelsen är skickad."), "attendance")


@login_required
@require_POST
def agenda_template(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_run(request, pk)
    return _run(
        request,
        meeting,
        lambda: services.agenda_from_template(actor=request.user, meeting=meeting),
        _("Dagordningen är skapad från mallen."),
        "agenda",
    )


@login_required
@require_POST
def item_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_run(request, pk)
    form = ItemForm(request.POST, user=request.user, auto_id="id_new_item_%s")
    if not form.is_valid():
        return _form_errors(request, meeting, form)
    data = form.cleaned_data
    return _run(
        request,
        meeting,
        lambda: services.item_add(
            actor=request.user,
            meeting=meeting,
            heading=data["heading"],
            position=data["position"],
            depth=1 if data["sub_item"] else 0,
            partnership=data["partnership"],
            problem=data["problem"],
            measure=data["measure"],
            focus_area=data["focus_area"],
            classification=data["classification"] or None,
        ),
        _("Punkten är tillagd."),
        "agenda",
    )


@login_required
@require_POST
def item_notes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = item_of(request, pk)
    _meeting_to_run(request, item.meeting_id)
    form = NotesForm(request.POST, auto_id=f"id_i{item.pk}_notes_%s")
    if not form.is_valid():
        return _form_errors(request, item.meeting, form)
    return _run(
        request,
        item.meeting,
        lambda: services.item_update_notes(
            actor=request.user,
            item=item,
            notes=form.cleaned_data["notes"],
            heading=form.cleaned_data["heading"],
            classification=form.cleaned_data["classification"] or None,
        ),
        _("Anteckningarna är sparade."),
        f"item-{item.pk}",
    )


@login_required
@require_POST
def item_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = item_of(request, pk)
    _meeting_to_run(request, item.meeting_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, item.meeting, form)
    return _run(
        request,
        item.meeting,
        lambda: services.item_move(actor=request.user, item=item, position=form.cleaned_data["position"]),
        _("Punkten är flyttad."),
        f"item-{item.pk}",
    )


@login_required
@require_POST
def decision_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = item_of(request, pk)
    _meeting_to_run(request, item.meeting_id)
    form = DecisionForm(
        request.POST,
        problems=problems_visible_to(request.user),
        measures=measures_visible_to(request.user),
        auto_id=f"id_i{item.pk}_decision_%s",
    )
    if not form.is_valid():
        if _is_htmx(request):
            return _item_fragment(request, item, decision_form=_offered_again(form, request, item))
        return _form_errors(request, item.meeting, form)
    data = form.cleaned_data
    create = change = None
    if data["action"] == DecisionAction.CREATE:
        create = {"problem": data["problem"], "responsible_text": data["responsible_text"] or ""}
        if data["measure_title"]:
            create["title"] = data["measure_title"]
    elif data["action"] == DecisionAction.CHANGE:
        change = (data["measure"], data["new_status"], data["note"])

    def record() -> None:
        services.decision_record(
            actor=request.user,
            item=item,
            text=data["text"],
            create_measure=create,
            change_measure=change,
            follow_up_date=data["follow_up_date"],
        )

    if _is_htmx(request):
        error = refusal_of(record)
        if error:
            return _item_fragment(request, item, error=error, decision_form=_offered_again(form, request, item))
        return _item_fragment(request, item, saved=_("Beslutet är sparat."))
    return _run(request, item.meeting, record, _("Beslutet är sparat."), f"item-{item.pk}")


@login_required
@require_POST
def plan_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Decide a draft plan of the meeting's forum under this item (through the plans service)."""
    item = item_of(request, pk)
    meeting = _meeting_to_run(request, item.meeting_id)
    item.meeting = meeting
    form = PlanDecisionForm(
        request.POST, plans=selectors.plans_to_decide(request.user, meeting), auto_id=f"id_i{item.pk}_plan_%s"
    )
    if not form.is_valid():
        if _is_htmx(request):
            return _item_fragment(request, item, plan_form=form)
        return _form_errors(request, meeting, form)

    def decide() -> None:
        services.decision_decide_plan(
            actor=request.user, item=item, plan=form.cleaned_data["plan"], text=form.cleaned_data["text"]
        )

    saved = _("Planen är beslutad och låst.")
    if _is_htmx(request):
        error = refusal_of(decide)
        return _item_fragment(
            request, item, saved="" if error else saved, error=error, plan_form=form if error else None
        )
    return _run(request, meeting, decide, saved, f"item-{item.pk}")


@login_required
@require_POST
def priorities_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Decide a draft priority list of the meeting's council under this item (through the priorities
    service, which freezes the list and names the meeting)."""
    item = item_of(request, pk)
    meeting = _meeting_to_run(request, item.meeting_id)
    item.meeting = meeting
    form = PrioritiesDecisionForm(
        request.POST,
        priority_lists=selectors.priority_lists_to_decide(request.user, meeting),
        auto_id=f"id_i{item.pk}_priorities_%s",
    )
    if not form.is_valid():
        if _is_htmx(request):
            return _item_fragment(request, item, priorities_form=form)
        return _form_errors(request, meeting, form)

    def decide() -> None:
        services.decision_decide_priorities(
            actor=request.user,
            item=item,
            priority_list=form.cleaned_data["priority_list"],
            text=form.cleaned_data["text"],
        )

    saved = _("Prioriteringarna är beslutade och låsta.")
    if _is_htmx(request):
        error = refusal_of(decide)
        return _item_fragment(
            request, item, saved="" if error else saved, error=error, priorities_form=form if error else None
        )
    return _run(request, meeting, decide, saved, f"item-{item.pk}")


@login_required
@require_POST
def approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, pk)
    return _run(
        request,
        meeting,
        lambda: services.meeting_approve(actor=request.user, meeting=meeting),
        _("Protokollet är justerat."),
    )


@login_required
@require_POST
def new_version(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, pk)
    copies: list[Meeting] = []
    refusal = refusal_of(lambda: copies.append(services.meeting_new_version(actor=request.user, meeting=meeting)))
    if refusal:
        messages.error(request, refusal)
        return redirect("meetings:detail", pk=meeting.pk)
    messages.success(request, _("En ny version av protokollet är skapad."))
    return redirect("meetings:detail", pk=copies[0].pk)


@login_required
@require_POST
def send_minutes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, pk)
    return _run(
        request,
        meeting,
        lambda: distribution.minutes_send(actor=request.user, meeting=meeting),
        _("Protokollet är skickat till deltagarna."),
    )


@login_required
@require_POST
def publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, pk)
    return _run(
        request,
        meeting,
        lambda: distribution.minutes_publish(actor=request.user, meeting=meeting),
        _("Protokollet är publicerat (den öppna versionen)."),
    )


@login_required
@require_POST
def confirm_proposal(request: AuthenticatedHttpRequest, forum_id: int) -> HttpResponse:
    """Schedule one of the proposed dates (the coordinator confirms it)."""
    forum = forum_for(request.user, forum_id)
    if not permissions.can_manage_collaboration(request.user):
        raise PermissionDenied
    chosen = request.POST.get("date", "")
    proposal = next((p for p in propose_dates(forum, count=8) if p.date.isoformat() == chosen), None)
    if proposal is None:
        messages.error(request, _("Datumet finns inte längre bland förslagen."))
        return redirect("forums:detail", pk=forum.pk)
    last = forum.meetings.order_by("-date").first()
    meeting = services.meeting_schedule(
        actor=request.user,
        forum=forum,
        date=proposal.date,
        start_time=proposal.start_time,
        end_time=proposal.end_time,
        location=last.location if last else "",
        chair=last.chair if last else None,
        secretary=last.secretary if last else None,
    )
    messages.success(request, _("Mötet %(date)s är inplanerat.") % {"date": f"{meeting.date:%Y-%m-%d}"})
    return redirect("meetings:detail", pk=meeting.pk)
