"""The demo's effect studies: the cycle's measure shows a drop in Liljeholmen, a measure on a rare
category shows "kan inte avgöras" without a number."""

from tryggsam.accounts.models import User
from tryggsam.effects.models import EffectStudy
from tryggsam.effects.selectors import effect_of


def test_demo_effects__the_cycle_drops_and_a_rare_category_cannot_tell(demo):
    coordinator = User.objects.get(email__startswith="samordnare")
    studies = list(EffectStudy.objects.select_related("measure").order_by("pk"))
    assert len(studies) == 2
    cycle, rare = (effect_of(coordinator, s.measure) for s in studies)
    assert cycle.treated_area == "Liljeholmen" and cycle.verdict == "minskade", cycle.explanation
    assert len(cycle.comparison_areas) >= 2
    assert rare.verdict == "kan inte avgöras" and not (rare.estimate and rare.estimate.has_number)
