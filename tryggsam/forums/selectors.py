from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.accounts.models import User
from tryggsam.audit.reads import one_visible_or_404
from tryggsam.forums.models import Forum, ForumMember, Programme, ProgrammeDelivery, SafetyWalk


def forums_visible_to(user: Reader) -> QuerySet[Forum]:
    return Forum.objects.filter(permissions.visible_q(user, Forum)).select_related("area", "parent")


def forum_for(user: Reader, pk: int) -> Forum:
    return one_visible_or_404(user, forums_visible_to(user), pk)


def forum_page_forum(user: Reader, pk: int) -> Forum:
    """`forum_for` as the forum's page reads it: the area's name without its boundary (the page names
    the area, it draws no map)."""
    return one_visible_or_404(user, forums_visible_to(user).defer("area__geometry"), pk)


def forum_members(user: Reader, forum: Forum) -> QuerySet[ForumMember]:
    """The forum's members as its page lists them: names, titles and organisations, not the people's
    whole rows (password hashes and all)."""
    if not permissions.is_collaboration_member(user):
        return ForumMember.objects.none()
    return (
        forum.members.select_related("user", "organisation")
        .only("forum", "role", "title", "user", "user__full_name", "user__title", "organisation", "organisation__name")
        .order_by("role", "user__full_name")
    )


def forums_of(user: Reader) -> QuerySet[Forum]:
    """The forums the user sits in (directly or through their organisation)."""
    orgs = permissions.organisation_ids(user)
    return forums_visible_to(user).filter(Q(members__user=user) | Q(members__organisation__in=orgs)).distinct()


def safety_walks_visible_to(user: Reader) -> QuerySet[SafetyWalk]:
    return SafetyWalk.objects.filter(permissions.visible_q(user, SafetyWalk)).select_related("area", "forum")


def safety_walk_for(user: Reader, pk: int) -> SafetyWalk:
    """One walk the user may read, or 404; reads of restricted walks are logged."""
    return one_visible_or_404(user, safety_walks_visible_to(user), pk)


def deliveries(user: Reader) -> QuerySet[ProgrammeDelivery]:
    if not permissions.is_collaboration_member(user):
        return ProgrammeDelivery.objects.none()
    return ProgrammeDelivery.objects.select_related("programme", "school")


def programmes_with_deliveries(user: Reader) -> QuerySet[Programme]:
    """Every programme (also those with no delivery yet) with its deliveries, newest school year first;
    deliveries are for members of the collaboration only."""
    if not permissions.is_collaboration_member(user):
        return Programme.objects.none()
    deliveries_qs = ProgrammeDelivery.objects.select_related("school").order_by("-school_year", "school__name")
    return Programme.objects.prefetch_related(Prefetch("deliveries", queryset=deliveries_qs)).order_by("name")


def work_table_forums_for_finding(user: Reader, walk: Any) -> list[Forum]:
    """The work tables a finding of `walk` may become a problem in, as `user` may use them: the walk's
    own forum alone when it takes new work, otherwise every active forum `user` can see (empty for
    those who may not turn findings into problems)."""
    if walk.forum is not None and permissions.can_put_finding_in_work_table(user, walk.forum):
        return [walk.forum]
    if not permissions.can_manage_collaboration(user):
        return []
    return [
        f
        for f in forums_visible_to(user).filter(is_active=True).order_by("name")
        if permissions.can_put_finding_in_work_table(user, f)
    ]


def forum_people(forums: QuerySet[Forum]) -> QuerySet[User]:
    """The active people who sit in these forums: members by name, and the people of an organisation
    that sits in a forum without a named person (as `walk_services` counts who belongs to a forum)."""
    members = ForumMember.objects.filter(forum__in=forums)
    seated_organisations = members.filter(user=None, organisation__isnull=False).values("organisation")
    return (
        User.objects.filter(permissions.real_people_q(), is_active=True)
        .filter(Q(forum_memberships__in=members) | Q(memberships__organisation__in=seated_organisations))
        .distinct()
        .order_by("full_name")
    )


def map_focus(walk: SafetyWalk) -> str:
    """Where a walk's maps start ("min_lat,min_lon,max_lat,max_lon", or "" for the whole municipality):
    the walk's area when it has bounds, else the places and area of its forum."""
    areas = [walk.area] if walk.area else []
    forum = walk.forum
    if not _boxes(areas) and forum is not None:
        areas = [a for a in [forum.area, *forum.places.all()] if a is not None]
    boxes = _boxes(areas)
    if not boxes:
        return ""
    box = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    return ",".join(f"{v:f}" for v in box)


def _boxes(areas: list[Any]) -> list[tuple[float, float, float, float]]:
    return [
        (a.min_lat, a.min_lon, a.max_lat, a.max_lon)
        for a in areas
        if None not in (a.min_lat, a.min_lon, a.max_lat, a.max_lon)
    ]
