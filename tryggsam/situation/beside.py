"""What the situation page shows beside the picture: the safety surveys of the area (and of the one
above it), and the open problems and measures of the areas it covers, as the reader may read them.

The lists are read through casework's selectors (the policy's `visible_q`), as plain values of the
columns the page shows. Their statements are compiled once per process (`core.compiled`) for each
reader audience (`permissions.reading_audience`: what the policy's filters depend on) and set of
areas; the rows are read on every request."""

from __future__ import annotations

from dataclasses import dataclass

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.casework.selectors import OPEN_STATUSES, measures_visible_to, problems_visible_to, status_label
from tryggsam.core.compiled import CompiledQueries
from tryggsam.crimestats.models import SurveyResult
from tryggsam.places.models import Area

SHOWN = 20  # rows of each list

_STATEMENTS = CompiledQueries(maxsize=2048)


@dataclass(frozen=True)
class SurveyRow:
    question: str
    area_name: str
    year: int
    share: float


@dataclass(frozen=True)
class OpenProblem:
    title: str
    forum: str | None  # the forum's name, None without a forum


@dataclass(frozen=True)
class OpenMeasure:
    pk: int
    title: str
    status: str

    @property
    def status_label(self) -> str:
        return status_label(self.status)


def surveys_of(area: Area) -> list[SurveyRow]:
    """The survey answers of the area and the area above it (published data: no policy filter)."""
    ids = (area.pk, *([area.parent_id] if area.parent_id else []))
    rows = _STATEMENTS.rows(
        ("surveys", ids),
        lambda: (
            SurveyResult.objects.filter(area_id__in=ids)
            .order_by("question", "-year", "area_name")
            .values_list("question", "area_name", "year", "share")[:SHOWN]
        ),
    )
    return [SurveyRow(*row) for row in rows]


def open_work(user: Reader, area_ids: list[int]) -> tuple[list[OpenProblem], list[OpenMeasure]]:
    """The open problems and the planned, ongoing or paused measures (of problems) in these areas
    that `user` may read, at most `SHOWN` of each, in their own order."""
    audience, areas = permissions.reading_audience(user), tuple(area_ids)
    problems = _STATEMENTS.rows(
        ("problems", audience, areas),
        lambda: (
            problems_visible_to(user)
            .filter(area__in=areas, is_closed=False)
            .values_list("title", "forum_id", "forum__name")[:SHOWN]
        ),
    )
    measures = _STATEMENTS.rows(
        ("measures", audience, areas),
        lambda: (
            measures_visible_to(user)
            .filter(problem__area__in=areas, status__in=OPEN_STATUSES)
            .values_list("pk", "title", "status")[:SHOWN]
        ),
    )
    return (
        [OpenProblem(title, None if forum_id is None else name) for title, forum_id, name in problems],
        [OpenMeasure(*row) for row in measures],
    )
