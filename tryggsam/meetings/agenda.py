"""Writes on the agenda and the decisions. A decision can create a measure, change a measure's status
(with its follow-up note) or set a follow-up date: all through the casework services, so the work
tables and the audit trail are the normal ones, in the same transaction as the decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Actor, Person
from tryggsam.audit.services import audit_record
from tryggsam.audit.writes import create_audited, create_audited_many, update_audited
from tryggsam.casework import services as casework
from tryggsam.casework.models import Measure
from tryggsam.core.errors import ServiceError, require
from tryggsam.core.models import Classification
from tryggsam.forums.models import ForumKind
from tryggsam.meetings.models import AgendaItem, Decision, Meeting
from tryggsam.plans import services as plans
from tryggsam.plans.models import ActionPlan
from tryggsam.priorities import selectors as priority_selectors
from tryggsam.priorities import services as priorities
from tryggsam.priorities.models import PriorityList


def require_run(actor: Actor, meeting: Meeting) -> None:
    """Refuse unless `actor` may run the meeting (accounts.permissions.can_run_meeting)."""
    require(permissions.can_run_meeting(actor, meeting), _("Du får inte ändra det här mötet."))


def _template_headings() -> list[str]:
    return [
        _("Mötets öppnande"),
        _("Lägesbild och prioriterade områden"),
        _("Rapporter från arbetsgrupper och platssamverkan"),
        _("Beslutade åtgärder och insatser"),
        _("Övriga frågor"),
        _("Kommande möten"),
    ]


def _opening_notes(meeting: Meeting) -> str:
    """The usual opening, written as it will read in the minutes; the secretary adjusts it."""
    if meeting.chair_id:
        first = _("Mötet öppnades av mötesordförande %(name)s.") % {"name": meeting.chair}
    else:
        first = _("Mötet öppnades.")
    return (
        first
        + " "
        + _(
            "Deltagarna presenterade sig, dagordningen godkändes och föregående minnesanteckningar lades till "
            "handlingarna."
        )
    )


def _linked_classifications(
    *, partnership: Any = None, problem: Any = None, measure: Any = None, focus_area: Any = None
) -> list[str]:
    records = [partnership, problem, measure, focus_area.plan if focus_area is not None else None]
    return [r.classification for r in records if r is not None]


def item_classification(meeting: Meeting, requested: str | None = None, **linked: Any) -> str:
    """An item starts as the meeting's classification (or the one asked for) and is never more open
    than a record it is linked to: a restricted partnership's item is restricted, since its heading
    is the partnership's name."""
    return permissions.strictest_classification(requested or meeting.classification, *_linked_classifications(**linked))


REPORTS_POSITION = 3  # partnership items follow the reports heading as sub-items


def _top_level_count(depths: list[int]) -> int:
    """How many top-level numbers `renumber` gives items of these depths (a first sub-item is top)."""
    top = 0
    for depth in depths:
        if depth == 0 or top == 0:
            top += 1
    return top


def renumber(meeting: Meeting) -> None:
    """Positions 1..n in order, numbers "1", "2", "2.1", … from depth."""
    top = sub = 0
    for position, item in enumerate(meeting.items.order_by("position", "id"), start=1):
        if item.depth == 0 or top == 0:
            top, sub = top + 1, 0
            number = str(top)
        else:
            sub += 1
            number = f"{top}.{sub}"
        if (item.position, item.number) != (position, number):
            AgendaItem.objects.filter(pk=item.pk).update(position=position, number=number)


