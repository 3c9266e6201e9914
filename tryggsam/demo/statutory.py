"""The demo's statutory document: a draft lägesbild for this year for the council, with its written
sections (in the demo's own words), ready to preview, generate and decide in the council's meeting."""

from __future__ import annotations

import datetime as dt

from tryggsam.accounts.actors import Person
from tryggsam.forums.models import Forum
from tryggsam.statutory.models import DocumentKind, StatutoryDocument
from tryggsam.statutory.services import document_create, document_write

SUMMARY = (
    "Rådet ser en blandad bild av året. Skadegörelse och nedskräpning kring torget och pendelstationen "
    "är fortsatt de vanligaste händelserna, medan rapporterna om stök i trapphusen har minskat sedan "
    "belysningen byttes under våren.\n\n"
    "Otryggheten kvällstid är störst bland äldre och bland unga kvinnor som går hem från kollektivtrafiken. "
    "Rådet vill därför rikta arbetet mot de stråk som många använder efter mörkrets inbrott."
)
RISK_FACTORS = (
    "Riskfaktorer: mörka gångstråk mellan stationen och bostadsområdena, få vuxna ute sena kvällar under "
    "loven, och lokaler som står tomma efter att två butiker lämnat centrum.\n\n"
    "Skyddsfaktorer: en aktiv fastighetsägare som snabbt sanerar klotter, fritidsgården som har förlängt "
    "öppettiderna på fredagar, och föreningar som ordnar kvällsaktiviteter i parken under sommaren."
)
CONCLUSIONS = (
    "Rådet föreslår att belysningen längs stråket mot stationen prioriteras i nästa åtgärdsplan, att "
    "nattvandringen utökas under loven och att platssamverkan följer upp nedskräpningen vid torget varje månad."
)


def create_statutory_documents(*, council: Forum, coordinator: Person, today: dt.date) -> StatutoryDocument:
    """A draft lägesbild for this year (once: an existing one is kept)."""
    existing = StatutoryDocument.objects.filter(kind=DocumentKind.SITUATION, forum=council, year=today.year).first()
    if existing is not None:
        return existing
    document = document_create(actor=coordinator, kind=DocumentKind.SITUATION, forum=council, year=today.year)
    return document_write(
        actor=coordinator, document=document, summary=SUMMARY, risk_factors=RISK_FACTORS, conclusions=CONCLUSIONS
    )
