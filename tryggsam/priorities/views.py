"""The prioritisation pages (thin: parse, ask the policy, call one selector or service, render)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from tryggsam.accounts import permissions
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.core.post_views import form_saved, post_and_redirect
from tryggsam.forums.models import Forum
from tryggsam.priorities import ranking, selectors, services
from tryggsam.priorities.forms import EntriesForm, NewListForm, RhythmForm
from tryggsam.priorities.periods import PeriodError, parse_period, recent_periods
from tryggsam.priorities.table import council_areas

COLUMNS = [
    ("omrade", _lazy("Område")),
    ("antal", _lazy("Antal händelser")),
    ("per-1000", _lazy("Per 1 000 invånare")),
    ("foregaende", _lazy("Föregående period")),
    ("forra-aret", _lazy("Samma period i fjol")),
    ("partner", _lazy("Partnerrapporter")),
    ("problem", _lazy("Öppna problem")),
    ("atgarder", _lazy("Öppna åtgärder")),
    ("utan-atgard", _lazy("Problem utan åtgärd")),
    ("forslag", _lazy("Föreslagen plats")),
]


def _headers(base: str, period_key: str, sort: str, order: str) -> list[dict[str, str]]:
    """Each column's sort link (server-side; the current column's link turns the order around) and its
    aria-sort value for screen readers."""
    headers = []
    for key, label in COLUMNS:
        current = key == sort
        next_order = ("fallande" if order == "stigande" else "stigande") if current else "fallande"
        if key in ("omrade", "forslag") and not current:
            next_order = "stigande"
        query = urlencode({"period": period_key, "sortera": key, "ordning": next_order})
        aria = ("ascending" if order == "stigande" else "descending") if current else "none"
        headers.append({"key": key, "label": str(label), "url": f"{base}?{query}", "aria_sort": aria})
    return headers


@login_required
def council_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    councils = list(selectors.councils_visible_to(request.user))
    if len(councils) == 1:
        return redirect("priorities:table", pk=councils[0].pk)
    return render(request, "priorities/list.html", {"councils": councils, "nav": "priorities"})


@login_required
def table(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The table of the council's areas for a period (`?period=2026-T2`, the last ended by default),
    sorted by a column (`?sortera=antal&ordning=fallande`); a bad period or sort is a 400 with a
    Swedish message."""
    council = selectors.council_for(request.user, pk)
    rhythm = selectors.rhythm_of(council)
    today = timezone.localdate()
    context = {
        "council": council,
        "rhythm": rhythm,
        "periods": recent_periods(rhythm, today),
        "rhythm_form": RhythmForm(initial={"rhythm": rhythm}),
        "can_draft": permissions.can_draft_priorities(request.user, council),
        "lists": selectors.priority_lists_of(request.user, council),
        "current": selectors.current_priorities(request.user, council),
        "sort_keys": list(selectors.SORT_KEYS),
        "rule": ranking.__doc__,
        "nav": "priorities",
    }
    try:
        period = parse_period(request.GET["period"], rhythm) if request.GET.get("period") else None
        period = period or selectors.default_period(council, today)
        key, order = request.GET.get("sortera", "forslag"), request.GET.get("ordning", "stigande")
        data = selectors.priority_table(request.user, council, period)
        rows = selectors.sorted_rows(data, key, order)
    except (PeriodError, selectors.SortError) as exc:
        return render(request, "priorities/table.html", {**context, "error": str(exc)}, status=400)
    context.update(
        table=data,
        rows=rows,
        sort=key,
        order=order,
        headers=_headers(reverse("priorities:table", args=[council.pk]), period.key, key, order),
        export_query=urlencode({"period": period.key, "sortera": key, "ordning": order}),
        suggested=ranking.suggested(data),
        new_list_form=NewListForm(rhythm=rhythm, initial={"period": period.key}),
    )
    return render(request, "priorities/table.html", context)


def _council_to_draft(request: AuthenticatedHttpRequest, pk: int) -> Forum:
    council = selectors.council_for(request.user, pk)
    if not permissions.can_draft_priorities(request.user, council):
        raise PermissionDenied
    return council


@login_required
@require_POST
def rhythm_set(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    council = _council_to_draft(request, pk)
    form = RhythmForm(request.POST)
    back = reverse("priorities:table", args=[council.pk])
    if not form.is_valid():
        messages.error(request, _("Välj tertial eller kvartal."))
        return redirect(back)
    return post_and_redirect(
        request,
        lambda: services.priority_settings_set(actor=request.user, council=council, rhythm=form.cleaned_data["rhythm"]),
        done=_("Rådets rytm är sparad."),
        to=back,
    )


@login_required
@require_POST
def list_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A draft list for the chosen period, started from the suggested ranking."""
    council = _council_to_draft(request, pk)
    form = NewListForm(request.POST, rhythm=selectors.rhythm_of(council))
    created = []
    if form.is_valid() and form_saved(
        form,
        lambda: created.append(
            services.priority_list_create(actor=request.user, council=council, period=form.cleaned_data["period"])
        ),
    ):
        messages.success(request, _("Ett utkast är skapat från förslaget. Ändra det och besluta det i rådets möte."))
        return redirect("priorities:list_detail", pk=created[0].pk)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return redirect("priorities:table", pk=council.pk)


@login_required
@require_http_methods(["GET", "POST"])
def list_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A list: its areas in order; while a draft, the form that changes them."""
    priority_list = selectors.priority_list_for(request.user, pk)
    editable = permissions.can_edit_priority_list(request.user, priority_list)
    if request.method == "POST" and not editable:
        raise PermissionDenied
    form = None
    if editable:
        areas = council_areas(priority_list.council)
        form = EntriesForm(request.POST or None, areas=areas, priority_list=priority_list)
        if (
            request.method == "POST"
            and form.is_valid()
            and form_saved(
                form,
                lambda: services.priority_list_set_entries(
                    actor=request.user, priority_list=priority_list, entries=form.entries()
                ),
            )
        ):
            messages.success(request, _("Listan är sparad."))
            return redirect("priorities:list_detail", pk=priority_list.pk)
    context = {
        "priority_list": priority_list,
        "entries": priority_list.entries.select_related("area"),
        "form": form,
        "editable": editable,
        "nav": "priorities",
    }
    status = 400 if form is not None and form.is_bound else 200
    return render(request, "priorities/list_detail.html", context, status=status)


@login_required
@require_POST
def list_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    priority_list = selectors.priority_list_for(request.user, pk)
    if not permissions.can_edit_priority_list(request.user, priority_list):
        raise PermissionDenied
    council_pk = priority_list.council_id
    return post_and_redirect(
        request,
        lambda: services.priority_list_delete(actor=request.user, priority_list=priority_list),
        done=_("Utkastet är borttaget."),
        to=reverse("priorities:table", args=[council_pk]),
    )