@transaction.atomic
def agenda_from_template(*, actor: Person, meeting: Meeting) -> list[AgendaItem]:
    """The council's standard agenda, with one sub-item per active place partnership under the forum."""
    require_run(actor, meeting)
    meeting.ensure_editable()
    if meeting.items.exists():
        raise ServiceError(_("Mötet har redan en dagordning."))
    partnerships = meeting.forum.children.filter(kind=ForumKind.PARTNERSHIP, is_active=True).order_by("name")
    items: list[AgendaItem] = []
    position = 0
    for index, heading in enumerate(_template_headings(), start=1):
        position += 1
        notes = _opening_notes(meeting) if index == 1 else ""
        items.append(
            create_audited(
                model=AgendaItem,
                actor=actor,
                meeting=meeting,
                position=position,
                heading=heading,
                notes=notes,
                classification=meeting.classification,
            )
        )
        if index == REPORTS_POSITION:
            for forum in partnerships:
                position += 1
                items.append(
                    create_audited(
                        model=AgendaItem,
                        actor=actor,
                        meeting=meeting,
                        position=position,
                        depth=1,
                        heading=forum.name,
                        partnership=forum,
                        classification=item_classification(meeting, partnership=forum),
                    )
                )
        if index == PRIORITIES_POSITION:
            follow_up = _priorities_follow_up(actor, meeting, position + 1)
            if follow_up is not None:
                position += 1
                items.append(follow_up)
    renumber(meeting)
    return list(meeting.items.all())


PRIORITIES_POSITION = 2  # "Lägesbild och prioriterade områden": the follow-up is its sub-item


def _priorities_follow_up(actor: Person, meeting: Meeting, position: int) -> AgendaItem | None:
    """A council's agenda follows up its decided priorities (priorities.selectors.current_priorities,
    read as the one who builds the agenda) under the situation picture, with the areas in the notes;
    nothing when the council has none decided before this meeting or the actor may not read them."""
    if meeting.forum.kind != ForumKind.COUNCIL:
        return None
    current = priority_selectors.current_priorities(actor, meeting.forum)
    if current is None or current.meeting_id == meeting.pk or current.decided_on > meeting.date:
        return None
    areas = ", ".join(f"{item.position}. {item.area_name}" for item in current.items)
    notes = _("Prioriterade områden för %(period)s, beslutade %(date)s: %(areas)s.") % {
        "period": current.period.label,
        "date": f"{current.decided_on:%Y-%m-%d}",
        "areas": areas,
    }
    return create_audited(
        model=AgendaItem,
        actor=actor,
        meeting=meeting,
        position=position,
        depth=1,
        heading=_("Uppföljning av prioriterade områden"),
        notes=notes,
        classification=meeting.classification,
    )


@transaction.atomic
def item_add(
    *,
    actor: Actor,
    meeting: Meeting,
    heading: str,
    position: int | None = None,
    depth: int = 0,
    notes: str = "",
    partnership: Any = None,
    problem: Any = None,
    measure: Any = None,
    focus_area: Any = None,
    classification: str | None = None,
) -> AgendaItem:
    """Add an item at `position` (1-based; at the end when None). Its classification is the one
    asked for, by default the meeting's, made stricter when a linked record is (`item_classification`)."""
    require_run(actor, meeting)
    meeting.ensure_editable()
    if not heading.strip():
        raise ServiceError(_("Punkten måste ha en rubrik."))
    if classification is not None and classification not in Classification.values:
        raise ServiceError(_("Okänd klassificering."))
    last = meeting.items.aggregate(m=Max("position"))["m"] or 0
    if position is None or position > last:
        position = last + 1
    position = max(position, 1)
    meeting.items.filter(position__gte=position).update(position=F("position") + 1)
    item = create_audited(
        model=AgendaItem,
        actor=actor,
        meeting=meeting,
        position=position,
        depth=depth,
        heading=heading.strip(),
        notes=notes,
        partnership=partnership,
        problem=problem,
        measure=measure,
        focus_area=focus_area,
        classification=item_classification(
            meeting, classification, partnership=partnership, problem=problem, measure=measure, focus_area=focus_area
        ),
    )
    renumber(meeting)
    item.refresh_from_db()
    return item


