from __future__ import annotations

from django.db.models import QuerySet

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.audit.reads import one_visible_or_404
from tryggsam.plans.models import ActionPlan, PlanFollowUp


def plans_visible_to(user: Reader) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(permissions.visible_q(user, ActionPlan)).select_related("forum", "area")


def plan_for(user: Reader, pk: int) -> ActionPlan:
    return one_visible_or_404(
        user, plans_visible_to(user).prefetch_related("focus_areas__forum", "focus_areas__area"), pk
    )


def next_version(user: Reader, plan: ActionPlan) -> ActionPlan | None:
    """The version made from `plan`, if the user may read it (a decided plan is then superseded)."""
    return plans_visible_to(user).filter(previous=plan).first()


def follow_ups_of(plan: ActionPlan) -> list[PlanFollowUp]:
    """The plan's follow-ups, newest first, with their rows (for a plan the caller has already read)."""
    return list(
        plan.follow_ups.select_related("recorded_by").prefetch_related("entries__focus_area").order_by("-date", "-id")
    )
