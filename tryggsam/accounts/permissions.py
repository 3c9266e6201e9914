"""The one policy module: who may see and do what.

Every view, API operation, admin page, export and command asks here. Reads use `can_view` for one
object and `visible_q` to filter lists and aggregates; writes use the `can_*` predicates, which are
also registered with `rules` so that `user.has_perm("casework.change_measure", measure)` agrees.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import rules
from django.db.models import Model, Q

from tryggsam.accounts.actors import Person, Reader, SystemActor, SystemScope
from tryggsam.accounts.models import Role
from tryggsam.core.models import Classification

ROLE_RANK = {Role.READER: 1, Role.REPORTER: 2, Role.MEMBER: 3, Role.COORDINATOR: 4, Role.ADMIN: 5}
_CACHE_ATTR = "_tryggsam_roles"


def roles_by_organisation(user: Reader) -> dict[int, str]:
    """{organisation_id: role} for an active, logged-in user; cached on the user object."""
    if isinstance(user, SystemActor) or not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}  # the system has no memberships: it acts by its stated scope
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = dict(user.memberships.values_list("organisation_id", "role"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def remember_roles(user: Person, roles: dict[int, str]) -> None:
    """Keep the roles read together with the user's row (accounts.backends) for this request."""
    setattr(user, _CACHE_ATTR, roles)


