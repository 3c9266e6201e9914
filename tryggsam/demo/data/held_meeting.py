"""The council meeting the demo has already held: who came, what was said under each item of the
standard agenda, and what was decided. Invented for the demo."""

from __future__ import annotations

from tryggsam.casework.models import MeasureStatus
from tryggsam.meetings.models import AttendanceStatus

DAYS_AGO = 20  # moved back to the working day before if it falls on a weekend or a holiday
START_HOUR, END_HOUR = 9, 11
LOCATION = "Stadsdelshuset, sammanträdesrum Ekorren"

GUEST = {
    "name": "Sofia Lundgren",
    "title": "Enhetschef, gatu- och parkavdelningen",
    "organisation_text": "Trafikkontoret",
}
# Called members who did not come (by demo user key); everyone else called was present.
NOT_PRESENT = {"skola": AttendanceStatus.EXCUSED}
ABSENT_ORGANISATIONS = {"brand": AttendanceStatus.ABSENT}

# Notes by the template's position (1-based, top-level items; sub-items by partnership key below).
SITUATION_NOTES = (
    "Trygghetsstrategen gick igenom lägesbilden för det senaste tertialet. Anmälningarna om stök och "
    "ungdomsgrupper har minskat kring Liljeholmstorget men ökat något vid stationerna längs röda linjen. "
    "Partnernas rapporter visar fortsatt mycket klotter i gångtunnlarna. Rådet diskuterade förslaget till "
    "prioriterade områden för kommande period."
)
REPORTS_NOTES = "Arbetsgruppernas och platssamverkans skriftliga rapporter skickades ut med kallelsen."
PARTNERSHIP_NOTES = {
    "fvh": (
        "Trygghetsvandringen i Västertorp gav fyra fynd. Felanmälan av armaturerna är gjord och hälften är "
        "redan bytta; de övriga fynden följs upp i platssamverkan."
    ),
    "liljeholmen": (
        "Gångtunneln under leden används fortfarande för övernattning. Två avvisningar har gjorts och stöd har "
        "erbjudits båda gångerna. Trafikkontoret berättade att belysningen i tunneln är från sjuttiotalet och "
        "att flera armaturer saknar skydd."
    ),
    "alvsjo": (
        "Ordningsvakterna vid pendeltågsstationen är på plats sedan förordnandet började gälla. Polisen "
        "upplever färre larm från hotellet vid mässan nattetid."
    ),
}
MEASURES_NOTES = (
    "Rådet gick igenom åtgärderna i åtgärdsplanen. De flesta löper enligt plan; åtgärderna vid Älvsjö "
    "station följs upp särskilt vid nästa möte."
)
OTHER_NOTES = (
    "Räddningstjänsten hade lämnat skriftlig information inför nyår om brandsäkerhet och fyrverkerier, som "
    "sprids via skolorna och bostadsbolagen."
)
UPCOMING_NOTES = "Nästa möte med rådet hålls %(date)s, klockan 9–11 i sammanträdesrum Ekorren."

# Decisions under the Liljeholmen item, on the problem of the underpass (looked up by its title).
UNDERPASS_PROBLEM = "Gångtunneln under leden: övernattning och skräp"
UNDERPASS_FOLLOW_UP = (
    "Rådet noterade att rutinen för avvisning fungerar och att uppsökarna fortsätter att besöka platsen varje vecka.",
    MeasureStatus.ONGOING,
    "Följts upp i rådet: rutinen fungerar, uppsökarna besöker platsen varje vecka.",
)
NEW_MEASURE_TEXT = (
    "Trafikkontoret ser över belysningen och siktlinjerna i gångtunneln under leden och redovisar ett förslag "
    "för platssamverkan."
)
NEW_MEASURE = {
    "title": "Ny belysning och bättre siktlinjer i gångtunneln under leden",
    "participants_text": "Trafikkontoret, SDF, kommunpolis",
    "responsible_text": "Trafikkontoret, gatu- och parkavdelningen",
    "responsible_org": "sdf",
}
NEW_MEASURE_FOLLOW_UP_IN = 25  # days from today
MEASURES_DECISION = "Rådet lade redovisningen av åtgärdsplanen till handlingarna."

# The Liljeholmen place partnership's last meeting: shorter, with items on rows of its work table.
PARTNERSHIP_DAYS_AGO = 13
PARTNERSHIP_HOURS = (10, 11)
PARTNERSHIP_LOCATION = "Centrumkontoret vid torget"
# (heading, title of the linked problem or "", notes, decision or "")
PARTNERSHIP_ITEMS = (
    ("Läget sedan förra mötet", "", "Polisen och Nordvakt beskrev en lugnare oktober på torget, men två rån mot "
     "unga vid uppgångarna har anmälts sedan förra mötet.", ""),
    ("Kvällarna på torget", "Torget: grupper av unga som stör ordningen på kvällar", "Chattgruppen används varje "
     "helg. Centrumförvaltningen pausar de extra vakterna över jullovet och tar upp dem igen i januari.",
     "Platssamverkan följer upp kvällarna på torget vid nästa möte."),
    ("Klotter runt stationen", "Klotter på elskåp och väggar runt stationen", "Saneringen hinns med inom ett "
     "dygn. Tunnelbanan undersöker om elskåpen kan kläs med folie som är lättare att tvätta.", ""),
)  # fmt: skip
