from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tryggsam.accounts import permissions
from tryggsam.casework.selectors import measures_due, shown_due
from tryggsam.forums.models import ForumKind
from tryggsam.forums.selectors import forums_of, forums_visible_to
from tryggsam.home.selectors import latest_changes_for
from tryggsam.meetings.selectors import next_meetings


def start(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        partnerships = forums_visible_to(user).filter(kind=ForumKind.PARTNERSHIP)
        return render(request, "home/public.html", {"partnerships": partnerships, "nav": "start"})
    # The card shows a forum's name and cadence only: not its area (with the area's boundary) or parent.
    my_forums = list(forums_of(user).select_related(None).only("pk", "name", "cadence"))
    context = {
        "my_due": shown_due(measures_due(user, responsible_user=user)),
        "my_forums": my_forums,
        "next_meetings": next_meetings(user, forums=[f.pk for f in my_forums], limit=5),
        "changes": latest_changes_for(user),
        "can_report": permissions.is_reporter(user),
        "can_manage": permissions.can_manage_collaboration(user),
        "nav": "start",
    }
    return render(request, "home/start.html", context)
