"""Effect of a measure: counts before and after against comparison areas, a difference-in-differences
estimate with its interval, displacement to neighbouring areas, a plain-Swedish verdict.

For other apps (the statutory documents, the yearly follow-up):

    from tryggsam.effects.selectors import effect_of
    result = effect_of(user, measure)   # EffectResult | None

`effect_of` returns None when the measure has no effect study or `user` may not read its effect
(`permissions.can_view_effect_study`: members who may read the measure; never the public). Otherwise
an `EffectResult` (a plain dataclass): `verdict` ("minskade", "ökade" or "kan inte avgöras"),
`explanation` (one Swedish sentence with the percent change and its 95 % interval, or why it cannot
tell), `estimate` (`estimate.Estimate`: `rate_ratio`, `low`, `high`, `percent_change`, or no number
when the data cannot tell), the `rows` of counts before/after per area (treated, comparison,
neighbour), the `periods`, and the displacement check (`displacement`, `displacement_verdict`,
`displacement_explanation`). The counts are those `user` may count (restricted incidents only for
their organisations), so two readers may get different results; it is cached under a key of
everything it depends on (`freshness.py`: the incident data's version, the settings, the day, what the
user may count), so a second view does not refit and a change computes it anew.

The estimator (`estimate.py`) and the simulation that checks its intervals (`simulation.py`,
`bench/effect_simulation.py`) have no Django inside.
"""