@transaction.atomic
def items_append(*, actor: Actor, meeting: Meeting, items: list[tuple[str, str]]) -> list[AgendaItem]:
    """Add (heading, notes) items at the end of the agenda in one go (an imported minutes' items):
    as `item_add` for each, with the agenda read and renumbered once."""
    require_run(actor, meeting)
    meeting.ensure_editable()
    if any(not heading.strip() for heading, _notes in items):
        raise ServiceError(_("Punkten måste ha en rubrik."))
    depths = list(meeting.items.order_by("position", "id").values_list("depth", flat=True))
    last, top = len(depths), _top_level_count(depths)
    classification = item_classification(meeting)
    created = create_audited_many(
        model=AgendaItem,
        actor=actor,
        rows=[
            {
                "meeting": meeting,
                "position": last + offset,
                "number": str(top + offset),
                "heading": heading.strip(),
                "notes": notes,
                "classification": classification,
            }
            for offset, (heading, notes) in enumerate(items, start=1)
        ],
    )
    if not depths:  # a new agenda: the rows already hold positions 1..n and numbers "1".."n"
        return created
    renumber(meeting)
    return list(AgendaItem.objects.filter(pk__in=[item.pk for item in created]).order_by("position"))


@transaction.atomic
def item_move(*, actor: Person, item: AgendaItem, position: int) -> AgendaItem:
    """Move the item to `position` (1-based) and renumber the agenda."""
    meeting = item.meeting
    require_run(actor, meeting)
    meeting.ensure_editable()
    items = [i for i in meeting.items.order_by("position", "id") if i.pk != item.pk]
    position = min(max(position, 1), len(items) + 1)
    items.insert(position - 1, item)
    before = item.position
    for index, other in enumerate(items, start=1):
        AgendaItem.objects.filter(pk=other.pk).update(position=index)
    renumber(meeting)
    item.refresh_from_db()
    if item.position != before:
        audit_record(actor=actor, action="update", obj=item, changes={"position": [before, item.position]})
    return item


@transaction.atomic
def item_update_notes(
    *, actor: Person, item: AgendaItem, notes: str, heading: str | None = None, classification: str | None = None
) -> AgendaItem:
    """Change the item's notes, heading and classification (who runs the meeting decides what of it is
    open; never more open than a record it is linked to)."""
    require_run(actor, item.meeting)
    item.meeting.ensure_editable()
    fields: dict[str, Any] = {"notes": notes.strip()}
    if heading is not None:
        if not heading.strip():
            raise ServiceError(_("Punkten måste ha en rubrik."))
        fields["heading"] = heading.strip()
    if classification is not None and classification != item.classification:
        if classification not in Classification.values:
            raise ServiceError(_("Okänd klassificering."))
        linked = _linked_classifications(
            partnership=item.partnership, problem=item.problem, measure=item.measure, focus_area=item.focus_area
        )
        if permissions.strictest_classification(classification, *linked) != classification:
            raise ServiceError(
                _("Punkten hänvisar till uppgifter med en strängare klassificering och kan inte vara öppnare än de.")
            )
        fields["classification"] = classification
    return update_audited(obj=item, actor=actor, fields=fields)


