"""Recording a follow-up of a decided plan or citizen promise, and correcting one (coordinators)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tryggsam.accounts import permissions
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.core.errors import ServiceError, refusal_text
from tryggsam.plans import follow_ups, selectors
from tryggsam.plans.forms import FollowUpCorrectionForm, FollowUpForm
from tryggsam.plans.models import PlanFollowUp


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    if not permissions.can_manage_collaboration(request.user):
        raise PermissionDenied
    suggested = follow_ups.suggest_next_follow_up(plan)
    today = timezone.localdate()
    initial = {"date": suggested if suggested and suggested <= today else today}
    form = FollowUpForm(request.POST or None, plan=plan, initial=initial) if plan.is_frozen else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            follow_up = follow_ups.follow_up_record(actor=request.user, plan=plan, **form.service_arguments())
        except (ServiceError, ValidationError) as exc:
            form.add_error(None, refusal_text(exc))
        else:
            messages.success(request, _("Uppföljningen är registrerad."))
            return redirect(reverse("plans:detail", args=[plan.pk]) + f"#uppfoljning-{follow_up.pk}")
    status = 400 if form is not None and form.is_bound else 200
    context = {"plan": plan, "form": form, "suggested": suggested, "nav": "plans"}
    return render(request, "plans/follow_up_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Correct a recorded follow-up with a reason; the decided plan itself stays as it was decided."""
    follow_up = PlanFollowUp.objects.select_related("plan").filter(pk=pk).first()
    if follow_up is None:
        raise Http404
    plan = selectors.plan_for(request.user, follow_up.plan_id)
    if not permissions.can_correct_plan_follow_up(request.user, follow_up):
        raise PermissionDenied
    initial = FollowUpCorrectionForm.initial_for(follow_up)
    form = FollowUpCorrectionForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            follow_ups.follow_up_correct(actor=request.user, follow_up=follow_up, **form.service_arguments())
        except (ServiceError, ValidationError) as exc:
            form.add_error(None, refusal_text(exc))
        else:
            messages.success(request, _("Uppföljningen är rättad."))
            return redirect(reverse("plans:detail", args=[plan.pk]) + f"#uppfoljning-{follow_up.pk}")
    context = {"plan": plan, "form": form, "follow_up": follow_up, "nav": "plans"}
    return render(request, "plans/follow_up_form.html", context, status=400 if form.is_bound else 200)
