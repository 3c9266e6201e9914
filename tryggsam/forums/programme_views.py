"""Programmes in the schools: coordinators add programmes and record and correct each delivery
(planned, held, not held or declined; date, classes, pupils and who delivered it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tryggsam.accounts import permissions
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.core.errors import ServiceError, refusal_text
from tryggsam.forums import selectors, services
from tryggsam.forums.forms import DeliveryForm, ProgrammeForm
from tryggsam.forums.models import Programme, ProgrammeDelivery


def _page(request: HttpRequest, *, status: int = 200, **forms_: object) -> HttpResponse:
    can_manage = permissions.can_manage_collaboration(request.user)
    programmes = list(selectors.programmes_with_deliveries(request.user))
    failed = forms_.get("failed_programme")
    for programme in programmes:  # one form per programme, with its own field ids
        own = forms_.get("delivery_form") if programme.pk == failed else None
        programme.delivery_form = own or (DeliveryForm(auto_id=f"p{programme.pk}_%s") if can_manage else None)  # type: ignore[attr-defined]
    context = {
        "programmes": programmes,
        "can_manage": can_manage,
        "programme_form": forms_.get("programme_form") or (ProgrammeForm() if can_manage else None),
        "delivery_form": forms_.get("delivery_form"),
        "failed_programme": failed,
        "nav": "forums",
    }
    return render(request, "forums/programmes.html", context, status=status)


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    return _page(request)


def _require_manager(request: HttpRequest) -> None:
    if not permissions.can_manage_collaboration(request.user):
        raise PermissionDenied


@login_required
@require_POST
def programme_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_manager(request)
    form = ProgrammeForm(request.POST)
    if form.is_valid():
        try:
            services.programme_create(actor=request.user, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            form.add_error(None, refusal_text(exc))
        else:
            messages.success(request, _("Programmet är tillagt."))
            return redirect("forums:programmes")
    return _page(request, status=400, programme_form=form)


def _programme(pk: int) -> Programme:
    programme = Programme.objects.filter(pk=pk).first()
    if programme is None:
        raise Http404
    return programme


@login_required
@require_POST
def delivery_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    programme = _programme(pk)
    form = DeliveryForm(request.POST, auto_id=f"p{programme.pk}_%s")
    if form.is_valid():
        try:
            services.delivery_record(actor=request.user, programme=programme, replace=False, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            form.add_error(None, refusal_text(exc))
        else:
            messages.success(request, _("Leveransen är registrerad."))
            return redirect(reverse("forums:programmes") + f"#program-{programme.pk}")
    return _page(request, status=400, delivery_form=form, failed_programme=programme.pk)


@login_required
@require_http_methods(["GET", "POST"])
def delivery_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    delivery = ProgrammeDelivery.objects.select_related("programme", "school").filter(pk=pk).first()
    if delivery is None:
        raise Http404
    initial = {
        "school": delivery.school,
        "school_year": delivery.school_year,
        "status": delivery.status,
        "delivered_on": delivery.delivered_on,
        "classes": delivery.classes,
        "pupils": delivery.pupils,
        "delivered_by": delivery.delivered_by,
        "note": delivery.note,
    }
    form = DeliveryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.delivery_update(actor=request.user, delivery=delivery, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            form.add_error(None, refusal_text(exc))
            delivery.refresh_from_db()
        else:
            messages.success(request, _("Leveransen är rättad."))
            return redirect(reverse("forums:programmes") + f"#program-{delivery.programme_id}")
    status = 400 if form.is_bound else 200
    context = {"form": form, "delivery": delivery, "nav": "forums"}
    return render(request, "forums/delivery_form.html", context, status=status)
