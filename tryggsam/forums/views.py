from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tryggsam.accounts import permissions
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.audit.services import audit_reads
from tryggsam.casework.selectors import closed_problems, work_tables
from tryggsam.core.errors import ServiceError
from tryggsam.forums import selectors, services
from tryggsam.forums.forms import ForumMemberForm
from tryggsam.forums.models import Finding, ForumKind, ForumRole
from tryggsam.meetings.recurrence import propose_dates
from tryggsam.meetings.selectors import upcoming_meetings


def forum_list(request: HttpRequest) -> HttpResponse:
    forums = selectors.forums_visible_to(request.user).filter(is_active=True)
    groups = [(label, [f for f in forums if f.kind == kind]) for kind, label in ForumKind.choices]
    can_manage = permissions.can_manage_collaboration(request.user)
    archived = selectors.forums_visible_to(request.user).filter(is_active=False) if can_manage else []
    context = {"groups": [g for g in groups if g[1]], "archived": archived, "can_manage": can_manage, "nav": "forums"}
    return render(request, "forums/list.html", context)


def forum_detail(request: HttpRequest, pk: int) -> HttpResponse:
    forum = selectors.forum_for(request.user, pk)
    can_manage = permissions.can_manage_forum(request.user, forum)
    tables = work_tables(request.user, forum=forum)
    shown = [r.measure for t in tables for r in t.rows if r.measure] + list({r.problem for t in tables for r in t.rows})
    audit_reads(user=request.user, objects=shown, note=forum.name)
    context = {
        "forum": forum,
        "members": selectors.forum_members(request.user, forum),
        "next_meetings": upcoming_meetings(request.user, forums=[forum], limit=4),
        "proposals": propose_dates(forum, count=3) if can_manage and forum.is_active else [],
        "tables": tables,
        "closed_problems": closed_problems(request.user, forum=forum),
        "places": forum.places.all(),
        "can_manage": can_manage,
        "member_form": ForumMemberForm() if can_manage else None,
        "roles": ForumRole.choices,
        "can_add": permissions.can_create_problem(request.user) and forum.is_active,
        "nav": "forums",
    }
    return render(request, "forums/detail.html", context)


@login_required
def safety_walk_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "forums/safety_walks.html",
        {
            "walks": selectors.safety_walks_visible_to(request.user),
            "can_manage": permissions.can_manage_collaboration(request.user),
            "nav": "forums",
        },
    )


@login_required
@require_POST
def finding_to_problem(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    finding = Finding.objects.select_related("walk").filter(pk=pk).first()
    if finding is None or not permissions.can_view(request.user, finding.walk):
        raise Http404
    if not permissions.can_manage_collaboration(request.user):
        raise PermissionDenied
    offered = {str(f.pk): f for f in selectors.work_table_forums_for_finding(request.user, finding.walk)}
    posted = request.POST.get("forum", "")
    forum = offered.get(posted) if posted or len(offered) != 1 else next(iter(offered.values()))
    try:
        if forum is None:
            raise ServiceError(_("Välj en av arbetstabellerna i listan."))
        problem = services.finding_to_problem(actor=request.user, finding=finding, forum=forum)
        messages.success(request, _("Iakttagelsen är nu ett problem: %(p)s") % {"p": problem.title})
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect("forums:safety_walk", pk=finding.walk_id)
