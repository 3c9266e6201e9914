"""The populations of the demo council's areas: our own round, plausible figures for the district area
and its districts (not official statistics), entered as a coordinator would ("inskrivet") for the year
before the demo's today, so the prioritisation table shows rates per 1 000 inhabitants and says which
year's population it used. Districts the demo does not have (the small invented geography) are skipped."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tryggsam.demo.system import DEMO_SYSTEM
from tryggsam.forums.models import Forum
from tryggsam.places.models import Area, AreaLevel, AreaPopulation
from tryggsam.places.population_services import population_enter

DISTRICT_AREA_INHABITANTS = 127_700
DISTRICT_INHABITANTS = {
    "Aspudden": 10_400,
    "Fruängen": 10_900,
    "Gröndal": 8_700,
    "Herrängen": 2_900,
    "Hägersten": 9_800,
    "Hägerstensåsen": 11_200,
    "Liljeholmen": 14_300,
    "Liseberg": 2_600,
    "Långbro": 4_100,
    "Långsjö": 2_300,
    "Midsommarkransen": 11_900,
    "Mälarhöjden": 7_200,
    "Solberga": 8_400,
    "Västberga": 2_100,
    "Västertorp": 8_300,
    "Älvsjö": 6_900,
    "Örby slott": 5_700,
}


def create_demo_populations(*, council: Forum, year: int) -> int:
    """Enter the figures that are missing; returns how many were added (0 when loaded before)."""
    if council.area_id is None:
        return 0
    areas = [council.area, *Area.objects.filter(parent_id=council.area_id, level=AreaLevel.DISTRICT)]
    added = 0
    for area in areas:
        if area is None or AreaPopulation.objects.filter(area=area, year=year).exists():
            continue
        inhabitants = DISTRICT_AREA_INHABITANTS if area.pk == council.area_id else DISTRICT_INHABITANTS.get(area.name)
        if inhabitants is None:
            continue
        population_enter(
            actor=DEMO_SYSTEM,
            area=area,
            year=year,
            inhabitants=inhabitants,
            note=_("Demo: en avrundad siffra i egna ord, inte officiell statistik."),
        )
        added += 1
    return added
