"""Reads of the work tables, always filtered by what the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import connections
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Person, Reader
from tryggsam.audit.reads import one_visible_or_404
from tryggsam.casework.models import FollowUp, Measure, MeasureStatus, Problem, WorkKind, responsible_label

_STATUS_LABELS = dict(MeasureStatus.choices)
OPEN_STATUSES = (MeasureStatus.PLANNED, MeasureStatus.ONGOING, MeasureStatus.PAUSED)


def status_label(status: str) -> str:
    """A measure status's label in the active language (`get_status_display()` without the field)."""
    return str(_STATUS_LABELS.get(status, status))


def problems_visible_to(user: Reader) -> QuerySet[Problem]:
    return Problem.objects.filter(permissions.visible_q(user, Problem))


def measures_visible_to(user: Reader) -> QuerySet[Measure]:
    """Measures the user may read, whose problem the user may read too."""
    return Measure.objects.filter(permissions.visible_q(user, Measure)).filter(
        problem__in=problems_visible_to(user).values("pk")
    )


def follow_ups_visible_to(user: Reader) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(permissions.visible_q(user, FollowUp))


def measure_for(user: Reader, pk: int) -> Measure:
    """One measure, or 404 if it does not exist or the user may not see it."""
    return one_visible_or_404(
        user,
        measures_visible_to(user).select_related(
            "problem", "problem__area", "problem__forum", "responsible_organisation", "responsible_user"
        ),
        pk,
    )


def problem_for(user: Reader, pk: int) -> Problem:
    return one_visible_or_404(user, problems_visible_to(user).select_related("forum", "area"), pk)


def latest_follow_up(user: Reader, measure: Measure) -> FollowUp | None:
    return follow_ups_visible_to(user).filter(measure=measure).order_by("-date", "-id").first()


@dataclass
class WorkRow:
    """One row of a work table: a problem and one of its measures (or none yet)."""

    problem: Problem
    measure: Measure | None
    latest: FollowUp | None
    first_of_problem: bool
    # What the user may do on this row, asked of the policy per row: a button is shown only when
    # the action behind it would be allowed.
    can_edit: bool = False
    can_edit_problem: bool = False
    can_add_measure: bool = False

    @property
    def status_label(self) -> str:
        """The measure's `get_status_display()`, without rebuilding the field's choices for every row."""
        if self.measure is None:
            return ""
        return status_label(self.measure.status)

    @property
    def participating_organisations(self) -> list[Any]:
        """The measure's participating organisations, from the work table's prefetch when there is one
        (no related manager and queryset made per row)."""
        if self.measure is None:
            return []
        prefetched = getattr(self.measure, "_prefetched_objects_cache", {}).get("participating_organisations")
        return list(prefetched if prefetched is not None else self.measure.participating_organisations.all())


def _with_actions(user: Reader, row: WorkRow) -> WorkRow:
    row.can_edit = row.measure is not None and bool(permissions.can_edit_measure(user, row.measure))
    row.can_edit_problem = bool(permissions.can_edit_problem(user, row.problem))
    row.can_add_measure = bool(permissions.can_add_measure(user, row.problem))
    return row


@dataclass
class WorkTable:
    kind: str
    rows: list[WorkRow] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(WorkKind(self.kind).label)


def work_tables(user: Reader, *, forum: Any) -> list[WorkTable]:
    """The problem table and the development table of a partnership (or any forum), as the
    coordinator knows them: one row per measure, the latest follow-up as status."""
    visible_follow_ups = follow_ups_visible_to(user).order_by("-date", "-id")
    measures = (
        measures_visible_to(user)
        .select_related("responsible_organisation", "responsible_user")
        .prefetch_related(
            "participating_organisations",
            Prefetch("follow_ups", queryset=visible_follow_ups, to_attr="visible_follow_ups"),
        )
        .order_by("position", "id")
    )
    problems = (
        problems_visible_to(user)
        .filter(forum=forum, is_closed=False)
        .select_related("area")
        .prefetch_related(Prefetch("measures", queryset=measures, to_attr="visible_measures"))
        .order_by("position", "id")
    )
    tables = {kind: WorkTable(kind=kind) for kind in (WorkKind.PROBLEM, WorkKind.DEVELOPMENT)}
    for problem in problems:
        table = tables[WorkKind(problem.kind)]
        if not problem.visible_measures:
            row = WorkRow(problem=problem, measure=None, latest=None, first_of_problem=True)
            table.rows.append(_with_actions(user, row))
        for i, measure in enumerate(problem.visible_measures):
            latest = measure.visible_follow_ups[0] if measure.visible_follow_ups else None
            row = WorkRow(problem=problem, measure=measure, latest=latest, first_of_problem=i == 0)
            table.rows.append(_with_actions(user, row))
    return list(tables.values())


