from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tryggsam.accounts import permissions
from tryggsam.plans import selectors
from tryggsam.plans.forms import DecideForm


def plan_list(request: HttpRequest) -> HttpResponse:
    context = {
        "plans": selectors.plans_visible_to(request.user),
        "can_manage": permissions.can_manage_collaboration(request.user),
        "nav": "plans",
    }
    return render(request, "plans/list.html", context)


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    can_manage = permissions.can_manage_collaboration(request.user)
    context = {
        "plan": plan,
        "can_manage": can_manage,
        "decide_form": DecideForm(initial={"decided_on": timezone.localdate()}) if can_manage else None,
        "nav": "plans",
    }
    return render(request, "plans/detail.html", context)
