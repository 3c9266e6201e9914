"""A safety walk's finding turned into a problem of a work table (a button on the walk's page): the
work tables are casework's, so the finding is taken up here, not in forums."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tryggsam.accounts import permissions
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.casework import services
from tryggsam.core.errors import ServiceError
from tryggsam.forums import selectors as forum_selectors
from tryggsam.forums.models import Finding


@login_required
@require_POST
def finding_to_problem(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    finding = Finding.objects.select_related("walk").filter(pk=pk).first()
    if finding is None or not permissions.can_view(request.user, finding.walk):
        raise Http404
    if not permissions.can_manage_collaboration(request.user):
        raise PermissionDenied
    offered = {str(f.pk): f for f in forum_selectors.work_table_forums_for_finding(request.user, finding.walk)}
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