def forget_roles(user: Reader) -> None:
    """Drop the cached roles (after a membership change)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def organisation_ids(user: Reader) -> set[int]:
    return set(roles_by_organisation(user))


def highest_rank(user: Reader) -> int:
    if isinstance(user, SystemActor):
        return _system_rank(user)
    if getattr(user, "is_superuser", False) and user.is_active:
        return ROLE_RANK[Role.ADMIN]
    return _rank_of_roles(user, roles_by_organisation(user))


_RANK_CACHE_ATTR = "_tryggsam_rank"


def _rank_of_roles(user: Reader, roles: dict[int, str]) -> int:
    """The highest rank among `roles`, kept next to the cached roles: a work table asks the rank a few
    thousand times per request. It is recomputed whenever the roles were read anew (`forget_roles`)."""
    cached = getattr(user, _RANK_CACHE_ATTR, None)
    if cached is not None and cached[0] is roles:
        return int(cached[1])
    rank = max((ROLE_RANK[Role(r)] for r in roles.values()), default=0)
    if roles:  # an empty dict is made anew for every anonymous call: nothing to keep
        setattr(user, _RANK_CACHE_ATTR, (roles, rank))
    return rank


@rules.predicate
def is_collaboration_member(user: Reader) -> bool:
    """Logged in and a member of at least one organisation of the collaboration."""
    return highest_rank(user) >= ROLE_RANK[Role.READER]


@rules.predicate
def is_reporter(user: Reader) -> bool:
    return highest_rank(user) >= ROLE_RANK[Role.REPORTER]


@rules.predicate
def is_member(user: Reader) -> bool:
    return highest_rank(user) >= ROLE_RANK[Role.MEMBER]


@rules.predicate
def is_coordinator(user: Reader) -> bool:
    return highest_rank(user) >= ROLE_RANK[Role.COORDINATOR]


@rules.predicate
def is_admin(user: Reader) -> bool:
    return highest_rank(user) >= ROLE_RANK[Role.ADMIN]


# --- the system as an actor ------------------------------------------------------------------------


def _system_rank(system: SystemActor) -> int:
    """The system writes with the role it states (`acts_as`); one that writes nothing but reads
    everything counts as a reader of the collaboration, one that reads only what is open as a visitor."""
    if system.acts_as is not None:
        return ROLE_RANK[Role(system.acts_as)]
    return ROLE_RANK[Role.READER] if system.reads is SystemScope.ALL else 0


def is_system(user: Reader) -> bool:
    """Is this the system acting for a command or a job (accounts.actors.SystemActor)?"""
    return isinstance(user, SystemActor)


def system_reads_everything(user: Reader) -> bool:
    """The system reading with the elevated scope: every record, whatever its classification. Output
    made with it must say so (the commands print it; the audit rows name the system's purpose)."""
    return isinstance(user, SystemActor) and user.reads is SystemScope.ALL


# --- reading -------------------------------------------------------------------------------------


def can_view(user: Reader, obj: Any) -> bool:
    """May `user` read this classified record? The system reads what its scope states."""
    classification = getattr(obj, "classification", Classification.INTERNAL)
    if classification == Classification.OPEN:
        return True
    if isinstance(user, SystemActor):
        return user.reads is SystemScope.ALL
    if not is_collaboration_member(user):
        return False
    if classification == Classification.INTERNAL:
        return True
    if user.is_superuser:
        return True
    orgs = organisation_ids(user)
    if obj.owner_organisation_id in orgs:
        return True
    return bool(obj.shared_with.filter(pk__in=orgs).exists())


def can_view_agenda_item(user: Reader, item: Any) -> bool:
    """May `user` read this agenda item (its heading, notes and decisions)? Only if they may read the
    meeting, and then under the item's own classification, restricted meaning the meeting's owner
    and the organisations the meeting is shared with; and only if they may read every record the
    item is about (a partnership's item is headed by the partnership's name)."""
    meeting = item.meeting
    if not can_view(user, meeting):
        return False
    if item.classification != meeting.classification and not can_view(
        user, _ClassifiedAs(item.classification, meeting)
    ):
        return False
    return all(can_view(user, record) for record in _agenda_item_records(item))


def _agenda_item_records(item: Any) -> list[Any]:
    focus_area = item.focus_area
    records = [item.partnership, item.problem, item.measure, focus_area.plan if focus_area is not None else None]
    return [r for r in records if r is not None]


class _ClassifiedAs:
    """A record's owner and sharing under another classification (for parts of a record, such as
    the items of a meeting, that are classified on their own)."""

    def __init__(self, classification: str, owner: Any) -> None:
        self.classification = classification
        self.owner_organisation_id = owner.owner_organisation_id
        self.shared_with = owner.shared_with


def can_view_decided_measures(user: Reader, decision: Any) -> bool:
    """A decision that created or changed a measure is read only by those who may read that measure
    (a measure's title is often the decision's text); the item it stands under is checked apart."""
    records = (decision.created_measure, decision.changed_measure, getattr(decision, "decided_plan", None))
    return all(m is None or can_view(user, m) for m in records)


def in_public_minutes(item: Any) -> bool:
    """An agenda item is in the public (published) version of the minutes only when it is open,
    whatever the meeting's classification, and so is every record it is about."""
    if item.classification != Classification.OPEN:
        return False
    return all(getattr(r, "classification", None) == Classification.OPEN for r in _agenda_item_records(item))


def can_publish_minutes(meeting: Any) -> bool:
    """Minutes can be published (read by anyone) only when the forum is open: the public version
    names the forum. What else it shows is what is open (see meetings.minutes.context)."""
    return getattr(meeting.forum, "classification", None) == Classification.OPEN


def visible_q(user: Reader, model: type[Model], prefix: str = "") -> Q:
    """A filter for querysets of a classified `model` (or of a model reached by `prefix`, e.g.
    "measure__") that keeps only what `user` may read. Aggregates use the same filter."""
    field = f"{prefix}classification"
    if isinstance(user, SystemActor):
        return Q() if user.reads is SystemScope.ALL else Q(**{field: Classification.OPEN})
    if not is_collaboration_member(user):
        return Q(**{field: Classification.OPEN})
    if user.is_superuser:
        return Q()
    return _member_visible_q(model, prefix, frozenset(organisation_ids(user)))


@lru_cache(maxsize=1024)
def _member_visible_q(model: type[Model], prefix: str, orgs: frozenset[int]) -> Q:
    """`visible_q` for a member of the collaboration (not a superuser) of the organisations `orgs`: a
    function of its arguments alone, so made once per process for each of them. A page asks it for
    five to ten querysets and each made a new subquery of the sharing table. Django never changes a
    Q or the queryset in it when filtering with them (it resolves copies), so one object serves every
    query; the organisations are part of the key, so another reader's rights give another filter."""
    field = f"{prefix}classification"
    org_list = sorted(orgs)
    through = model._meta.get_field("shared_with").remote_field.through  # type: ignore[union-attr]
    fk = model._meta.model_name
    shared_ids = through.objects.filter(organisation_id__in=org_list).values(f"{fk}_id")
    restricted_ok = Q(**{f"{prefix}owner_organisation__in": org_list}) | Q(**{f"{prefix}pk__in": shared_ids})
    return Q(**{f"{field}__in": [Classification.OPEN, Classification.INTERNAL]}) | (
        Q(**{field: Classification.RESTRICTED}) & restricted_ok
    )


def rollup_visible_q(user: Reader) -> Q:
    """The same rule as `visible_q` for the incidents' roll-ups (situation.DailyRollup and MonthlyRollup),
    which carry the classification, the owner (0 for none) and the organisations a restricted incident
    is shared with (`audience`, ",3,7,"): a restricted incident counts only for those who may read it."""
    if isinstance(user, SystemActor):
        return Q() if user.reads is SystemScope.ALL else Q(classification=Classification.OPEN)
    if not is_collaboration_member(user):
        return Q(classification=Classification.OPEN)
    if user.is_superuser:
        return Q()
    orgs = organisation_ids(user)
    restricted_ok = Q(owner__in=orgs)
    for org in orgs:
        restricted_ok |= Q(audience__contains=f",{org},")
    return Q(classification__in=[Classification.OPEN, Classification.INTERNAL]) | (
        Q(classification=Classification.RESTRICTED) & restricted_ok
    )


# --- the public situation picture -----------------------------------------------------------------

PUBLIC_MIN_COUNT = 3
"""The public (anonymous) picture shows no count from 1 to PUBLIC_MIN_COUNT - 1: such a count could
single out a person or an address. One rule for the page, the API, the map, the report and the
minutes' situation summary."""

PUBLIC_AREA_LEVELS = ("district_area", "district")
"""The area levels the public may ask the situation picture about. A place (a square, a station) is so
small that even its suppressed picture would point at single incidents; members may ask about any area."""

PUBLIC_MAP_CELL_RESOLUTION = 8
"""The public map shows no points: incidents are counted per H3 hexagon of this resolution (about
0.7 km² each), counted over the whole cell whichever area was asked about (so that two areas' maps
cannot be subtracted), and a cell under PUBLIC_MIN_COUNT is left out."""


def sees_public_picture(user: Reader) -> bool:
    """Does `user` get the public (aggregated, suppressed) situation picture rather than the members'?"""
    return not is_collaboration_member(user)


def public_count(n: int) -> int | None:
    """A count as the public may see it: None (shown as "< 3") when it is above 0 and under the limit."""
    return None if 0 < n < PUBLIC_MIN_COUNT else n


def count_for(user: Reader, n: int) -> int | None:
    """A count of the situation picture as `user` may see it (the public rule for visitors)."""
    return counts_shown_to(user)(n)


def _count_as_is(n: int) -> int | None:
    return n


def counts_shown_to(user: Reader) -> Callable[[int], int | None]:
    """`count_for` of one reader, decided once: the function that shows a count as `user` may see
    it (a picture shows hundreds of counts)."""
    return public_count if sees_public_picture(user) else _count_as_is


def situation_area_q(user: Reader) -> Q:
    """The areas (places.Area) `user` may ask the situation picture about, in every output."""
    if sees_public_picture(user):
        return Q(level__in=PUBLIC_AREA_LEVELS)
    return Q()


def can_draw_situation_polygon(user: Reader) -> bool:
    """A polygon drawn on the map is counted from the raw incidents and can be made as small as one
    address: members only."""
    return not sees_public_picture(user)


# --- writing -------------------------------------------------------------------------------------


def can_run_meeting(user: Reader, meeting: Any) -> bool:
    """Call, mark attendance, write notes and decisions: coordinators, the chair and the secretary."""
    if not can_view(user, meeting) or not is_collaboration_member(user):
        return False
    if can_manage_collaboration(user):
        return True
    return user.pk is not None and user.pk in (meeting.chair_id, meeting.secretary_id)


def can_approve_minutes(user: Reader, meeting: Any) -> bool:
    """Approve (justera) the minutes: the chair or a coordinator."""
    if not can_view(user, meeting) or not is_collaboration_member(user):
        return False
    return can_manage_collaboration(user) or (user.pk is not None and user.pk == meeting.chair_id)


def _acts_for(user: Reader, organisation_id: int | None) -> bool:
    """Is `user` at least a member (not only reader/reporter) of this organisation?"""
    role = roles_by_organisation(user).get(organisation_id) if organisation_id else None
    return role is not None and ROLE_RANK[Role(role)] >= ROLE_RANK[Role.MEMBER]


@rules.predicate
def can_edit_problem(user: Reader, problem: Any) -> bool:
    if not can_view(user, problem):
        return False
    if is_coordinator(user):
        return True
    return _acts_for(user, problem.owner_organisation_id)


@rules.predicate
def can_edit_measure(user: Reader, measure: Any) -> bool:
    """Coordinators edit every measure they can see; a member edits the measures that their own
    organisation is responsible for, participates in or owns, and those they are responsible for."""
    if not can_view(user, measure):
        return False

    def participates(acting: set[int]) -> bool:
        prefetched = getattr(measure, "_prefetched_objects_cache", {}).get("participating_organisations")
        if prefetched is not None:  # a work table asks once per row: no query per row
            return any(org.pk in acting for org in prefetched)
        return bool(measure.participating_organisations.filter(pk__in=acting).exists())

    return _edits_readable_measure(
        user,
        responsible_user_id=measure.responsible_user_id,
        responsible_organisation_id=measure.responsible_organisation_id,
        owner_organisation_id=measure.owner_organisation_id,
        participates=participates,
    )


def _acting_organisations(user: Reader) -> set[int]:
    """The organisations `user` acts for (`_acts_for`: member or higher there)."""
    return {org for org in roles_by_organisation(user) if _acts_for(user, org)}


def _edits_readable_measure(
    user: Reader,
    *,
    responsible_user_id: int | None,
    responsible_organisation_id: int | None,
    owner_organisation_id: int | None,
    participates: Callable[[set[int]], bool],
) -> bool:
    """`can_edit_measure` for a measure `user` may read: `participates(acting)` tells whether one of
    the organisations the user acts for participates in the measure."""
    if is_coordinator(user):
        return True
    if not is_member(user):
        return False
    if user.pk is not None and responsible_user_id == user.pk:
        return True
    if _acts_for(user, responsible_organisation_id) or _acts_for(user, owner_organisation_id):
        return True
    return participates(_acting_organisations(user))


@rules.predicate
def can_create_problem(user: Reader) -> bool:
    return is_member(user)


@rules.predicate
def can_close_problem(user: Reader, problem: Any) -> bool:
    """Close (with a reason) and reopen a problem: whoever may edit it."""
    return bool(can_edit_problem(user, problem))


@rules.predicate
def can_add_measure(user: Reader, problem: Any) -> bool:
    """Add a measure to a problem's row: members (not readers or reporters) who can see the problem."""
    return is_member(user) and can_view(user, problem)


class WorkTableRights:
    """What `user` may do on the rows of a work table read through `visible_q(user, …)` (the
    problems of `casework.selectors.problems_visible_to`, the measures of `measures_visible_to`):
    `can_edit_measure` and `can_add_measure` as the predicates above decide them, asked once per
    distinct input instead of once per row. A record read through `visible_q` is one `can_view`
    lets the user read (the same rule, one as a filter, one per object), so the rights start from
    there; never use this for a record read any other way."""

    def __init__(self, user: Reader) -> None:
        self._user = user
        self._adds_measures = bool(is_member(user))
        self._edits: dict[tuple[int | None, int | None, int | None, frozenset[int]], bool] = {}

    def can_add_measure(self) -> bool:
        """`can_add_measure(user, problem)` for a problem read through `visible_q`."""
        return self._adds_measures

    def can_edit_measure(
        self,
        *,
        responsible_user_id: int | None,
        responsible_organisation_id: int | None,
        owner_organisation_id: int | None,
        participating_organisation_ids: frozenset[int],
    ) -> bool:
        """`can_edit_measure(user, measure)` for a measure read through `visible_q`, from its fields."""
        key = (responsible_user_id, responsible_organisation_id, owner_organisation_id, participating_organisation_ids)
        edits = self._edits.get(key)
        if edits is None:
            edits = self._edits[key] = _edits_readable_measure(
                self._user,
                responsible_user_id=responsible_user_id,
                responsible_organisation_id=responsible_organisation_id,
                owner_organisation_id=owner_organisation_id,
                participates=lambda acting: not acting.isdisjoint(participating_organisation_ids),
            )
        return edits


@rules.predicate
def can_manage_collaboration(user: Reader) -> bool:
    """Forums, partnerships, programmes, safety walks and the action plan."""
    return is_coordinator(user)


def can_correct_plan_follow_up(user: Reader, follow_up: Any) -> bool:
    """Correct a recorded follow-up of a plan or citizen promise (with a reason): the coordinators who
    keep the plan (those who record its follow-ups) and can read it."""
    return bool(can_manage_collaboration(user)) and can_view(user, follow_up.plan)


def can_manage_forum(user: Reader, forum: Any) -> bool:
    """Edit, archive and restore a forum and keep its members: coordinators who can see it."""
    return bool(can_manage_collaboration(user)) and can_view(user, forum)


def can_record_walk(user: Reader, walk: Any) -> bool:
    """Record findings and edit a safety walk: coordinators, and members who can see the walk (the
    people who walk it record what they see on their phones)."""
    return can_view(user, walk) and (bool(is_coordinator(user)) or bool(is_member(user)))


@rules.predicate
def can_view_audit(user: Reader) -> bool:
    return is_admin(user)


@rules.predicate
def can_use_admin(user: Reader) -> bool:
    return bool(getattr(user, "is_staff", False)) and is_admin(user)


def reads_model_permissions(user: Reader) -> bool:
    """Does the database's model permissions (`user_permissions`, groups) count for this user? Only for
    staff, in the admin (`accounts.backends.StaffModelBackend`); every other right is a rule here."""
    return bool(getattr(user, "is_staff", False))


@rules.predicate
def can_review_tips(user: Reader) -> bool:
    """Residents' tips count in the situation picture once a coordinator has reviewed them."""
    return is_coordinator(user)


rules.add_perm("casework.view_problem", rules.predicate(can_view))
rules.add_perm("casework.view_measure", rules.predicate(can_view))
rules.add_perm("casework.change_problem", can_edit_problem)
rules.add_perm("casework.add_problem", can_create_problem)
rules.add_perm("casework.change_measure", can_edit_measure)
rules.add_perm("forums.change_forum", can_manage_collaboration)
rules.add_perm("plans.change_actionplan", can_manage_collaboration)
rules.add_perm("audit.view_auditevent", can_view_audit)


@rules.predicate
def can_manage_accounts(user: Reader) -> bool:
    """Create and change users, organisations and memberships (roles): administrators only."""
    return is_admin(user)


rules.add_perm("accounts.manage_accounts", can_manage_accounts)
rules.add_perm("audit.view_log", can_view_audit)


def must_use_two_factor(user: Reader) -> bool:
    """With TRYGGSAM_REQUIRE_2FA on, coordinators and administrators (superusers included) must log in
    with a second factor; anyone who has enrolled a device always must (see the middleware)."""
    from django.conf import settings

    return bool(getattr(settings, "TRYGGSAM_REQUIRE_2FA", False)) and is_coordinator(user)


def importable_forums_q(user: Reader, forum_model: type[Model]) -> Q:
    """The forums an archive import by `user` may offer, match names against and write into: for a
    coordinator, the forums the policy lets them read (a restricted forum of another organisation is
    neither listed nor matched); for anyone else none. The operator's own command line
    (import_archive, import_document) is the system, which reads and writes by its stated scope."""
    if not can_manage_collaboration(user):
        return Q(pk__in=[])
    return visible_q(user, forum_model)


def can_decide_plan_in_meeting(user: Reader, meeting: Any, plan: Any) -> bool:
    """Decide a draft plan under an agenda item: a coordinator who runs the meeting and may read the
    plan, for a plan of the meeting's own forum (the forum that steers it decides it)."""
    return (
        plan.status == "draft"
        and plan.forum_id == meeting.forum_id
        and bool(can_manage_collaboration(user))
        and can_run_meeting(user, meeting)
        and can_view(user, plan)
    )


def importing_organisation_id(user: Reader) -> int | None:
    """The organisation an archive import by `user` is made for (it owns the forums and plans the
    import creates, and its municipality bounds which forums a name is matched against): the one where
    the user has the highest role, the oldest membership first. None for the command line."""
    roles = roles_by_organisation(user)
    if not roles:
        return None
    return max(sorted(roles), key=lambda organisation_id: ROLE_RANK[Role(roles[organisation_id])])


# --- incidents as work (detail, edit, duplicates, the review queue) ------------------------------


def _acts_for_incident(user: Reader, incident: Any) -> bool:
    """A member (or more) of the organisation that owns, reported or was sent the incident."""
    return any(
        _acts_for(user, org)
        for org in (incident.owner_organisation_id, incident.reporting_organisation_id, incident.routed_to_id)
    )


@rules.predicate
def can_edit_incident(user: Reader, incident: Any) -> bool:
    """Edit an incident's text, time and categories, mark it as a duplicate and link it to a problem:
    coordinators who can read it, and members of the organisation that owns, reported or was sent it."""
    if not can_view(user, incident) or not is_collaboration_member(user):
        return False
    return bool(is_coordinator(user)) or _acts_for_incident(user, incident)


@rules.predicate
def can_classify_incident(user: Reader, incident: Any) -> bool:
    """Change who may read an incident (its classification and owner): coordinators who can read it and
    members of the owning organisation; not the organisation a tip was only sent to."""
    if not can_view(user, incident) or not is_collaboration_member(user):
        return False
    return bool(is_coordinator(user)) or _acts_for(user, incident.owner_organisation_id)


@rules.predicate
def can_route_incident(user: Reader, incident: Any) -> bool:
    """Send an incident awaiting review, or a police event that still counts, to the organisation
    responsible: those who review tips."""
    in_review = incident.awaits_review or incident.is_police_event_in_review
    return bool(can_review_tips(user)) and can_view(user, incident) and in_review


@rules.predicate
def can_review_incident(user: Reader, incident: Any) -> bool:
    """Accept or dismiss (with a reason) an incident awaiting review: those who review tips, and the
    members of the organisation it was sent to."""
    if not incident.awaits_review or not can_view(user, incident):
        return False
    if can_review_tips(user):
        return True
    return incident.routed_to_id is not None and _acts_for(user, incident.routed_to_id)


@rules.predicate
def can_dismiss_incident(user: Reader, incident: Any) -> bool:
    """Dismiss an incident with a reason, so that it never counts: one awaiting review (as
    `can_review_incident`), or a police event that still counts ("not relevant for us"), by those who
    review tips and the members of the organisation it was sent to."""
    if can_review_incident(user, incident):
        return True
    if not incident.is_police_event_in_review or not can_view(user, incident):
        return False
    if can_review_tips(user):
        return True
    return incident.routed_to_id is not None and _acts_for(user, incident.routed_to_id)


def can_see_review_queue(user: Reader) -> bool:
    """The review queue: those who review tips and every member (who sees what was sent to them)."""
    return bool(is_member(user))


rules.add_perm("incidents.change_incident", can_edit_incident)


# --- the register: organisations and people, kept by coordinators and administrators ---------------
#
# Scope. One installation of TryggSam is one local crime-prevention collaboration (one council, one
# municipality or city district: PRODUCT.md); there is no municipality model, so every organisation
# in the database is a party to the coordinator's council and "their" organisations are all of them.
# What lies outside a coordinator's reach is the administration of the installation itself: the
# administrator role and the people who hold it (an administrator membership, a superuser or staff
# account). A coordinator can never grant, change or end such a role, nor move it by a merge.


def _is_administrator_account(person: Person) -> bool:
    """An account that administers the installation: a superuser, staff, or an administrator membership."""
    if getattr(person, "is_superuser", False) or getattr(person, "is_staff", False):
        return True
    return bool(person.memberships.filter(role=Role.ADMIN).exists())


def can_keep_register(user: Reader) -> bool:
    """See the register page and add or edit organisations and invite people: coordinators and
    administrators (a coordinator sets up her own council: PRODUCT.md)."""
    return bool(is_coordinator(user))


def can_grant_role(user: Reader, role: str) -> bool:
    """Give someone this role (invite, change a role): an administrator any role; a coordinator any
    role up to coordinator, never administrator."""
    if is_admin(user):
        return True
    return bool(is_coordinator(user)) and role in Role.values and role != Role.ADMIN


def can_manage_person(user: Reader, person: Person | None) -> bool:
    """Add a membership to this person, change their roles or end one: administrators for everyone;
    a coordinator for everyone but administrators (and not themselves: a coordinator who lowers her
    own role would lock herself out halfway through)."""
    if is_admin(user):
        return True
    if not is_coordinator(user) or person is None:
        return False
    return person.pk != user.pk and not _is_administrator_account(person)


def can_manage_membership(user: Reader, membership: Any) -> bool:
    """Change the role of, or end, this membership: whoever may manage the person, and for a
    coordinator never an administrator membership."""
    if not can_manage_person(user, membership.user):
        return False
    return bool(is_admin(user)) or membership.role != Role.ADMIN


def can_edit_organisation(user: Reader, organisation: Any) -> bool:
    """Rename an organisation, change its kind, deactivate or reactivate it (history is kept):
    coordinators and administrators."""
    return can_keep_register(user)


def can_merge_organisations(user: Reader, removed: Any, kept: Any) -> bool:
    """Merge a duplicate (`removed`) into `kept`: its memberships, forum seats, records and
    assignments move. Administrators always; a coordinator only when no administrator membership
    would move (a merge must not be a way round `can_manage_membership`)."""
    if is_admin(user):
        return True
    if not can_keep_register(user):
        return False
    return not removed.memberships.filter(role=Role.ADMIN).exists()


rules.add_perm("accounts.keep_register", rules.predicate(can_keep_register))


def can_put_finding_in_work_table(user: Reader, forum: Any) -> bool:
    """Make a safety-walk finding a problem in this forum's work table: those who run the walks
    (coordinators), into a forum they can see that is not archived (an archived forum takes no new work)."""
    return bool(can_manage_collaboration(user)) and bool(getattr(forum, "is_active", False)) and can_view(user, forum)


# --- API tokens ------------------------------------------------------------------------------------
# A partner's system calls the API with a token of its organisation. The token's calls are made as a
# principal user without memberships; its roles are these (in the token's organisation only), and
# each API operation also asks for the scope it needs. A session user has every scope its roles allow.

API_SCOPE_ROLES = {"read": Role.READER, "report_incidents": Role.REPORTER, "edit_casework": Role.MEMBER}
_SCOPES_ATTR = "_tryggsam_api_scopes"


def api_token_roles(organisation_id: int, scopes: list[str]) -> dict[int, str]:
    """{organisation_id: role} for a token: the highest role any of its scopes stands for."""
    ranks = [API_SCOPE_ROLES[s] for s in scopes if s in API_SCOPE_ROLES]
    if not ranks:
        return {}
    return {organisation_id: max(ranks, key=lambda r: ROLE_RANK[r])}


def act_as_token(principal: Any, organisation_id: int, scopes: list[str]) -> None:
    """Give the principal user of an unrevoked token its roles and scopes for this request."""
    setattr(principal, _CACHE_ATTR, api_token_roles(organisation_id, scopes))
    setattr(principal, _SCOPES_ATTR, frozenset(scopes))


def has_api_scope(user: Reader, scope: str) -> bool:
    """May this caller use an operation that needs `scope`? A token only with the scope; a person
    logged in (session) is not limited by scopes, only by roles."""
    scopes = getattr(user, _SCOPES_ATTR, None)
    return scopes is None or scope in scopes


def can_read_through_api(user: Reader) -> bool:
    return has_api_scope(user, "read")


def can_report_incidents_through_api(user: Reader) -> bool:
    return has_api_scope(user, "report_incidents") and is_reporter(user)


def can_edit_casework_through_api(user: Reader) -> bool:
    return has_api_scope(user, "edit_casework") and is_member(user)


def can_manage_api_tokens(user: Reader, organisation: Any) -> bool:
    """Tokens of an organisation are created and revoked by its administrators and coordinators."""
    if getattr(user, _SCOPES_ATTR, None) is not None:
        return False  # a token never makes tokens
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    role = roles_by_organisation(user).get(organisation.pk)
    return role is not None and ROLE_RANK[Role(role)] >= ROLE_RANK[Role.COORDINATOR]


# --- organisations a person acts for (reporting, the review queue, an incident's owner) -----------


def organisations_with_role(user: Reader, role: str) -> set[int]:
    """The organisations where `user` holds `role` or a higher one (the system holds none)."""
    wanted = ROLE_RANK[Role(role)]
    return {org for org, held in roles_by_organisation(user).items() if ROLE_RANK[Role(held)] >= wanted}


def _reaches_every_organisation(user: Reader) -> bool:
    """A superuser acts for every organisation; so does the system when it states the role."""
    if isinstance(user, SystemActor):
        return user.acts_as is not None
    return bool(getattr(user, "is_superuser", False)) and bool(user.is_active)


def reporting_organisations_q(user: Reader) -> Q:
    """The organisations (accounts.Organisation) `user` may report an incident for: those where they
    are a reporter or more; a superuser every organisation."""
    if _reaches_every_organisation(user):
        return Q()
    return Q(pk__in=organisations_with_role(user, Role.REPORTER))


def may_report_for(user: Reader, organisation_id: int | None) -> bool:
    """`reporting_organisations_q` asked of one organisation in memory (the user's roles are read
    once per request): may `user` report an incident for it?"""
    if organisation_id is None:
        return False
    return _reaches_every_organisation(user) or organisation_id in organisations_with_role(user, Role.REPORTER)


def review_queue_q(user: Reader) -> Q:
    """Which incidents awaiting review `user` is shown in the review queue: for those who review tips
    all of them, for a member those sent ("routed") to an organisation they act for, else none."""
    if can_review_tips(user):
        return Q()
    if not can_see_review_queue(user):
        return Q(pk__in=[])
    return Q(review_status="routed", routed_to__in=organisations_with_role(user, Role.MEMBER))


def awaiting_review_visible_q(user: Reader, awaiting: Q) -> Q:
    """Which incidents `user` may see at all as far as their review goes (on top of `visible_q`): one
    awaiting review (`awaiting`: a resident's tip nobody has accepted yet, its text unchecked) only by
    those the review queue shows it to (`review_queue_q`: those who review tips, and the members of
    the organisation it was sent to); every other incident by its classification alone. The system
    reading everything sees them all. One rule for every output of incidents: the list and its
    exports, an incident's page, the API, the situation map and the report."""
    if system_reads_everything(user) or can_review_tips(user):
        return Q()
    return ~awaiting | (awaiting & review_queue_q(user))


def can_see_incidents_in_review_status(user: Reader, status: str) -> bool:
    """Could `user` ever see an incident in review `status` (an incidents.ReviewStatus value)? The same
    rule as `awaiting_review_visible_q`, asked of one status so that a filter offers only statuses
    that can match: "pending" only for those who review tips (and the system reading everything),
    "routed" also for those with a review queue (what was sent to their organisation), every other
    status by classification alone."""
    if system_reads_everything(user) or can_review_tips(user):
        return True
    if status == "pending":
        return False
    if status == "routed":
        return can_see_review_queue(user)
    return True


def incident_owner_choices_q(user: Reader, incident: Any) -> Q:
    """The organisations (accounts.Organisation) `user` may make the owner of `incident`: their own
    and the one it has; a superuser any (so nobody hides an incident from themselves by mistake or
    hands it to a stranger)."""
    if _reaches_every_organisation(user):
        return Q()
    ids = organisation_ids(user) | {incident.owner_organisation_id}
    return Q(pk__in=[i for i in ids if i])


def can_give_incident_to(user: Reader, incident: Any, organisation: Any) -> bool:
    """May `user` make `organisation` (None: no owner) the owner of `incident`? See incident_owner_choices_q."""
    if organisation is None or organisation.pk == incident.owner_organisation_id:
        return True
    return _reaches_every_organisation(user) or organisation.pk in organisation_ids(user)


# --- meetings and minutes ----------------------------------------------------------------------------

CLASSIFICATION_RANK: dict[str, int] = {
    Classification.OPEN: 0,
    Classification.INTERNAL: 1,
    Classification.RESTRICTED: 2,
}


def strictest_classification(*classifications: str) -> str:
    """The strictest of the classifications (restricted > internal > open): an agenda item about a
    restricted measure is restricted however it was asked to be classified."""
    return max(classifications, key=CLASSIFICATION_RANK.__getitem__)


def can_change_meeting(user: Reader, meeting: Any) -> bool:
    """Change when, where and who chairs a meeting, or start a new version of its minutes:
    coordinators who can read the meeting."""
    return bool(can_manage_collaboration(user)) and can_view(user, meeting)


def can_distribute_minutes(user: Reader, meeting: Any) -> bool:
    """Send the approved minutes by e-mail and publish them: whoever may approve them."""
    return can_approve_minutes(user, meeting)


def minutes_are_open(meeting: Any) -> bool:
    """Approved (justerade) minutes are closed: nothing in them changes; a correction is a new version."""
    return not meeting.is_approved


def can_add_problem_to_forum(user: Reader, forum: Any) -> bool:
    """Put a new problem in a forum's work table (None: in no forum): a forum the user can read."""
    return forum is None or can_view(user, forum)


def can_erase_personal_data(user: Reader) -> bool:
    """Erase a person's personal data (GDPR art. 17; the account becomes anonymous): administrators,
    never their own (the service refuses that)."""
    return bool(is_admin(user))


def acts_on_self(user: Reader, person_id: int | None) -> bool:
    """Is `user` changing their own account (which some changes refuse: their own administrator
    right, their own account's deletion)? Never for the system, which is nobody's account."""
    user_id = getattr(user, "pk", None)
    return user_id is not None and user_id == person_id


def lowers_own_administrator_role(user: Reader, membership: Any) -> bool:
    """Would changing this membership lower the acting user's own administrator role? Refused: an
    administrator who does so locks herself out halfway through (another administrator must)."""
    return acts_on_self(user, membership.user_id) and membership.role == Role.ADMIN


# --- prioritisation of a council's areas (tryggsam.priorities) ------------------------------------


def _is_council(forum: Any) -> bool:
    return getattr(forum, "kind", None) == "council"


def can_view_priority_table(user: Reader, council: Any) -> bool:
    """The prioritisation table of a council (counts, tests, problems and measures of its areas):
    members of the collaboration (logged in, any role) who may read the council. Anonymous visitors
    get nothing; the counts in it are what the user may count (restricted incidents only for their
    owner and those they are shared with)."""
    return _is_council(council) and bool(is_collaboration_member(user)) and can_view(user, council)


def can_view_priority_list(user: Reader, priority_list: Any) -> bool:
    """A council's priority list (draft or decided): those who may see the council's table and may
    read the list itself under its classification."""
    return can_view_priority_table(user, priority_list.council) and can_view(user, priority_list)


def can_draft_priorities(user: Reader, council: Any) -> bool:
    """Choose the council's rhythm and draft its priority lists: the coordinators of the collaboration
    (those who keep the council, its plan and its meetings) who may see the table."""
    return bool(can_manage_collaboration(user)) and can_view_priority_table(user, council)


def can_edit_priority_list(user: Reader, priority_list: Any) -> bool:
    """Change the areas of a priority list: while it is a draft, those who may draft the council's lists."""
    return (
        priority_list.status == "draft"
        and can_draft_priorities(user, priority_list.council)
        and can_view(user, priority_list)
    )


def can_decide_priorities_in_meeting(user: Reader, meeting: Any, priority_list: Any) -> bool:
    """Decide a draft priority list under an agenda item: a coordinator who runs a meeting of the
    list's own council and may edit the list (the council decides its own priorities)."""
    return (
        priority_list.council_id == meeting.forum_id
        and can_edit_priority_list(user, priority_list)
        and can_run_meeting(user, meeting)
    )


# --- cause analysis (causes): the tree of a problem or of a focus area follows its owner -----------


def _cause_owner_record(owner: Any) -> Any:
    """The classified record a cause tree's owner is read under: the problem itself, or a focus
    area's plan (focus areas are not classified on their own)."""
    plan = getattr(owner, "plan", None)
    return plan if plan is not None else owner


def can_view_causes(user: Reader, owner: Any) -> bool:
    """Read the cause tree of a problem or focus area: whoever may read the problem or the plan."""
    return can_view(user, _cause_owner_record(owner))


def can_edit_causes(user: Reader, owner: Any) -> bool:
    """Add, change, move and delete causes, their evidence and the measures aimed at them: whoever may
    change the owner. For a problem that is `can_edit_problem`; for a focus area the coordinators who
    keep the plan, while it is a draft (a decided plan is frozen, its cause tree with it)."""
    plan = getattr(owner, "plan", None)
    if plan is None:
        return bool(can_edit_problem(user, owner))
    return bool(can_manage_collaboration(user)) and can_view(user, plan) and plan.status == "draft"


def can_aim_measure_at_cause(user: Reader, owner: Any, measure: Any) -> bool:
    """Aim a measure at a cause (or take it away): whoever may edit the tree, for a measure they can read."""
    return can_edit_causes(user, owner) and can_view(user, measure)


# --- statutory documents (Lag 2023:196) ------------------------------------------------------------


def can_view_statutory_document(user: Reader, document: Any) -> bool:
    """Read a statutory document's members' version (draft or decided): whoever may read the record.
    Its public version is read by anyone once published (`statutory_document_is_public`)."""
    return can_view(user, document)


def can_write_statutory_documents(user: Reader) -> bool:
    """Create lägesbilder, åtgärdsplaner and yearly follow-ups: the coordinators who keep the plans."""
    return bool(can_manage_collaboration(user))


def can_edit_statutory_document(user: Reader, document: Any) -> bool:
    """Write a draft's sections, make the next version of a decided one, publish a decided one: a
    coordinator who can read it."""
    return can_write_statutory_documents(user) and can_view(user, document)


def can_decide_statutory_document_in_meeting(user: Reader, meeting: Any, document: Any) -> bool:
    """Decide a draft under an agenda item: a coordinator who runs the meeting, whose minutes are still
    open, in a meeting of the document's own council (a document for an area only: any council's)."""
    return (
        document.status == "draft"
        and (document.forum_id is None or document.forum_id == meeting.forum_id)
        and can_edit_statutory_document(user, document)
        and can_run_meeting(user, meeting)
        and minutes_are_open(meeting)
    )


def can_publish_statutory_document(document: Any) -> bool:
    """The public version names its council: it can be published only when the council is open (as
    minutes, `can_publish_minutes`); a document for an area alone always can."""
    return document.forum is None or document.forum.classification == Classification.OPEN


def statutory_document_is_public(document: Any) -> bool:
    """The public version is served to anyone when the document is decided and published."""
    return document.status == "decided" and document.published_on is not None and document.public_snapshot is not None


# --- effect of a measure (effects) -----------------------------------------------------------------


def can_view_effect_study(user: Reader, measure: Any) -> bool:
    """The effect of a measure (counts before and after, the estimate, the verdict) is an analysis for
    the collaboration: members who may read the measure, never the public, even for an open measure.
    A rate ratio with its interval, read next to the counts behind it, would give away small counts
    that the public picture suppresses (PUBLIC_MIN_COUNT). The counts are the roll-ups the member may
    count (`rollup_visible_q`)."""
    return is_collaboration_member(user) and can_view(user, measure)


def can_edit_effect_study(user: Reader, measure: Any) -> bool:
    """Choosing comparison areas, categories and windows of a measure's effect study: whoever may
    edit the measure."""
    return bool(can_edit_measure(user, measure))


# --- goals with indicators (tryggsam.goals) --------------------------------------------------------
# A goal sits on a plan's focus area (a citizen promise's promise) or on a problem and has no
# classification of its own: it is read and changed with its subject. A goal set while its plan was a
# draft is part of what was decided and is frozen with the plan; a goal added to a decided plan to
# follow it up (`added_after_decision`, shown as such) is not, and those who keep the plan may change
# it. Readings may be entered on every goal: following a decided plan up does not change it.


def can_view_goal(user: Reader, goal: Any) -> bool:
    """Read a goal and its progress: whoever may read its focus area's plan; for a goal on a problem,
    members of the collaboration who may read the problem (a problem's work is behind login)."""
    if goal.problem_id is not None:
        return bool(is_collaboration_member(user)) and can_view(user, goal.problem)
    return can_view(user, goal.focus_area.plan)


def can_set_goals_on_problem(user: Reader, problem: Any) -> bool:
    """Add, change and delete a problem's goals: whoever may edit the problem."""
    return bool(can_edit_problem(user, problem))


def can_set_goals_on_focus_area(user: Reader, focus_area: Any) -> bool:
    """Add goals to a focus area: those who keep its plan (coordinators who can read it), also once it
    is decided (the goal is then marked as added after the decision)."""
    return bool(can_manage_collaboration(user)) and can_view(user, focus_area.plan)


def goal_is_frozen(goal: Any) -> bool:
    """Is this a goal that was decided with its plan (set while the plan was a draft, plan now decided)?"""
    return goal.focus_area_id is not None and goal.focus_area.plan.is_frozen and not goal.added_after_decision


def can_change_goal(user: Reader, goal: Any) -> bool:
    """Change or delete a goal (its text, indicator, baseline and target); never one decided with its plan."""
    if goal.problem_id is not None:
        return can_set_goals_on_problem(user, goal.problem)
    return can_set_goals_on_focus_area(user, goal.focus_area) and not goal_is_frozen(goal)


def can_enter_goal_readings(user: Reader, goal: Any) -> bool:
    """Enter, correct and delete a goal's readings: as for changing the goal, but also on a decided plan."""
    if goal.problem_id is not None:
        return can_set_goals_on_problem(user, goal.problem)
    plan = goal.focus_area.plan
    return bool(can_manage_collaboration(user)) and can_view(user, plan)


# --- people lists -----------------------------------------------------------------------------------
# An API token calls as a principal user of its own (see api.models.ApiToken). It is not a person: it
# must never be offered where people are listed or chosen (the register, forum members, responsible
# person, chair and secretary, attendance, invitations, matching names in imported minutes).

API_PRINCIPAL_EMAIL_DOMAIN = "api.invalid"
"""The e-mail domain of the tokens' principal users (a reserved top-level domain: no person has it)."""


def real_people_q(prefix: str = "") -> Q:
    """A filter for querysets of users (or of a model reaching users by `prefix`, e.g. "user__") that
    keeps people and leaves out the API tokens' principal users. Every people list filters through it."""
    return ~Q(**{f"{prefix}email__iendswith": f"@{API_PRINCIPAL_EMAIL_DOMAIN}"})


def is_real_person_email(address: str) -> bool:
    """May this address belong to a person (be invited, listed)? Not an API token's principal's."""
    return not address.strip().lower().endswith(f"@{API_PRINCIPAL_EMAIL_DOMAIN}")


# --- documents generated off the request path (issue 17, item 4) ---------------------------------------


def reading_audience(user: Reader) -> str:
    """The audience a generated document is kept for: two readers with the same key read the same
    classified records under `visible_q`, `rollup_visible_q` and `can_view` (which depend on exactly
    this: the system's scope, membership of the collaboration, superuser, the reader's organisations).
    A file rendered for one key is never served to a reader with another, so a reader who may see less
    never gets a file rendered for one who may see more. Incidents awaiting review are read by role
    (`_review_reach`), which the key carries too. The documents' content version (a hash of
    what they show) comes on top."""
    if isinstance(user, SystemActor):
        return "system-all" if user.reads is SystemScope.ALL else "system-open"
    if not is_collaboration_member(user):
        return "open"
    if user.is_superuser:
        return "all"
    orgs = sorted(organisation_ids(user))
    text = "-".join(str(o) for o in orgs) + _review_reach(user)
    return f"orgs-{text}" if len(text) <= 60 else "orgs-h" + hashlib.sha256(text.encode()).hexdigest()[:40]


def _review_reach(user: Reader) -> str:
    """The part of the reading audience that `awaiting_review_visible_q` adds to the organisations:
    incidents awaiting review are read by role ("-r": those who review tips; "-m3-7": a member of the
    organisations 3 and 7 sees those sent to them; "" for none), so a coordinator's and a reader's
    files of the same organisation differ."""
    if can_review_tips(user):
        return "-r"
    members = sorted(organisations_with_role(user, Role.MEMBER))
    return "-m" + "-".join(str(o) for o in members) if members else ""


# --- population of areas (places.AreaPopulation) ------------------------------------------------------


@rules.predicate
def can_keep_populations(user: Reader) -> bool:
    """Enter, change and delete the population of an area per year, and let an import of statistics
    derive it: coordinators and administrators (they keep the area register's facts). The figures
    themselves are published data: anyone who sees a rate may see the population behind it."""
    return is_coordinator(user)


rules.add_perm("places.keep_population", can_keep_populations)
