"""Tertial or quarterly prioritisation of a council's areas: the table, the suggested ranking with its
reasons, and the council's decided priorities.

For other apps (the statutory documents, meetings), two selectors return plain dataclasses and read
as the user (accounts.permissions decides; restricted records count only for those who may read them):

- `selectors.priority_table(user, council, period) -> table.PriorityTable`: the council's areas for a
  `periods.Period` (`periods.last_ended(rhythm, today)` or `periods.parse_period("2026-T2", rhythm)`;
  the council's rhythm is `selectors.rhythm_of(council)`). Each `table.AreaRow` has the count, `rate`
  per 1 000 inhabitants with its `population` (`places.selectors.PopulationFigure`: the year used, the
  nearest earlier one allowed, and its source) and `rate_note` (the source, or why there is no rate;
  None: no population is known), `previous` and `last_year` (`table.Change`: the count before and the
  exact test's p-value, from situation.stats), partners' reports, survey figures, open problems and
  measures, and the suggested ranking (`score`, `reasons`, `suggested_rank`; the rule is in `ranking`).
  Raises PermissionDenied for a user who may not see the council's table.
- `selectors.current_priorities(user, council) -> selectors.CurrentPriorities | None`: the council's
  latest decided list (period, decision date, meeting id, ordered `PriorityItem`s with justification),
  or None when nothing is decided or the user may not read it.

A list is drafted here and decided in a meeting of the council (meetings.agenda.decision_decide_priorities).
"""
