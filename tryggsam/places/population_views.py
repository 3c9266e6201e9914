"""The populations of the areas, kept by coordinators and administrators (thin: ask the policy, call one
selector or service, render). Reached from the list of areas and from each area's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tryggsam.accounts import permissions
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.core.post_views import form_saved, post_and_redirect
from tryggsam.places import population_services as services
from tryggsam.places import selectors
from tryggsam.places.forms import PopulationForm
from tryggsam.places.models import Area, AreaPopulation


def _keeper_only(request: AuthenticatedHttpRequest) -> None:
    if not permissions.can_keep_populations(request.user):
        raise PermissionDenied


def _area_filter(request: AuthenticatedHttpRequest) -> Area | None:
    raw = request.GET.get("omrade", "")
    if not raw.isdigit() or len(raw) > 12:
        return None
    return selectors.areas_visible_to(request.user).filter(pk=int(raw)).first()


def _list_url(area: Area | None) -> str:
    base = reverse("places:populations")
    return f"{base}?omrade={area.pk}" if area is not None else base


@login_required
@require_http_methods(["GET", "POST"])
def population_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every area's population per year (or one area's, `?omrade=<id>`), and the form that enters one."""
    _keeper_only(request)
    area = _area_filter(request)
    form = PopulationForm(request.POST or None, initial={"area": area.pk if area is not None else None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if form_saved(
            form,
            lambda: services.population_enter(
                actor=request.user,
                area=data["area"],
                year=data["year"],
                inhabitants=data["inhabitants"],
                note=data["note"],
            ),
        ):
            messages.success(request, _("Befolkningen är sparad."))
            return redirect(_list_url(area or data["area"]))
    rows = selectors.populations_visible_to(request.user).select_related("area")
    if area is not None:
        rows = rows.filter(area=area)
    context = {"rows": rows.order_by("area__name", "area_id", "-year"), "area": area, "form": form, "nav": "places"}
    return render(request, "places/populations.html", context, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def population_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _keeper_only(request)
    population = get_object_or_404(selectors.populations_visible_to(request.user).select_related("area"), pk=pk)
    initial = {"area": population.area_id, "year": population.year, "inhabitants": population.inhabitants}
    form = PopulationForm(request.POST or None, initial={**initial, "note": population.note})
    form.fields["area"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if form_saved(
            form,
            lambda: services.population_update(
                actor=request.user,
                population=population,
                year=data["year"],
                inhabitants=data["inhabitants"],
                note=data["note"],
            ),
        ):
            messages.success(request, _("Befolkningen är ändrad."))
            return redirect(_list_url(population.area))
    context = {"population": population, "form": form, "nav": "places"}
    return render(request, "places/population_edit.html", context, status=400 if form.is_bound else 200)


@login_required
@require_POST
def population_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _keeper_only(request)
    population: AreaPopulation = get_object_or_404(selectors.populations_visible_to(request.user), pk=pk)
    area = population.area
    return post_and_redirect(
        request,
        lambda: services.population_delete(actor=request.user, population=population),
        done=_("Befolkningsuppgiften är borttagen."),
        to=_list_url(area),
    )
