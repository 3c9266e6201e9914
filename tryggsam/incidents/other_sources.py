"""Incidents from residents' tips and safety-walk findings: each enters the situation picture with
its own source. Tips come from anyone (no login) and are internal, never public; free text goes
through the personal-data guard and is stored masked; the tipster's identity is not asked for."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import Actor, Person
from tryggsam.audit.writes import create_audited
from tryggsam.core.errors import ServiceError
from tryggsam.core.models import Classification
from tryggsam.core.personal_data.guard import find_personal_data, mask
from tryggsam.incidents.counting import incidents_added
from tryggsam.incidents.locating import Location, locate_area, locate_point, locate_text
from tryggsam.incidents.models import (
    Incident,
    IncidentCategory,
    IncidentSource,
    ReviewStatus,
    TipReceipt,
    TipSubmission,
)
from tryggsam.incidents.tips import count_request, new_reference
from tryggsam.incidents.work import incident_accept


def _record(
    *, source: str, categories: list[IncidentCategory], occurred_at: dt.datetime, text: str, location: Location,
    actor: Actor | None = None, classification: str = Classification.INTERNAL, owner: Any = None, title: str = "",
    review_status: str = ReviewStatus.REVIEWED,
) -> Incident:  # fmt: skip
    incident = create_audited(
        model=Incident,
        actor=actor,
        m2m={"categories": categories},
        source=source,
        occurred_at=occurred_at,
        reported_at=timezone.now(),
        title=title[:300],
        description=text,
        classification=classification,
        owner_organisation=owner,
        review_status=review_status,
        **location.area_fields(),
    )
    incidents_added([(incident, [c.pk for c in categories])])  # the roll-ups leave out what waits for review
    return incident


@transaction.atomic
def resident_tip(
    *, category: IncidentCategory, text: str, place_text: str = "", lat: float | None = None, lon: float | None = None,
    occurred_at: dt.datetime | None = None, address: str = "", email: str = "",
) -> Incident:  # fmt: skip
    """A resident's tip from the public form or an Open311 client; personal data in the text is masked
    before saving. At most `tips.TIPS_PER_HOUR` per sending address (TipLimitError). The tip gets a
    receipt with its reference number (`incident.tip_receipt`) and, if the resident left one, the
    e-mail address for the answers (`tips.tip_outcome`). It waits for review and counts in the
    situation picture only after `tip_review`."""
    count_request(address, purpose=TipSubmission.SEND)
    location: Location | None
    if lat is not None and lon is not None:
        location = locate_point(lat, lon)
    else:
        location = locate_text(place_text) if place_text.strip() else None
        if location is None:
            raise ServiceError(
                _("Vi hittade inte platsen. Skriv namnet på platsen eller stadsdelen, eller klicka på kartan.")
            )
    clean = mask(text, find_personal_data(text)).strip()
    when = occurred_at or timezone.now()
    if when > timezone.now() + dt.timedelta(minutes=5):
        raise ServiceError(_("Tidpunkten kan inte ligga i framtiden."))
    incident = _record(
        source=IncidentSource.RESIDENT_TIP,
        categories=[category],
        occurred_at=when,
        text=clean,
        location=location,
        title=category.name,
        review_status=ReviewStatus.PENDING,
    )
    create_audited(model=TipReceipt, actor=None, incident=incident, reference=new_reference(), email=email.strip())
    return incident


def tip_review(*, incident: Incident, actor: Person) -> Incident:
    """Mark a resident's tip reviewed: from now on it counts in the roll-ups and the situation picture.
    Audited in the same transaction; reviewing a tip twice changes nothing (`work.incident_accept`)."""
    return incident_accept(actor=actor, incident=incident)


@transaction.atomic
def finding_incident(*, finding: Any, category: IncidentCategory, actor: Actor | None = None) -> Incident:
    """A safety-walk finding counted in the situation picture at the walk's date and place."""
    walk = finding.walk
    location = locate_area(finding.area or walk.area)
    return _record(
        source=IncidentSource.SAFETY_WALK,
        categories=[category],
        occurred_at=timezone.make_aware(dt.datetime.combine(walk.date, dt.time(18))),
        text=finding.text,
        location=location,
        actor=actor,
        classification=walk.classification,
        owner=walk.owner_organisation,
        title=f"{walk.title}: {finding.location or finding.text}"[:300],
    )
