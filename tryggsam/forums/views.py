from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tryggsam.accounts import permissions
from tryggsam.forums import selectors
from tryggsam.forums.forms import ForumMemberForm
from tryggsam.forums.models import ForumKind, ForumRole
from tryggsam.forums.sections import page_sections


def forum_list(request: HttpRequest) -> HttpResponse:
    forums = selectors.forums_visible_to(request.user).filter(is_active=True)
    groups = [(label, [f for f in forums if f.kind == kind]) for kind, label in ForumKind.choices]
    can_manage = permissions.can_manage_collaboration(request.user)
    archived = selectors.forums_visible_to(request.user).filter(is_active=False) if can_manage else []
    context = {"groups": [g for g in groups if g[1]], "archived": archived, "can_manage": can_manage, "nav": "forums"}
    return render(request, "forums/list.html", context)


def forum_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The forum's page; its meetings and work tables are sections the apps above forums register
    (`sections.py`)."""
    forum = selectors.forum_page_forum(request.user, pk)
    can_manage = permissions.can_manage_forum(request.user, forum)
    context = {
        "forum": forum,
        "members": selectors.forum_members(request.user, forum),
        "places": forum.places.only("pk", "name"),  # their names and links, not their GeoJSON
        "can_manage": can_manage,
        "member_form": ForumMemberForm() if can_manage else None,
        "roles": ForumRole.choices,
        "nav": "forums",
        **page_sections(request.user, forum, can_manage=can_manage),
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
