from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tryggsam.plans import selectors


def plan_list(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/list.html", {"plans": selectors.plans_visible_to(request.user), "nav": "plans"})


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "plans/detail.html", {"plan": selectors.plan_for(request.user, pk), "nav": "plans"})
