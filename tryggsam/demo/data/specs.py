"""Plain descriptions of demo records. The loader turns them into rows through the write services,
so the data modules stay declarative and free of database code."""

from __future__ import annotations

from dataclasses import dataclass, field

from tryggsam.casework.models import MeasureStatus, WorkKind
from tryggsam.core.models import Classification

PLANNED = MeasureStatus.PLANNED
ONGOING = MeasureStatus.ONGOING
PAUSED = MeasureStatus.PAUSED
DONE = MeasureStatus.DONE
STOPPED = MeasureStatus.STOPPED


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    name: str
    short_name: str
    kind: str


@dataclass(frozen=True)
class UserSpec:
    key: str
    email: str
    full_name: str
    title: str
    organisation: str
    role: str
    phone: str = ""
    superuser: bool = False


@dataclass(frozen=True)
class Step:
    """One follow-up on a measure: the status after it, the note, and how many days ago it was made."""

    status: str
    note: str
    days_ago: int


@dataclass(frozen=True)
class MeasureSpec:
    title: str
    steps: tuple[Step, ...]
    participants: str = ""
    responsible_text: str = ""
    responsible_org: str = ""
    responsible_user: str = ""
    organisations: tuple[str, ...] = ()
    follow_up_in: int | None = None  # days from today; negative means overdue
    description: str = ""


@dataclass(frozen=True)
class ProblemSpec:
    title: str
    area: str
    measures: tuple[MeasureSpec, ...]
    kind: str = WorkKind.PROBLEM
    categories: tuple[str, ...] = ()
    description: str = ""
    classification: str = Classification.INTERNAL
    owner: str = "sdf"


@dataclass(frozen=True)
class MemberSpec:
    role: str
    user: str = ""
    organisation: str = ""
    title: str = ""


@dataclass(frozen=True)
class ForumSpec:
    key: str
    name: str
    kind: str
    purpose: str
    cadence: str
    description: str = ""
    parent: str = ""
    area: str = ""
    classification: str = Classification.INTERNAL
    members: tuple[MemberSpec, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class ProgrammeSpec:
    key: str
    name: str
    short_name: str
    grade: int
    forum: str
    organisation: str
    description: str


@dataclass(frozen=True)
class SafetyWalkSpec:
    title: str
    days_ago: int
    area: str
    forum: str
    participants: str
    summary: str


def problem(
    title: str,
    area: str,
    *measures: MeasureSpec,
    categories: tuple[str, ...] = (),
    description: str = "",
    classification: str = Classification.INTERNAL,
    owner: str = "sdf",
    kind: str = WorkKind.PROBLEM,
) -> ProblemSpec:
    """Shorthand for a row of the problem table."""
    return ProblemSpec(
        title=title,
        area=area,
        measures=measures,
        kind=kind,
        categories=categories,
        description=description,
        classification=classification,
        owner=owner,
    )


def development(
    title: str,
    area: str,
    *measures: MeasureSpec,
    categories: tuple[str, ...] = (),
    description: str = "",
    classification: str = Classification.INTERNAL,
    owner: str = "sdf",
) -> ProblemSpec:
    """Shorthand for a row of the development table."""
    return problem(
        title,
        area,
        *measures,
        categories=categories,
        description=description,
        classification=classification,
        owner=owner,
        kind=WorkKind.DEVELOPMENT,
    )
