"""Recording a follow-up of a decided plan or citizen promise (coordinators)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tryggsam.accounts import permissions
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.core.errors import ServiceError, refusal_text
from tryggsam.plans import follow_ups, selectors
from tryggsam.plans.forms import FollowUpForm


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
