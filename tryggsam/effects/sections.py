"""The effect on the measure's page (casework), registered in `EffectsConfig.ready`."""

from __future__ import annotations

from typing import Any

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.core.sections import PageSection
from tryggsam.effects.selectors import effect_of


def measure_effect(user: Reader, measure: Any) -> dict[str, Any] | None:
    """The result for members who may read the measure's effect; for those who may edit it also
    when there is no study yet (to start one); nothing otherwise."""
    if user is None or not permissions.can_view_effect_study(user, measure):
        return None
    effect = effect_of(user, measure)
    can_edit = permissions.can_edit_effect_study(user, measure)
    if effect is None and not can_edit:
        return None
    return {"effect": effect, "effect_measure": measure, "can_edit_effect": can_edit}


MEASURE_EFFECT = PageSection(
    place="casework:measure", name="effects", template="effects/_measure_section.html", context=measure_effect
)