@transaction.atomic
def decision_record(
    *,
    actor: Actor,
    item: AgendaItem,
    text: str,
    create_measure: Mapping[str, Any] | None = None,
    change_measure: tuple[Measure, str, str] | None = None,
    follow_up_date: dt.date | None = None,
) -> Decision:
    """Record a decision. `create_measure` holds measure_create's arguments (problem required; the
    title defaults to the decision text); `change_measure` is (measure, new status, follow-up note);
    `follow_up_date` becomes the next follow-up of the measure concerned (the new one, the changed
    one, or the item's measure). Any refusal from the casework services undoes the whole decision."""
    meeting = item.meeting
    require_run(actor, meeting)
    meeting.ensure_editable()
    text = (text or "").strip()
    if not text:
        raise ServiceError(_("Skriv vad som beslutades."))
    if create_measure and change_measure:
        raise ServiceError(_("Ett beslut kan antingen skapa en åtgärd eller ändra en, inte båda."))
    created = changed = None
    if create_measure:
        spec = dict(create_measure)
        if spec.get("problem") is None:
            raise ServiceError(_("Välj vilket problem den nya åtgärden hör till."))
        spec.setdefault("title", text)
        # A measure decided in a meeting is never more open than the meeting (its title is the decision
        # text): an open problem's measure from an internal meeting starts internal, and one from a
        # restricted meeting is restricted to the meeting's organisation.
        # The item's classification counts too: a restricted item's decision stays restricted.
        tightest = permissions.strictest_classification(
            spec["problem"].classification, meeting.classification, item.classification
        )
        if tightest != spec["problem"].classification:
            spec.setdefault("classification", tightest)
            if tightest == Classification.RESTRICTED:
                spec.setdefault("owner_organisation", meeting.owner_organisation)
        if follow_up_date is not None:
            spec["next_follow_up"] = follow_up_date
        created = casework.measure_create(actor=actor, **spec)
    elif change_measure:
        measure, new_status, note = change_measure
        casework.measure_change_status(
            actor=actor,
            measure=measure,
            expected_version=None,
            new_status=new_status,
            note=note,
            date=meeting.date,
            next_follow_up=follow_up_date if follow_up_date is not None else "unchanged",
        )
        changed = measure
    elif follow_up_date is not None and item.measure is not None:
        changed = item.measure
        casework.measure_update(actor=actor, measure=changed, expected_version=None, next_follow_up=follow_up_date)
    return create_audited(
        model=Decision,
        actor=actor,
        item=item,
        text=text,
        created_measure=created,
        changed_measure=changed,
        follow_up_date=follow_up_date,
    )


@transaction.atomic
def decision_decide_plan(*, actor: Actor, item: AgendaItem, plan: ActionPlan, text: str = "") -> Decision:
    """Decide a draft plan of the meeting's forum under an agenda item: the plans service freezes it
    (decided on the meeting's date, at this meeting, audited) and the decision names it, in one
    transaction; a refusal from the plans service (e.g. a plan without focus areas) undoes both."""
    meeting = item.meeting
    require_run(actor, meeting)
    meeting.ensure_editable()
    require(
        permissions.can_decide_plan_in_meeting(actor, meeting, plan),
        _("Du kan inte besluta den här planen i det här mötet."),
    )
    plans.plan_decide(actor=actor, plan=plan, decided_on=meeting.date, decided_by=str(meeting.forum), meeting=meeting)
    text = (text or "").strip() or _("Planen ”%(title)s” beslutades.") % {"title": plan.title}
    return create_audited(model=Decision, actor=actor, item=item, text=text, decided_plan=plan)


@transaction.atomic
def decision_decide_priorities(
    *, actor: Actor, item: AgendaItem, priority_list: PriorityList, text: str = ""
) -> Decision:
    """Decide a draft priority list of the meeting's council under an agenda item: the priorities
    service freezes it (decided on the meeting's date, naming the meeting, audited) and the decision
    lists its areas, in one transaction; a refusal from the service undoes both."""
    meeting = item.meeting
    require_run(actor, meeting)
    meeting.ensure_editable()
    require(
        permissions.can_decide_priorities_in_meeting(actor, meeting, priority_list),
        _("Du kan inte besluta den här prioriteringslistan i det här mötet."),
    )
    priorities.priority_list_decide(actor=actor, priority_list=priority_list, decided_on=meeting.date, meeting=meeting)
    areas = ", ".join(f"{e.position}. {e.area.name}" for e in priority_list.entries.select_related("area"))
    default = _("Rådet beslutade prioriterade områden för %(period)s: %(areas)s.") % {
        "period": priority_list.period.label,
        "areas": areas,
    }
    return create_audited(model=Decision, actor=actor, item=item, text=(text or "").strip() or default)
