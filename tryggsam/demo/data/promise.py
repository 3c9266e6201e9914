"""A citizen promise (medborgarlöfte) of the police and the district administration, decided and
followed up once. Written for the demo; the promise runs for two years and is followed up twice a year."""

from __future__ import annotations

from typing import Any

from tryggsam.plans.models import FollowUpStatus, PlanKind

PROMISE: dict[str, Any] = {
    "title": "Medborgarlöfte för Fruängen och Västertorp",
    "kind": PlanKind.CITIZEN_PROMISE,
    "parties": "Lokalpolisområdet och stadsdelsförvaltningen",
    "introduction": "Boende har i medborgardialoger och på trygghetsvandringar berättat om mörka gångvägar och "
    "om oro kring stationerna på kvällarna. Polisen och förvaltningen lovar därför att arbeta med två saker "
    "under två år och att redovisa hur det går vid varje uppföljning.",
    "valid_from_days": -200,
    "valid_to_days": 530,
    "decided_days": -210,
}

# (name, area, forum key, activities, what the police do, what the administration does)
PROMISES: tuple[dict[str, Any], ...] = (
    {
        "name": "Ljusare och öppnare gångvägar",
        "area": "Västertorp",
        "forum": "fvh",
        "goal": "Färre boende undviker gångvägarna mellan stationen och bostäderna när det är mörkt.",
        "activities": ["Inventera belysningen med boende varje höst", "Glesa ut buskage vid lekplatser"],
        "police_commitment": "Deltar i inventeringen och rapporterar platser där det sker brott.",
        "district_commitment": "Beställer lagning av belysning och gallring hos trafikkontoret och bostadsbolaget.",
        "follow_up": "Två gånger per år i platssamverkan.",
    },
    {
        "name": "Vuxna på plats vid stationerna på kvällen",
        "area": "Fruängen",
        "forum": "fvh",
        "goal": "Unga och vuxna känner sig trygga vid stationerna fredag och lördag kväll.",
        "activities": ["Gemensamma kvällspass med fältassistenter och polis", "Stöd till föreningarnas nattvandring"],
        "police_commitment": "Synlig närvaro vid stationerna två kvällar i månaden.",
        "district_commitment": "Fältassistenter ute samma kvällar; samordnar föreningarnas scheman.",
        "follow_up": "Två gånger per år i platssamverkan.",
    },
)

FOLLOW_UP_DAYS = -10
FOLLOW_UP_SUMMARY = (
    "Första halvårsuppföljningen i platssamverkan. Belysningen är bättre; kvällspassen har kommit igång."
)
# (promise index, activity or "" for the whole promise, status, what was done)
FOLLOW_UP_ENTRIES = (
    (0, "Inventera belysningen med boende varje höst", FollowUpStatus.DONE,
     "Inventeringen gjordes med tolv boende; nio trasiga lampor är lagade."),
    (0, "Glesa ut buskage vid lekplatser", FollowUpStatus.PARTLY,
     "Två av fyra lekplatser klara; resten beställt till våren."),
    (1, "Gemensamma kvällspass med fältassistenter och polis", FollowUpStatus.DONE,
     "Åtta pass under hösten, ofta med samma fältassistenter."),
    (1, "Stöd till föreningarnas nattvandring", FollowUpStatus.NOT_DONE,
     "Föreningen har inte haft vandrare nog; nytt möte bokat."),
)  # fmt: skip
