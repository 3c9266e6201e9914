"""Meeting pages and downloads. Thin: parse, ask the policy and the selectors, render. The POST
actions on a meeting are in `action_views.py`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.casework.selectors import work_tables
from tryggsam.core.errors import ServiceError
from tryggsam.forums.selectors import forums_visible_to
from tryggsam.meetings import selectors, services
from tryggsam.meetings.download_views import wants_public
from tryggsam.meetings.forms import (
    DecisionForm,
    GuestForm,
    ItemForm,
    MeetingChangeForm,
    MeetingForm,
    NotesForm,
    PlanDecisionForm,
    PrioritiesDecisionForm,
)
from tryggsam.meetings.invitations import meeting_ics
from tryggsam.meetings.minutes import minutes_context, printable
from tryggsam.meetings.minutes.swedish import full_when
from tryggsam.meetings.models import AgendaItem, AttendanceStatus, Meeting


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    def rows(meetings: list[Meeting]) -> list[dict[str, Any]]:
        return [{"meeting": m, "when": full_when(m.date, m.start_time, m.end_time)} for m in meetings]

    return render(
        request,
        "meetings/list.html",
        {
            "upcoming": rows(selectors.upcoming_meetings(request.user, limit=50)),
            "past": rows(selectors.past_meetings(request.user)),
            "can_create": permissions.can_manage_collaboration(request.user),
            "nav": "meetings",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_manage_collaboration(request.user):
        raise PermissionDenied
    form = MeetingForm(
        request.POST or None,
        forums=forums_visible_to(request.user).filter(is_active=True),
        initial={"secretary": request.user, "forum": request.GET.get("forum", "")[:20]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(actor=request.user, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            form.add_error(None, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("Mötet är planerat."))
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/create.html", {"form": form, "nav": "meetings"})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_change(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, pk)
    if not permissions.can_manage_collaboration(request.user):
        raise PermissionDenied
    initial = {name: getattr(meeting, name) for name in services.MEETING_EDITABLE_FIELDS if name != "classification"}
    form = MeetingChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        sequence = meeting.sequence
        try:
            services.meeting_update(actor=request.user, meeting=meeting, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            meeting.refresh_from_db()
            form.add_error(None, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("Mötet är ändrat."))
            if meeting.sequence != sequence and meeting.attendances.exists():
                messages.info(
                    request, _("Tid eller plats ändrades: skicka en ny kallelse så att kalendrarna uppdateras.")
                )
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/change.html", {"form": form, "meeting": meeting, "nav": "meetings"})


def item_row(
    user: Reader,
    meeting: Meeting,
    agenda_row: selectors.AgendaRow,
    *,
    editable: bool,
    plans: list[Any],
    decision_form: DecisionForm | None = None,
    plan_form: PlanDecisionForm | None = None,
    priority_lists: list[Any] | None = None,
    priorities_form: PrioritiesDecisionForm | None = None,
) -> dict[str, Any]:
    """One agenda item as the page shows it. Its edit forms (notes, decision, plan) are not rendered
    with the page: each comes from `item_form` when it is opened. Only a decision or plan form sent
    back after an htmx request (with its errors) is part of the item."""
    item = agenda_row.item
    row: dict[str, Any] = {
        "item": item,
        "decisions": agenda_row.decisions,
        "hidden_decisions": agenda_row.hidden_decisions,
    }
    # The partnership's work tables come in their own request (`item_tables`) once the page has
    # loaded: a partnership may have 150 rows, and the page must not wait for them.
    row["has_tables"] = bool(item.partnership_id and permissions.can_view(user, item.partnership))
    if editable:
        row["has_plans"] = bool(plans or plan_form)
        if decision_form is not None:
            row["decision_form"] = decision_form
            row["offered_forum"] = selectors.offered_forum(item)
        if plan_form is not None:
            row["plan_form"] = plan_form
        row["has_priority_lists"] = bool(priority_lists or priorities_form)
        if priorities_form is not None:
            row["priorities_form"] = priorities_form
    return row


def _form_response(
    request: HttpRequest, meeting: Meeting, context: dict[str, Any], build: Callable[[], dict[str, Any]]
) -> HttpResponse:
    """A form of the meeting page on its own: the fragment the page loads into a folded section
    (htmx), or a page of its own without script. Only for those who run the meeting, and only while
    its minutes are not approved (409 after); `build()` makes the form once these hold."""
    if not permissions.can_run_meeting(request.user, meeting):
        raise PermissionDenied
    standalone = request.headers.get("HX-Request") != "true"
    context = {**context, "meeting": meeting, "standalone": standalone, "nav": "meetings"}
    status = 200
    if meeting.is_approved:
        context["refused"] = _("Protokollet är justerat och kan inte ändras.")
        status = 409
    else:
        context.update(build())
    template = "meetings/form_page.html" if standalone else "meetings/_form_slot.html"
    return render(request, template, context, status=status)


@login_required
def item_form(request: HttpRequest, pk: int, form: str) -> HttpResponse:
    """One edit form of an agenda item ("anteckningar", "beslut" or "plan"), with the same field ids
    as on the meeting page, which loads it when the person opens it."""
    item = item_of(request, pk)
    meeting = selectors.meeting_for(request.user, item.meeting_id)
    item.meeting = meeting
    user, prefix = request.user, f"id_i{item.pk}"

    def notes() -> dict[str, Any]:
        initial = {"heading": item.heading, "notes": item.notes, "classification": item.classification}
        return {"form": NotesForm(initial=initial, auto_id=f"{prefix}_notes_%s")}

    def decision() -> dict[str, Any]:
        forum = selectors.offered_forum(item)
        problems, measures = selectors.offered_rows(user, forum)
        return {
            "form": DecisionForm(problems=problems, measures=measures, auto_id=f"{prefix}_decision_%s"),
            "offered_forum": forum,
        }

    def plan() -> dict[str, Any]:
        plans = selectors.plans_to_decide(user, meeting)
        if not plans:
            return {"refused": _("Forumet har ingen plan att besluta.")}
        return {"form": PlanDecisionForm(plans=plans, auto_id=f"{prefix}_plan_%s")}

    def priorities() -> dict[str, Any]:
        lists = selectors.priority_lists_to_decide(user, meeting)
        if not lists:
            return {"refused": _("Rådet har inget utkast till prioriteringar att besluta.")}
        return {"form": PrioritiesDecisionForm(priority_lists=lists, auto_id=f"{prefix}_priorities_%s")}

    forms: dict[str, tuple[str, str, Callable[[], dict[str, Any]]]] = {
        "anteckningar": (_("Anteckningar för punkt %(n)s"), "meetings/_notes_form.html", notes),
        "beslut": (_("Beslut under punkt %(n)s"), "meetings/_decision_form.html", decision),
        "plan": (_("Besluta plan under punkt %(n)s"), "meetings/_plan_form.html", plan),
        "prioriteringar": (
            _("Besluta prioriteringar under punkt %(n)s"),
            "meetings/_priorities_form.html",
            priorities,
        ),
    }
    if form not in forms:
        raise Http404
    title, fragment, build = forms[form]
    context = {"item": item, "title": title % {"n": item.number}, "fragment": fragment, "anchor": f"item-{item.pk}"}
    return _form_response(request, meeting, context, build)


@login_required
def meeting_form(request: AuthenticatedHttpRequest, pk: int, form: str) -> HttpResponse:
    """A form of the meeting itself that the page loads when it is opened: a new agenda item
    ("punkt") or a guest ("gast")."""
    meeting = selectors.meeting_for(request.user, pk)
    user = request.user

    def new_item() -> dict[str, Any]:
        offered = selectors.offered_rows(user, meeting.forum)
        initial = {"classification": meeting.classification}
        return {"form": ItemForm(user=user, offered=offered, auto_id="id_new_item_%s", initial=initial)}

    def guest() -> dict[str, Any]:
        return {"form": GuestForm(auto_id="id_guest_%s")}

    forms: dict[str, tuple[str, str, str, Callable[[], dict[str, Any]]]] = {
        "punkt": (_("Lägg till punkt"), "meetings/_new_item_form.html", "agenda", new_item),
        "gast": (_("Kalla en gäst"), "meetings/_guest_form.html", "attendance", guest),
    }
    if form not in forms:
        raise Http404
    title, fragment, anchor, build = forms[form]
    return _form_response(request, meeting, {"title": title, "fragment": fragment, "anchor": anchor}, build)


def _item_rows(request: HttpRequest, meeting: Meeting, editable: bool) -> tuple[list[dict[str, Any]], int]:
    """The agenda as the user may read it (the same selector as the minutes); the edit forms come
    when they are opened (`item_form`)."""
    user = request.user
    agenda = selectors.agenda_for(user, meeting)
    plans = selectors.plans_to_decide(user, meeting) if editable else []
    lists = selectors.priority_lists_to_decide(user, meeting) if editable else []
    rows = [
        item_row(user, meeting, agenda_row, editable=editable, plans=plans, priority_lists=lists)
        for agenda_row in agenda.rows
    ]
    return rows, agenda.hidden_items


@login_required
def meeting_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, pk)
    runnable = permissions.can_run_meeting(request.user, meeting)
    editable = runnable and not meeting.is_approved
    items, hidden_items = _item_rows(request, meeting, editable)
    context = {
        "meeting": meeting,
        "when": full_when(meeting.date, meeting.start_time, meeting.end_time),
        "attendances": meeting.attendances.select_related("organisation", "user"),
        "statuses": AttendanceStatus.choices,
        "items": items,
        "hidden_items": hidden_items,
        "editable": editable,
        "can_approve": permissions.can_approve_minutes(request.user, meeting) and not meeting.is_approved,
        "can_distribute": permissions.can_distribute_minutes(request.user, meeting) and meeting.is_approved,
        "can_new_version": meeting.is_approved
        and permissions.can_change_meeting(request.user, meeting)
        and not meeting.next_versions.exists(),
        "newer": meeting.next_versions.first(),
        "can_change": permissions.can_manage_collaboration(request.user),
        "nav": "meetings",
    }
    return render(request, "meetings/detail.html", context)


@login_required
def minutes_html(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, pk)
    with translation.override("sv"):
        context = printable(minutes_context(meeting, request.user, public=wants_public(request)))
    return render(request, "meetings/minutes/page.html", {**context, "nav": "meetings"})


@login_required
def meeting_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, pk)
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mote-{meeting.pk}.ics"'
    return response


def item_of(request: HttpRequest, pk: int) -> AgendaItem:
    """An agenda item of a meeting the user may see (404 otherwise)."""
    item = AgendaItem.objects.select_related("meeting").filter(pk=pk).first()
    if item is None or not permissions.can_view_agenda_item(request.user, item):
        raise Http404
    return item


@login_required
def row_search(request: HttpRequest, pk: int) -> HttpResponse:
    """The options of a decision's or a new item's problem or measure field (htmx): the offered rows
    of the item's forum (or the meeting's), then the rows the user may read whose title contains `q`.
    Only for those who run the meeting; an unknown field is a 404."""
    meeting = selectors.meeting_for(request.user, pk)
    if not permissions.can_run_meeting(request.user, meeting):
        raise PermissionDenied
    kind = request.GET.get("falt", "")
    if kind not in {"problem", "measure"}:
        raise Http404
    forum = meeting.forum
    item_pk = request.GET.get("punkt", "")
    if item_pk:
        item = item_of(request, int(item_pk)) if item_pk.isdigit() and len(item_pk) < 12 else None
        if item is None or item.meeting_id != meeting.pk:
            raise Http404
        forum = selectors.offered_forum(item)
    problems, measures = selectors.offered_rows(request.user, forum)
    offered = list(problems if kind == "problem" else measures)
    shown = {row.pk for row in offered}
    hits = [
        row
        for row in selectors.rows_matching(request.user, kind, request.GET.get("q", "")[:100])
        if row.pk not in shown
    ]
    return render(
        request,
        "meetings/_row_options.html",
        {"forum": forum, "offered": offered, "hits": hits, "searched": bool(request.GET.get("q", "").strip())},
    )


@login_required
def item_tables(request: HttpRequest, pk: int) -> HttpResponse:
    """The work tables of an agenda item's partnership (htmx, loaded after the meeting page)."""
    item = item_of(request, pk)
    if not item.partnership_id or not permissions.can_view(request.user, item.partnership):
        raise Http404
    row = {"item": item, "tables": work_tables(request.user, forum=item.partnership)}
    return render(request, "meetings/_item_tables.html", {"row": row, "item": item})
