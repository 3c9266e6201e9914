from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.text import slugify

from tryggsam.accounts import permissions
from tryggsam.plans import export, follow_ups, selectors
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
        "follow_ups": selectors.follow_ups_of(plan),
        "next_follow_up": follow_ups.suggest_next_follow_up(plan),
        "today": timezone.localdate(),
        "newer": selectors.next_version(request.user, plan),
        "can_manage": can_manage,
        "decide_form": DecideForm(initial={"decided_on": timezone.localdate()}) if can_manage else None,
        "nav": "plans",
    }
    return render(request, "plans/detail.html", context)


def _download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    with translation.override("sv"):
        render = export.render_docx if fmt == "docx" else export.render_pdf
        body = render(plan, reader=request.user)
    content_type = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if fmt == "docx"
        else "application/pdf"
    )
    response = HttpResponse(body, content_type=content_type)
    name = slugify(plan.title)[:60] or "plan"
    response["Content-Disposition"] = f'attachment; filename="{name}-v{plan.version}.{fmt}"'
    if plan.classification != "open":
        response["Cache-Control"] = "private, no-store"
    return response


def plan_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "docx")


def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "pdf")
