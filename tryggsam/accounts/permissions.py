"""The one policy module: who may see and do what.

Every view, API operation, admin page, export and command asks here. Reads use `can_view` for one
object and `visible_q` to filter lists and aggregates; writes use the `can_*` predicates, which are
also registered with `rules` so that `user.has_perm("casework.change_measure", measure)` agrees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules
from django.db.models import Model, Q

from tryggsam.accounts.models import Role
from tryggsam.core.models import Classification

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from tryggsam.accounts.models import User

    AnyUser = User | AnonymousUser

ROLE_RANK = {Role.READER: 1, Role.REPORTER: 2, Role.MEMBER: 3, Role.COORDINATOR: 4, Role.ADMIN: 5}
_CACHE_ATTR = "_tryggsam_roles"


def roles_by_organisation(user: Any) -> dict[int, str]:
    """{organisation_id: role} for an active, logged-in user; cached on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = dict(user.memberships.values_list("organisation_id", "role"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user: Any) -> None:
    """Drop the cached roles (after a membership change)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def organisation_ids(user: Any) -> set[int]:
    return set(roles_by_organisation(user))


def highest_rank(user: Any) -> int:
    if getattr(user, "is_superuser", False) and user.is_active:
        return ROLE_RANK[Role.ADMIN]
    return max((ROLE_RANK[Role(r)] for r in roles_by_organisation(user).values()), default=0)


@rules.predicate
def is_collaboration_member(user: Any) -> bool:
    """Logged in and a member of at least one organisation of the collaboration."""
    return highest_rank(user) >= ROLE_RANK[Role.READER]


@rules.predicate
def is_reporter(user: Any) -> bool:
    return highest_rank(user) >= ROLE_RANK[Role.REPORTER]


@rules.predicate
def is_member(user: Any) -> bool:
    return highest_rank(user) >= ROLE_RANK[Role.MEMBER]


@rules.predicate
def is_coordinator(user: Any) -> bool:
    return highest_rank(user) >= ROLE_RANK[Role.COORDINATOR]


@rules.predicate
def is_admin(user: Any) -> bool:
    return highest_rank(user) >= ROLE_RANK[Role.ADMIN]


# --- reading -------------------------------------------------------------------------------------


def can_view(user: Any, obj: Any) -> bool:
    """May `user` read this classified record?"""
    classification = getattr(obj, "classification", Classification.INTERNAL)
    if classification == Classification.OPEN:
        return True
    if not is_collaboration_member(user):
        return False
    if classification == Classification.INTERNAL:
        return True
    if user.is_superuser:
        return True
    orgs = organisation_ids(user)
    if obj.owner_organisation_id in orgs:
        return True
    return obj.shared_with.filter(pk__in=orgs).exists()


def visible_q(user: Any, model: type[Model], prefix: str = "") -> Q:
    """A filter for querysets of a classified `model` (or of a model reached by `prefix`, e.g.
    "measure__") that keeps only what `user` may read. Aggregates use the same filter."""
    field = f"{prefix}classification"
    if not is_collaboration_member(user):
        return Q(**{field: Classification.OPEN})
    if user.is_superuser:
        return Q()
    orgs = organisation_ids(user)
    through = model._meta.get_field("shared_with").remote_field.through  # type: ignore[union-attr]
    fk = model._meta.model_name
    shared_ids = through.objects.filter(organisation_id__in=orgs).values(f"{fk}_id")
    restricted_ok = Q(**{f"{prefix}owner_organisation__in": orgs}) | Q(**{f"{prefix}pk__in": shared_ids})
    return Q(**{f"{field}__in": [Classification.OPEN, Classification.INTERNAL]}) | (
        Q(**{field: Classification.RESTRICTED}) & restricted_ok
    )


def rollup_visible_q(user: Any) -> Q:
    """The same rule as `visible_q` for the incidents' roll-ups (situation.DailyRollup and MonthlyRollup),
    which carry the classification, the owner (0 for none) and the organisations a restricted incident
    is shared with (`audience`, ",3,7,"): a restricted incident counts only for those who may read it."""
    if not is_collaboration_member(user):
        return Q(classification=Classification.OPEN)
    if user.is_superuser:
        return Q()
    orgs = organisation_ids(user)
    restricted_ok = Q(owner__in=orgs)
    for org in orgs:
        restricted_ok |= Q(audience__contains=f",{org},")
    return Q(classification__in=[Classification.OPEN, Classification.INTERNAL]) | (
        Q(classification=Classification.RESTRICTED) & restricted_ok
    )


# --- writing -------------------------------------------------------------------------------------


def can_run_meeting(user: Any, meeting: Any) -> bool:
    """Call, mark attendance, write notes and decisions: coordinators, the chair and the secretary."""
    if not can_view(user, meeting) or not is_collaboration_member(user):
        return False
    if can_manage_collaboration(user):
        return True
    return user.pk is not None and user.pk in (meeting.chair_id, meeting.secretary_id)


def can_approve_minutes(user: Any, meeting: Any) -> bool:
    """Approve (justera) the minutes: the chair or a coordinator."""
    if not can_view(user, meeting) or not is_collaboration_member(user):
        return False
    return can_manage_collaboration(user) or (user.pk is not None and user.pk == meeting.chair_id)


def _acts_for(user: Any, organisation_id: int | None) -> bool:
    """Is `user` at least a member (not only reader/reporter) of this organisation?"""
    role = roles_by_organisation(user).get(organisation_id) if organisation_id else None
    return role is not None and ROLE_RANK[Role(role)] >= ROLE_RANK[Role.MEMBER]


@rules.predicate
def can_edit_problem(user: Any, problem: Any) -> bool:
    if not can_view(user, problem):
        return False
    if is_coordinator(user):
        return True
    return _acts_for(user, problem.owner_organisation_id)


@rules.predicate
def can_edit_measure(user: Any, measure: Any) -> bool:
    """Coordinators edit every measure they can see; a member edits the measures that their own
    organisation is responsible for, participates in or owns, and those they are responsible for."""
    if not can_view(user, measure):
        return False
    if is_coordinator(user):
        return True
    if not is_member(user):
        return False
    if measure.responsible_user_id == user.pk:
        return True
    if _acts_for(user, measure.responsible_organisation_id) or _acts_for(user, measure.owner_organisation_id):
        return True
    acting = [org for org in roles_by_organisation(user) if _acts_for(user, org)]
    return measure.participating_organisations.filter(pk__in=acting).exists()


@rules.predicate
def can_create_problem(user: Any) -> bool:
    return is_member(user)


@rules.predicate
def can_manage_collaboration(user: Any) -> bool:
    """Forums, partnerships, programmes, safety walks and the action plan."""
    return is_coordinator(user)


@rules.predicate
def can_view_audit(user: Any) -> bool:
    return is_admin(user)


@rules.predicate
def can_use_admin(user: Any) -> bool:
    return bool(getattr(user, "is_staff", False)) and is_admin(user)


@rules.predicate
def can_review_tips(user: Any) -> bool:
    """Residents' tips count in the situation picture once a coordinator has reviewed them."""
    return is_coordinator(user)


rules.add_perm("casework.view_problem", rules.predicate(can_view))
rules.add_perm("casework.view_measure", rules.predicate(can_view))
rules.add_perm("casework.change_problem", can_edit_problem)
rules.add_perm("casework.add_problem", can_create_problem)
rules.add_perm("casework.change_measure", can_edit_measure)
rules.add_perm("forums.change_forum", can_manage_collaboration)
rules.add_perm("plans.change_actionplan", can_manage_collaboration)
rules.add_perm("audit.view_auditevent", can_view_audit)
