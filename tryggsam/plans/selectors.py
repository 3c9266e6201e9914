from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from tryggsam.accounts import permissions
from tryggsam.plans.models import ActionPlan


def plans_visible_to(user: Any) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(permissions.visible_q(user, ActionPlan)).select_related("forum", "area")


def plan_for(user: Any, pk: int) -> ActionPlan:
    plan = plans_visible_to(user).prefetch_related("focus_areas__forum", "focus_areas__area").filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan
