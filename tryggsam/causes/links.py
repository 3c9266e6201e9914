"""Where a cause tree's page is (one rule for the pages, the sections and the minutes)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tryggsam.plans.models import FocusArea


def tree_url(owner: Any) -> str:
    if isinstance(owner, FocusArea):
        return reverse("causes:focus_area_tree", args=[owner.pk])
    return reverse("causes:problem_tree", args=[owner.pk])