# --- the forum page's work tables, read as values -------------------------------------------------
# The page shows a few fields of each row: reading them as model instances (the problems, measures,
# their people, organisations and follow-ups, with every timestamp converted) was most of its CPU.
# The rows are read as values through the same policy querysets, and what the reader may do on them is
# asked of the policy once per distinct input (`permissions.WorkTableRights`). Exports, minutes and
# the meeting page read `work_tables` (model instances): they show more of each record.


@dataclass(frozen=True, slots=True)
class ShownArea:
    name: str


@dataclass(frozen=True, slots=True)
class ShownProblem:
    pk: int
    title: str
    area: ShownArea | None
    classification: str


@dataclass(frozen=True, slots=True)
class ShownMeasure:
    pk: int
    title: str
    participants_text: str
    responsible_label: str
    status: str
    next_follow_up: dt.date | None
    classification: str


@dataclass(frozen=True, slots=True)
class ShownFollowUp:
    date: dt.date
    text: str


@dataclass(frozen=True, slots=True)
class ShownOrganisation:
    short_name: str
    name: str


@dataclass(slots=True)
class WorkLine:
    """One row of a work table as the forum page shows it (the fields `casework/_row.html` reads)."""

    problem: ShownProblem
    measure: ShownMeasure | None
    latest: ShownFollowUp | None
    first_of_problem: bool
    participating_organisations: tuple[ShownOrganisation, ...] = ()
    can_edit: bool = False
    can_add_measure: bool = False

    @property
    def status_label(self) -> str:
        return "" if self.measure is None else status_label(self.measure.status)


@dataclass
class LineTable:
    kind: str
    rows: list[WorkLine] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(WorkKind(self.kind).label)


@dataclass(frozen=True, slots=True)
class ClosedProblem:
    """What the forum page lists of a closed problem."""

    pk: int
    title: str
    closed_on: dt.date | None
    closed_reason: str


@dataclass(frozen=True)
class ForumWork:
    tables: list[LineTable]
    closed: list[ClosedProblem]  # newest closing first (they can be reopened)


def work_table_lines(user: Reader, *, forum: Any) -> list[LineTable]:
    """`work_tables` as the forum page shows them: the same rows, read as values, with what the
    user may do on each (no model instances)."""
    return forum_work(user, forum=forum).tables


def forum_work(user: Reader, *, forum: Any) -> ForumWork:
    """The forum page's work tables (`work_table_lines`) and its closed problems the user may read:
    the open and the closed problems are read in one statement."""
    visible = problems_visible_to(user).filter(forum=forum).order_by("position", "id")
    columns = ("pk", "kind", "title", "area__name", "area_id", "classification")
    problems: list[tuple[Any, ...]] = []
    closed: list[ClosedProblem] = []
    for *row, is_closed, closed_on, closed_reason in visible.values_list(
        *columns, "is_closed", "closed_on", "closed_reason"
    ):
        if is_closed:
            closed.append(ClosedProblem(row[0], row[2], closed_on, closed_reason))
        else:
            problems.append(tuple(row))
    # Newest closing first, as ORDER BY closed_on DESC, id DESC sorts on this database (an unknown
    # date goes first on PostgreSQL, last on SQLite).
    nulls_largest = connections[visible.db].features.nulls_order_largest
    closed.sort(key=lambda p: ((p.closed_on is None) == nulls_largest, p.closed_on or dt.date.min, p.pk), reverse=True)
    return ForumWork(_line_tables(user, problems), closed)


