"""Orsaksanalys: causes and sub-causes of a problem or focus area, their evidence, and the measures aimed at them (Brå's problem tree).

Model. A `CauseTree` belongs to exactly one owner, a `casework.Problem` or a `plans.FocusArea` (a
check constraint), and is made with its first cause. A `Cause` has a parent in the same tree (or none),
no cycle and at most `models.MAX_DEPTH` levels (checked in `Cause.clean`, which every service runs), and
a position among its siblings. `Evidence` is one of: an incident filter (categories, area, period; the
count is never stored but read live, as the reader, through `incidents.selectors.incidents_counted`,
with the public rule for visitors), a `crimestats.CrimeStatistic` row, a `crimestats.SurveyResult`, a
`forums.Finding` of a safety walk, or free text with a source (both required). Measures are aimed at
causes (`Cause.measures`): for a problem its own measures; for a focus area the measures of problems in
the focus area's (or its plan's) forum or located in its (or its plan's) area or an area inside it
(`selectors.eligible_measures`).

Policy. Nothing here is classified on its own: whoever may read the problem (or the focus area's plan)
reads its causes (`accounts.permissions.can_view_causes`); whoever may change it changes them
(`can_edit_causes`: `can_edit_problem` for a problem; for a focus area the coordinators who keep the
plan while it is a draft: a decided plan is frozen, its cause tree with it). Aimed measures and findings
are shown only to those who may read them.

For the apps above (statutory documents, meetings' minutes):

    from tryggsam.causes.selectors import cause_trees
    trees = cause_trees(user, problems=[...], focus_areas=[...])

returns, for each given owner the user may read and that has at least one cause, in the order given
(problems first), a `selectors.CauseTreeView` (`owner`, `owner_kind` "problem"/"focus_area", `title`,
`can_edit`, `nodes`). `nodes` is the tree depth first, each a `selectors.CauseNode`: `cause` (the model,
with `title` and `description`), `depth` (0 at the top), `number` (the outline number, "2.1"),
`evidence` (`EvidenceSummary`: `kind`, `kind_label`, `text`, `source`, `count` for an incident filter,
None when the reader may not see it, and `readable`), `measures` (`AimedMeasure`: `pk`, `title`,
`status`, `status_label`, `problem_id`), and `is_first`/`is_last` among its siblings. Call it as the
reader of the document (an anonymous user for a public version), so that what it holds is what that
reader may see. `links.tree_url(owner)` is the page of a tree.
"""
