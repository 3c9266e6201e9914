"""What else a plan's next version carries over, for the apps above plans.

`services.plan_new_version` copies the plan and its focus areas. Apps above plans keep things per focus
area (the cause analysis its trees, goals their goals); plans cannot import them (README, "Layers"), so
each registers a hook here in its `AppConfig.ready`. The service calls every hook inside its own
transaction with the actor and the mapping old focus area → its copy in the new draft; a hook copies
what it keeps and audits each copy with the same actor, so the new version and everything in it is
made, or nothing is."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from tryggsam.accounts.actors import Actor

if TYPE_CHECKING:
    from tryggsam.plans.models import FocusArea

VersionHook = Callable[[Actor, "Mapping[FocusArea, FocusArea]"], None]

_hooks: dict[str, VersionHook] = {}


def register_version_hook(name: str, hook: VersionHook) -> None:
    """Called from an `AppConfig.ready`; a hook registered again under its name replaces the first."""
    _hooks[name] = hook


def carry_over(actor: Actor, copies: Mapping[FocusArea, FocusArea]) -> None:
    """Run every registered hook, in the order of their names (the caller holds the transaction)."""
    for name in sorted(_hooks):
        _hooks[name](actor, copies)