def _line_tables(user: Reader, problems: list[tuple[Any, ...]]) -> list[LineTable]:
    """The rows of the open `problems` (pk, kind, title, area name, area id, classification), in order."""
    measures_of: dict[int, list[ShownMeasure]] = {pk: [] for pk, *_ in problems}
    editors: dict[int, tuple[int | None, int | None, int | None]] = {}
    for (
        pk,
        problem_id,
        title,
        participants_text,
        responsible_text,
        user_id,
        user_name,
        user_email,
        organisation_id,
        organisation_name,
        status,
        next_follow_up,
        classification,
        owner_id,
    ) in (
        measures_visible_to(user)
        .filter(problem__in=list(measures_of))
        .order_by("position", "id")
        .values_list(
            "pk",
            "problem_id",
            "title",
            "participants_text",
            "responsible_text",
            "responsible_user_id",
            "responsible_user__full_name",
            "responsible_user__email",
            "responsible_organisation_id",
            "responsible_organisation__name",
            "status",
            "next_follow_up",
            "classification",
            "owner_organisation_id",
        )
    ):
        label = responsible_label(
            responsible_text,
            (user_name or user_email) if user_id is not None else None,  # User.__str__
            organisation_name if organisation_id is not None else None,  # Organisation.__str__
        )
        measures_of[problem_id].append(
            ShownMeasure(pk, title, participants_text, label, status, next_follow_up, classification)
        )
        editors[pk] = (user_id, organisation_id, owner_id)
    organisations: dict[int, list[tuple[int, ShownOrganisation]]] = {pk: [] for pk in editors}
    for measure_id, organisation_id, short_name, name in (
        Measure.participating_organisations.through.objects.filter(measure_id__in=list(editors))
        .order_by("organisation__name")  # Organisation's ordering, as the prefetch of `work_tables`
        .values_list("measure_id", "organisation_id", "organisation__short_name", "organisation__name")
    ):
        organisations[measure_id].append((organisation_id, ShownOrganisation(short_name, name)))
    latest: dict[int, ShownFollowUp] = {}
    for measure_id, date, text in (
        follow_ups_visible_to(user)
        .filter(measure_id__in=list(editors))
        .order_by("-date", "-id")
        .values_list("measure_id", "date", "text")
    ):
        if measure_id not in latest:
            latest[measure_id] = ShownFollowUp(date, text)
    rights = permissions.WorkTableRights(user)
    adds = rights.can_add_measure()
    tables = {kind: LineTable(kind=kind) for kind in (WorkKind.PROBLEM, WorkKind.DEVELOPMENT)}
    for pk, kind, title, area_name, area_id, classification in problems:
        problem = ShownProblem(pk, title, ShownArea(area_name) if area_id is not None else None, classification)
        rows = tables[WorkKind(kind)].rows
        if not measures_of[pk]:
            rows.append(WorkLine(problem, None, None, True, can_add_measure=adds))
        for i, measure in enumerate(measures_of[pk]):
            responsible_user, responsible_organisation, owner = editors[measure.pk]
            participating = organisations[measure.pk]
            can_edit = rights.can_edit_measure(
                responsible_user_id=responsible_user,
                responsible_organisation_id=responsible_organisation,
                owner_organisation_id=owner,
                participating_organisation_ids=frozenset(org for org, _ in participating),
            )
            rows.append(
                WorkLine(
                    problem,
                    measure,
                    latest.get(measure.pk),
                    i == 0,
                    tuple(org for _, org in participating),
                    can_edit=can_edit,
                    can_add_measure=adds,
                )
            )
    return list(tables.values())


def work_row(user: Reader, measure: Measure) -> WorkRow:
    row = WorkRow(
        problem=measure.problem, measure=measure, latest=latest_follow_up(user, measure), first_of_problem=True
    )
    return _with_actions(user, row)


@dataclass(frozen=True)
class DueMeasure:
    """What a list of due follow-ups (casework/_due_table.html) shows of a measure, read as plain values:
    no measure, problem, forum, person and organisation instances per row."""

    pk: int
    title: str
    problem_title: str
    forum_name: str | None
    responsible_label: str
    status: str
    next_follow_up: dt.date | None  # never None in a `measures_due` queryset

    @property
    def status_label(self) -> str:
        """The measure's `get_status_display()`."""
        return status_label(self.status)


def shown_due(measures: QuerySet[Measure]) -> list[DueMeasure]:
    """The rows of `measures` (a `measures_due` queryset: the policy has chosen them) as the due list
    shows them, in its order."""
    return [
        DueMeasure(
            pk,
            title,
            problem_title,
            forum_name,
            responsible_label(
                responsible_text,
                (user_name or user_email) if user_id is not None else None,  # User.__str__
                organisation_name if organisation_id is not None else None,  # Organisation.__str__
            ),
            status,
            next_follow_up,
        )
        for (
            pk,
            title,
            problem_title,
            forum_name,
            responsible_text,
            user_id,
            user_name,
            user_email,
            organisation_id,
            organisation_name,
            status,
            next_follow_up,
        ) in measures.values_list(
            "pk",
            "title",
            "problem__title",
            "problem__forum__name",
            "responsible_text",
            "responsible_user_id",
            "responsible_user__full_name",
            "responsible_user__email",
            "responsible_organisation_id",
            "responsible_organisation__name",
            "status",
            "next_follow_up",
        )
    ]


def measures_due(
    user: Reader,
    *,
    today: dt.date | None = None,
    within_days: int = 14,
    responsible_user: Person | None = None,
    organisation: Any = None,
    forum: Any = None,
) -> QuerySet[Measure]:
    """Open measures whose next follow-up is due within `within_days` or overdue."""
    today = today or timezone.localdate()
    qs = measures_visible_to(user).filter(
        status__in=OPEN_STATUSES,
        next_follow_up__isnull=False,
        next_follow_up__lte=today + dt.timedelta(days=within_days),
    )
    if responsible_user is not None:
        qs = qs.filter(responsible_user=responsible_user)
    if organisation is not None:
        qs = qs.filter(
            Q(responsible_organisation=organisation) | Q(participating_organisations=organisation)
        ).distinct()
    if forum is not None:
        qs = qs.filter(problem__forum=forum)
    return qs.select_related("problem", "problem__forum", "responsible_user", "responsible_organisation").order_by(
        "next_follow_up", "id"
    )
