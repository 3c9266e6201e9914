"""One context for the minutes, whatever the format (HTML, PDF, DOCX): plain values only, already
filtered by what the reader may see. The public version reads as an anonymous user, so it keeps only
what is classified open."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.casework.models import WorkKind
from tryggsam.casework.selectors import WorkRow, work_tables
from tryggsam.causes.selectors import cause_trees
from tryggsam.core.models import Classification
from tryggsam.meetings.minutes.swedish import full_when
from tryggsam.meetings.models import AttendanceStatus, Meeting
from tryggsam.meetings.selectors import Agenda, AgendaRow, agenda_for, current_meetings
from tryggsam.situation.selectors import situation_for
from tryggsam.situation.summary import summary_sentences

PRESENT_LIKE = (AttendanceStatus.PRESENT,)
AWAY_LIKE = (AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED)


@dataclass
class Person:
    name: str
    title: str
    organisation: str

    @property
    def description(self) -> str:
        """Title and organisation in one cell, as the minutes list them."""
        if self.title and self.organisation and self.organisation.lower() not in self.title.lower():
            return f"{self.title}, {self.organisation}"
        text = self.title or self.organisation
        return "" if text == self.name else text


@dataclass
class Table:
    kind: str
    heading: str
    columns: list[str]
    rows: list[list[str]]


@dataclass
class Item:
    number: str
    heading: str
    depth: int
    paragraphs: list[str]
    intro: str = ""
    links: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    is_next_meetings: bool = False
    partnership_name: str = ""
    situation: list[str] = field(default_factory=list)
    causes: list[str] = field(default_factory=list)  # the cause tree of the problem/focus area it is about


@dataclass
class NextMeeting:
    when: str
    place: str


@dataclass
class Contact:
    name: str
    phone: str
    email: str


def table_columns(kind: str) -> list[str]:
    first = _("Utvecklingsområde") if kind == WorkKind.DEVELOPMENT else _("Problemområde")
    return [first, _("Åtgärd/insats"), _("Deltagare"), _("Sammankallande/ansvarig"), _("Status/uppföljning")]


def _problem_cell(row: WorkRow) -> str:
    problem = row.problem
    area = problem.area.name if problem.area is not None else ""
    if area and area.lower() not in problem.title.lower():
        return f"{area}: {problem.title}"
    return problem.title


def _status_cell(row: WorkRow) -> str:
    measure = row.measure
    if measure is None:
        return ""
    parts = [str(measure.get_status_display())]
    if row.latest:
        parts.append(f"{row.latest.date:%Y-%m-%d}: {row.latest.text}")
    if measure.next_follow_up:
        parts.append(_("Nästa uppföljning %(date)s.") % {"date": f"{measure.next_follow_up:%Y-%m-%d}"})
    return " ".join(p if p.endswith(".") else f"{p}." for p in parts)


def row_cells(row: WorkRow) -> list[str]:
    measure = row.measure
    if measure is None:
        return [_problem_cell(row), "", "", "", ""]
    participants = [measure.participants_text] if measure.participants_text else []
    participants += [o.short_name or o.name for o in measure.participating_organisations.all()]
    return [_problem_cell(row), measure.title, ", ".join(participants), measure.responsible_label, _status_cell(row)]


def partnership_tables(user: Reader, forum: Any) -> list[Table]:
    tables = []
    for table in work_tables(user, forum=forum):
        if not table.rows:
            continue
        heading = (
            _("Utveckling åtgärder/insatser") if table.kind == WorkKind.DEVELOPMENT else _("Problem åtgärder/insatser")
        )
        tables.append(
            Table(
                kind=table.kind,
                heading=heading,
                columns=table_columns(table.kind),
                rows=[row_cells(r) for r in table.rows],
            )
        )
    return tables


def _person(attendance: Any) -> Person:
    return Person(name=attendance.name, title=attendance.title, organisation=attendance.organisation_label)


def _item(user: Reader, row: AgendaRow, public: bool) -> Item | None:
    item = row.item
    linked = [item.problem, item.measure]
    if public and any(obj is not None and not permissions.can_view(user, obj) for obj in linked):
        return None
    links = [str(obj) for obj in linked if obj is not None and permissions.can_view(user, obj)]
    if item.focus_area_id and permissions.can_view(user, item.focus_area.plan):  # type: ignore[union-attr]
        links.append(_("Fokusområde: %(name)s") % {"name": item.focus_area})
    decisions = []
    for decision in row.decisions:
        text = decision.text
        if decision.follow_up_date:
            text += " " + _("Följs upp %(date)s.") % {"date": f"{decision.follow_up_date:%Y-%m-%d}"}
        decisions.append(text)
    if row.hidden_decisions and not public:
        decisions.append(
            ngettext(
                "(Ett beslut gäller en åtgärd som du inte har behörighet att läsa och visas inte.)",
                "(%(n)d beslut gäller åtgärder som du inte har behörighet att läsa och visas inte.)",
                row.hidden_decisions,
            )
            % {"n": row.hidden_decisions}
        )
    # A partnership's description and work tables only for those who may read the partnership.
    partnership = item.partnership if item.partnership and permissions.can_view(user, item.partnership) else None
    return Item(
        number=item.number,
        heading=item.heading,
        depth=item.depth,
        paragraphs=[p.strip() for p in item.notes.split("\n\n") if p.strip()],
        intro=(partnership.description or partnership.purpose) if partnership else "",
        links=links,
        decisions=decisions,
        tables=partnership_tables(user, partnership) if partnership else [],
        is_next_meetings=_is_next_meetings_heading(item.heading),
        partnership_name=partnership.name if partnership else "",
        causes=_cause_lines(user, item),
    )


def _cause_lines(user: Reader, item: Any) -> list[str]:
    """The cause tree of the problem (or the measure's problem, or the focus area) the item is about,
    as the reader may read it: one line per cause, its outline number giving its level."""
    problem = item.problem or (item.measure.problem if item.measure is not None else None)
    focus_area = item.focus_area
    trees = cause_trees(
        user, problems=[problem] if problem is not None else None, focus_areas=[focus_area] if focus_area else None
    )
    lines = []
    for tree in trees:
        for node in tree.nodes:
            text = f"{node.number} {node.cause.title}"
            if node.measures:
                text += " – " + _("åtgärder: %(measures)s") % {"measures": ", ".join(m.title for m in node.measures)}
            lines.append(text)
    return lines


def _collect_decided_measures(agenda: Agenda, minutes_items: list[Item]) -> None:
    """The standard item "Beslutade åtgärder och insatser" lists the measures decided under the
    other items (new ones and changed statuses), unless the secretary wrote something there. Only
    the decisions the agenda selector let through (readable items and measures) are listed."""
    # The stored heading is Swedish whatever language the minutes are rendered in.
    target = next((i for i in minutes_items if i.heading.strip().lower().startswith("beslutade åtgärder")), None)
    if target is None or target.decisions or target.paragraphs:
        return
    shown = {i.number for i in minutes_items}  # items left out (public version) are not pointed to
    for row in agenda.rows:
        item = row.item
        if item.number == target.number or item.number not in shown:
            continue
        for decision in row.decisions:
            if decision.created_measure is not None:
                target.decisions.append(
                    _("Ny åtgärd: %(measure)s (punkt %(number)s).")
                    % {"measure": decision.created_measure.title, "number": item.number}
                )
            elif decision.changed_measure is not None:
                target.decisions.append(
                    _("Ändrad åtgärd: %(measure)s, nu %(status)s (punkt %(number)s).")
                    % {
                        "measure": decision.changed_measure.title,
                        "status": decision.changed_measure.get_status_display().lower(),
                        "number": item.number,
                    }
                )


def _is_next_meetings_heading(heading: str) -> bool:
    """The agenda's closing item, under which the next meetings are listed."""
    text = heading.strip().lower()
    return text.startswith((_("Kommande möten").lower(), _("Nästa möte").lower()))


SITUATION_DAYS = 90


def situation_summary(reader: Reader, meeting: Meeting) -> list[str]:
    """The situation picture's summary for the forum's area (or the area above its partnerships)
    over the 90 days before the meeting, as the reader may see it."""
    forum = meeting.forum
    area = forum.area
    if area is None:
        child = forum.children.exclude(area=None).select_related("area__parent").first()
        area = (child.area.parent or child.area) if child and child.area else None
    if area is None:
        return []
    end = meeting.date - dt.timedelta(days=1)
    picture = situation_for(reader, area=area, start=end - dt.timedelta(days=SITUATION_DAYS - 1), end=end)
    if not picture.rows:
        return []
    heading = _("Lägesbild för %(area)s de senaste %(days)d dagarna före mötet:") % {
        "area": area.name,
        "days": SITUATION_DAYS,
    }
    return [heading, *summary_sentences(picture, limit=5)]


def _left_out(meeting: Meeting, agenda: Agenda, public: bool) -> list[str]:
    """What the reader is told was left out: never what, only that."""
    notes = []
    if public and meeting.classification != Classification.OPEN:
        notes.append(
            _(
                "Mötet är inte öppet. Den offentliga versionen visar bara de punkter som är öppna, "
                "utan deltagare, plats och kontaktuppgifter."
            )
        )
    if agenda.hidden_items:
        if public:
            text = ngettext(
                "En punkt på dagordningen är inte öppen och har utelämnats.",
                "%(n)d punkter på dagordningen är inte öppna och har utelämnats.",
                agenda.hidden_items,
            )
        else:
            text = ngettext(
                "En punkt på dagordningen har en klassificering som du inte har behörighet att läsa och visas inte.",
                "%(n)d punkter på dagordningen har en klassificering som du inte har behörighet att läsa och "
                "visas inte.",
                agenda.hidden_items,
            )
        notes.append(text % {"n": agenda.hidden_items})
    return notes


def situation_item(items: list[Item]) -> Item | None:
    """The agenda item under which the situation picture's summary is printed, if any."""
    return next((i for i in items if "lägesbild" in i.heading.lower()), None)


def minutes_context(meeting: Meeting, user: Reader, public: bool = False, *, situation: bool = True) -> dict[str, Any]:
    """Everything the minutes show. `user` decides what of the agenda, the work tables and links is
    included; with `public=True` the reader is anonymous whoever asks, and only what is open is
    shown: the open items, and the attendance, place and contact only of an open meeting (never the
    link to a digital meeting). The public version says that items were left out. With
    `situation=False` the situation summary is left out (the content version computes it apart)."""
    reader = AnonymousUser() if public else user
    forum = meeting.forum
    details = not public or meeting.classification == Classification.OPEN
    attendances = list(meeting.attendances.select_related("organisation")) if details else []
    present = [a for a in attendances if a.status in PRESENT_LIKE]
    unmarked: list[Person] = []
    if present:
        attendance_heading, people = _("Närvarande"), present
        away = [_person(a) for a in attendances if a.status in AWAY_LIKE]
        unmarked = [_person(a) for a in attendances if a.status == AttendanceStatus.CALLED]
    else:
        attendance_heading, people, away = _("Kallade"), attendances, []
    agenda = agenda_for(user, meeting, public=public)
    place = (meeting.location or "") if details else ""
    if meeting.online_link and not public:
        place = f"{place}, {meeting.online_link}" if place else meeting.online_link
    later = current_meetings(reader).filter(forum=forum, date__gt=meeting.date).order_by("date", "start_time")[:4]
    secretary = meeting.secretary if details else None
    minutes_items = [i for i in (_item(reader, row, public) for row in agenda.rows) if i is not None]
    summary_item = situation_item(minutes_items)
    if summary_item is not None and situation:
        summary_item.situation = situation_summary(reader, meeting)
    _collect_decided_measures(agenda, minutes_items)
    return {
        "meeting": meeting,
        "public": public,
        "left_out": _left_out(meeting, agenda, public),
        "show_attendance": details,
        "forum_name": forum.name,
        "document_label": _("Minnesanteckningar"),
        "title": f"{forum.name} {meeting.date:%Y-%m-%d}",
        "status_label": (
            _("Justerat %(date)s") % {"date": f"{meeting.approved_at:%Y-%m-%d}"}
            if meeting.is_approved and meeting.approved_at
            else _("Utkast")
        ),
        "version": meeting.version,
        "attendance_heading": attendance_heading,
        "attendees": [_person(a) for a in people],
        "away_heading": _("Anmält förhinder/frånvarande"),
        "away": away,
        "unmarked_heading": _("Kallade, närvaro inte antecknad"),
        "unmarked": unmarked,
        "when": full_when(meeting.date, meeting.start_time, meeting.end_time),
        "place": place,
        "items": minutes_items,
        "next_meetings_in_item": any(i.is_next_meetings for i in minutes_items),
        "next_meetings": [
            NextMeeting(
                when=full_when(m.date, m.start_time, m.end_time),
                place=m.location or ("" if public else m.online_link),
            )
            for m in later
        ],
        "contact": (
            Contact(name=secretary.full_name, phone=secretary.phone, email=secretary.email) if secretary else None
        ),
    }
