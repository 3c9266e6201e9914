"""Counting a safety-walk finding in the situation picture.

Whoever records a finding may also count it as an incident of a category. Incidents sit above forums
in the layers (README, "Layers"), so forums do not know incidents: the incidents app registers here, in
its `AppConfig.ready`, the form field that offers the categories and the writer that records the
incident, and the finding's form and service call them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms

from tryggsam.accounts.actors import Actor

if TYPE_CHECKING:
    from tryggsam.forums.models import Finding


@dataclass(frozen=True)
class FindingCounter:
    """`field()` makes the finding form's optional "count as" field (its value is passed on as
    `category`); `record(finding=, category=, actor=)` counts the finding, inside the transaction that
    saves it."""

    field: Callable[[], forms.Field]
    record: Callable[..., Any]


_counters: list[FindingCounter] = []


def register_finding_counter(counter: FindingCounter) -> None:
    """Called from an `AppConfig.ready`; there is one counter (a second replaces the first)."""
    _counters[:] = [counter]


def count_field() -> forms.Field | None:
    """The "count as" field of the finding form, or None when nothing counts findings."""
    return _counters[0].field() if _counters else None


def count_finding(*, finding: Finding, category: Any, actor: Actor) -> None:
    """Count the finding as `category` (a value of `count_field`)."""
    if not _counters:
        raise LookupError("no app counts safety-walk findings")
    _counters[0].record(finding=finding, category=category, actor=actor)
