"""Incidents from residents' tips and safety-walk findings: each enters the situation picture with
its own source. Tips come from anyone (no login) and are internal, never public; free text goes
through the personal-data guard and is stored masked; the tipster's identity is not asked for."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tryggsam.core.errors import ServiceError
from tryggsam.core.models import Classification
from tryggsam.core.services import create_audited
from tryggsam.incidents.locating import Location, locate_area, locate_point, locate_text
from tryggsam.incidents.models import Incident, IncidentCategory, IncidentSource
from tryggsam.privacy.guard import find_personal_data, mask
from tryggsam.situation.rollups import add_incidents


def _record(
    *, source: str, categories: list[IncidentCategory], occurred_at: dt.datetime, text: str, location: Location,
    actor: Any = None, classification: str = Classification.INTERNAL, owner: Any = None, title: str = "",
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
        **location.area_fields(),
    )
    add_incidents([(incident, [c.pk for c in categories])])
    return incident


@transaction.atomic
def resident_tip(
    *, category: IncidentCategory, text: str, place_text: str = "", lat: float | None = None, lon: float | None = None,
    occurred_at: dt.datetime | None = None,
) -> Incident:  # fmt: skip
    """A resident's tip from the public form; personal data in the text is masked before saving."""
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
    return _record(
        source=IncidentSource.RESIDENT_TIP,
        categories=[category],
        occurred_at=when,
        text=clean,
        location=location,
        title=category.name,
    )


@transaction.atomic
def finding_incident(*, finding: Any, category: IncidentCategory, actor: Any = None) -> Incident:
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
