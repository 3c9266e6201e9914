"""Writes of incidents reported by people (partner reports). Each service checks the policy, resolves
the area at every level, validates, saves and audits in one transaction. The police feed has its own
bulk import in `police.py`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Person, person_of
from tryggsam.accounts.models import Organisation
from tryggsam.audit.services import audit_create
from tryggsam.audit.writes import create_audited
from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.core.models import Classification
from tryggsam.incidents.counting import incidents_added
from tryggsam.incidents.locating import Location, locate_point, locate_text
from tryggsam.incidents.models import Incident, IncidentCategory, IncidentSource

# The EST checklist (code, Swedish name), in the order partners see it. Names are stored in the
# database so that each installation may edit them; they are marked for translation only.
DEFAULT_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("vandalism", gettext_noop("Skadegörelse")),
    ("graffiti", gettext_noop("Klotter")),
    ("litter", gettext_noop("Nedskräpning")),
    ("youths", gettext_noop("Ungdomar som samlas eller stör")),
    ("drug_dealing", gettext_noop("Narkotikahandel")),
    ("public_drinking", gettext_noop("Alkohol på allmän plats")),
    ("threats_violence", gettext_noop("Hot eller våld")),
    ("robbery", gettext_noop("Rån")),
    ("burglary", gettext_noop("Inbrott")),
    ("fire", gettext_noop("Brand")),
    ("illegal_settlement", gettext_noop("Olovlig bosättning")),
    ("aggressive_begging", gettext_noop("Påträngande tiggeri")),
    ("reckless_driving", gettext_noop("Vårdslös körning")),
    ("unsafe_place", gettext_noop("Mörk eller otrygg plats")),
    ("other", gettext_noop("Annat")),
)
OTHER = "other"


@transaction.atomic
def ensure_default_categories() -> dict[str, IncidentCategory]:
    """Create the checklist categories that are missing; never changes existing ones (an
    installation's own names, order and deactivations stay); each one created is audited as made
    by the system. Returns every category by code."""
    existing = {c.code: c for c in IncidentCategory.objects.all()}
    for position, (code, name) in enumerate(DEFAULT_CATEGORIES, start=1):
        if code not in existing:
            existing[code] = IncidentCategory.objects.create(code=code, name=name, position=position * 10)
            audit_create(actor=None, obj=existing[code])
    return existing


def _municipality_for(location: Location) -> str:
    """The areas of the gazetteer belong to the installation's municipality."""
    if location.finest is None:
        return ""
    return str(getattr(settings, "INCIDENTS_MUNICIPALITY", "Stockholm"))


def _locate(*, lat: float | None, lon: float | None, place_text: str) -> Location:
    if (lat is None) != (lon is None):
        raise ServiceError(_("Både latitud och longitud behövs för en punkt på kartan."))
    if lat is not None and lon is not None:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ServiceError(_("Punkten på kartan är inte giltig."))
        return locate_point(lat, lon)
    if not place_text.strip():
        raise ServiceError(_("Ange var det hände: sök en plats eller klicka på kartan."))
    location = locate_text(place_text)
    if location is None:
        raise ServiceError(
            _("Ingen plats hittades för ”%(text)s”. Prova ett annat namn på platsen eller stadsdelen.")
            % {"text": place_text.strip()}
        )
    return location


@transaction.atomic
def incident_report(
    *,
    actor: Person,
    categories: Iterable[IncidentCategory],
    occurred_at: dt.datetime,
    text: str,
    lat: float | None = None,
    lon: float | None = None,
    place_text: str = "",
    reporting_organisation: Organisation | None = None,
    classification: str = Classification.INTERNAL,
    shared_with: Iterable[Organisation] = (),
) -> Incident:
    """A partner's report on the checklist. The area is resolved at every level from the point when
    one is given (point-in-polygon), otherwise from the place named in `place_text` (gazetteer: the
    named area, its ancestors and its centroid). The reporting organisation owns the incident; a
    restricted incident may be shared with other organisations, and counts for them in the roll-ups."""
    if not permissions.is_reporter(actor):
        raise PermissionDeniedError(_("Du får inte rapportera händelser."))
    categories = list(categories)
    if not categories:
        raise ServiceError(_("Välj minst en kategori."))
    if any(not c.active for c in categories):
        raise ServiceError(_("En av kategorierna används inte längre."))
    if reporting_organisation is not None and not permissions.may_report_for(actor, reporting_organisation.pk):
        raise PermissionDeniedError(_("Du kan bara rapportera för dina egna organisationer."))
    if occurred_at > timezone.now() + dt.timedelta(minutes=5):
        raise ServiceError(_("Tidpunkten kan inte ligga i framtiden."))
    shared_with = list(shared_with)
    if shared_with and classification != Classification.RESTRICTED:
        raise ServiceError(_("Bara begränsade rapporter kan delas med utvalda organisationer."))
    location = _locate(lat=lat, lon=lon, place_text=place_text)
    finest = location.finest
    incident = create_audited(
        model=Incident,
        actor=actor,
        m2m={"categories": categories, "shared_with": shared_with},
        source=IncidentSource.PARTNER_REPORT,
        occurred_at=occurred_at,
        reported_at=timezone.now(),
        title=", ".join(p for p in [*(c.name for c in categories), finest.name if finest else place_text.strip()] if p)[
            :300
        ],
        description=text.strip(),
        municipality=_municipality_for(location),
        reporting_organisation=reporting_organisation,
        reporter=person_of(actor),
        classification=classification,
        owner_organisation=reporting_organisation,
        created_by=person_of(actor),
        **location.area_fields(),
    )
    incidents_added([(incident, [c.pk for c in categories])])
    return incident
