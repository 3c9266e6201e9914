"""Goals with indicators: a goal on a plan's focus area (a citizen promise's promise) or a problem, its
indicator computed from the data or entered by hand, a baseline, a target and its progress.

For the apps above (the statutory documents, the yearly follow-up), one call gives everything a
document shows of a set of goals, read and counted as the user:

    from tryggsam.goals.selectors import goal_progress, goals_of_plan, goals_of_problem

    for progress in goal_progress(user, goals_of_plan(user, plan)):
        progress.goal             # goals.models.Goal (text, indicator, unit, direction, focus_area/problem)
        progress.points           # [indicators.Point]: label ("2026-K1", "2025", "2026-05-31"), end (a date),
                                  #   value (None when hidden from this reader), low/high (95 % interval or
                                  #   None), hidden, source
        progress.series.uncertainty  # how the intervals were made, or why there are none (Swedish)
        progress.series.note      # why there is no series, when there is none (Swedish)
        progress.baseline, progress.baseline_label, progress.baseline_from_data
        progress.target, progress.target_date
        progress.latest           # the last Point, or None
        progress.planned          # where the straight path from baseline to target is at the latest value
        progress.status           # progress.Status: reached, on_track, off_track, cannot_tell, no_data, hidden
        progress.status_text      # "på väg mot målet", "inte på väg mot målet", "kan inte avgöras", ...
        progress.reason           # one Swedish sentence on what the status rests on

`goal_progress` leaves out goals the user may not read. Incident counts follow the situation picture's
policy (restricted incidents only for those who may read them; the public rule for visitors: no count
of 1 or 2, and no series over areas the public picture does not offer), so a public document must be
made as a visitor (`django.contrib.auth.models.AnonymousUser()`) to get the public figures.
`tryggsam.goals.chart.chart_of(progress)` gives the coordinates of the small chart on the goal's page.
"""
