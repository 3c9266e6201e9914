"""The joint action plan of the district administration and the police, with its focus areas.
Every field of a focus area is filled so that the plan can be shown and exported in full."""

from __future__ import annotations

from typing import Any

from tryggsam.plans.models import PlanKind

PLAN: dict[str, Any] = {
    "title": "Gemensam åtgärdsplan för stadsdelsförvaltningen och polisen",
    "kind": PlanKind.ACTION_PLAN,
    "parties": "Hägersten-Älvsjö stadsdelsförvaltning och Lokalpolisområde Söderort väst",
    "introduction": "Planen samlar de områden som förvaltningen och polisen prioriterar gemensamt. Arbetet leds av "
    "det lokala brottsförebyggande rådet och genomförs i arbetsgrupperna och platssamverkan. Målet är ett "
    "stadsdelsområde där de som bor, arbetar och rör sig här känner sig trygga och välkomna.",
    "valid_from_days": -330,
    "valid_to_days": 400,
}

FUNDING = "Varje part står för sin egen personal och sina egna verksamhetskostnader; gemensamma aktiviteter delas lika."
COMMUNICATION = (
    "Utåt: enligt den gemensamma kommunikationsplanen och stadsdelens webbplats. Inåt: arbetsgruppens "
    "anteckningar sprids i båda organisationerna och avstäms varannan vecka."
)

# Focus areas; "forum" is the key of a forum in forums.FORUMS and "area" an area name. Funding and
# communication are the same for every area (FUNDING, COMMUNICATION).
FOCUS_AREAS: tuple[dict[str, Any], ...] = (
    {
        "name": "Liljeholmens centrum",
        "area": "Liljeholmen",
        "forum": "centrum",
        "forum_text": "Tryggare och trivsammare centrum samt platssamverkan Liljeholmen",
        "goal": "Torget, gallerian och stationen upplevs som trygga och trivsamma av boende, besökare och handlare.",
        "purpose": "När fler vuxna är närvarande och vet vart de ska vända sig blir det svårare att störa ordningen "
        "och lättare att ingripa tidigt.",
        "target_group": "I första hand boende, besökare och näringsidkare; i andra hand de som stör ordningen.",
        "measure": "Stärka den vuxna närvaron och göra kontaktvägarna kända.",
        "responsible": "Stadsdelsförvaltningen och polisen",
        "activities": [
            "Sprida kontaktvägar för felanmälan och tips till handlarna",
            "Informera om var förbud mot alkoholförtäring gäller",
            "Erbjuda trygghetsvandringar två gånger per år",
        ],
        "police_contact": "Kommunpolis",
        "police_commitment": "Delta i arbetsgruppen, dela lägesbild och planera närvaro utifrån den.",
        "district_contact": "Trygghets- och säkerhetsstrateg",
        "district_commitment": "Sammankalla arbetsgruppen, sprida information och följa upp åtgärderna.",
        "other_actors": "Centrumförvaltningen, tunnelbanan, trafikkontoret, bevakningsbolag och handlare",
        "follow_up": "Åtgärdstabellen gås igenom på varje möte; trygghetsmätningen jämförs år för år.",
    },
    {
        "name": "Narkotika i närmiljön",
        "area": "Hägersten-Älvsjö",
        "forum": "sspf",
        "forum_text": "SSPF och Tryggare och trivsammare centrum",
        "goal": "Ingen öppen försäljning av narkotika i stadsdelsområdet och färre unga som provar.",
        "purpose": "Mindre tillgång minskar risken att unga fastnar i missbruk och gör platserna tryggare.",
        "target_group": "Unga och unga vuxna; därefter boende och besökare där handeln sker.",
        "measure": "Samordna polisens insatser mot narkotikabrott med förvaltningens stöd och behandling.",
        "responsible": "Polisen",
        "activities": [
            "Polisen bjuder in förvaltningen när riktade insatser planeras",
            "Löpande informationsutbyte inom ordinarie samverkan",
            "Erbjuda stöd och behandling till dem som påträffas",
        ],
        "police_contact": "Kommunpolis",
        "police_commitment": "Informera om planerade insatser och planera dem tillsammans med förvaltningen.",
        "district_contact": "Socialtjänsten, vuxenenheten och enheten för barn och unga",
        "district_commitment": "Planera tillsammans med polisen och erbjuda vård och behandling.",
        "other_actors": "Socialtjänsten i grannområdena, stadens socialförvaltning, bostadsbolag",
        "follow_up": "Arbetsgruppen följer upp aktiviteterna varje kvartal och rapporterar till rådet.",
    },
    {
        "name": "Barn och unga – en trygg uppväxt",
        "area": "Hägersten-Älvsjö",
        "forum": "sspf",
        "forum_text": "SSPF och operativa ungdomsgruppen",
        "goal": "Alla barn och unga i stadsdelsområdet har goda förutsättningar i skolan och på fritiden.",
        "purpose": "Skolgång, fritid och trygga vuxna skyddar mot att unga dras in i kriminalitet.",
        "target_group": "Alla barn och unga med hem eller skola i stadsdelsområdet, och deras föräldrar.",
        "measure": "Samordnade förebyggande insatser i skola och på fritid.",
        "responsible": "Stadsdelsförvaltningen och polisen",
        "activities": [
            "YOLO för alla klasser i årskurs 7",
            "RoS för alla klasser i årskurs 8",
            "Helgsamverkan med avstämning varje fredag",
            "Minst två gemensamma tillsynspass för tobak och folköl per år",
        ],
        "police_contact": "Kommunpolis",
        "police_commitment": "Kalla till fredagens avstämning, medverka i programmen och i tillsynen.",
        "district_contact": "Preventionssamordnare och fältassistenter",
        "district_commitment": "Erbjuda programmen till alla skolor, leda helgsamverkan och dokumentera tillsynen.",
        "other_actors": "Skolorna, fritidsgårdarna, nattvandrare och föreningslivet",
        "follow_up": "Leveransen av programmen följs per skola och läsår; rådet får en sammanställning i juni.",
    },
    {
        "name": "Trygghet i Fruängen och Västertorp",
        "area": "Västertorp",
        "forum": "fvh",
        "forum_text": "Platssamverkan Fruängen/Västertorp/Hägerstensåsen",
        "goal": "Färre boende i Fruängen och Västertorp uppger att de är oroliga för brott vid nästa mätning.",
        "purpose": "Boende som känner till läget och varandra ingriper och hör av sig oftare.",
        "target_group": "Boende i Fruängen och Västertorp.",
        "measure": "Minska otryggheten och brottsutsattheten i bostadsområdena.",
        "responsible": "Stadsdelsförvaltningen och polisen",
        "activities": [
            "Trygghetsvandringar med boende",
            "Bättre belysning och sikt i parker och på gångvägar",
            "Regelbunden information till boende om läget",
            "Stöd till föreningar som är ute på kvällarna",
        ],
        "police_contact": "Kommunpolis",
        "police_commitment": "Planera och genomföra de prioriterade aktiviteterna tillsammans med förvaltningen.",
        "district_contact": "Trygghetsstrateg och avdelningen för samhällsplanering",
        "district_commitment": "Leda platssamverkan och ansvara för åtgärder i den fysiska miljön.",
        "other_actors": "Söderhem, Föreningen Trygga kvällar, tunnelbanan",
        "follow_up": "Platssamverkans åtgärdstabell och trygghetsmätningen vartannat år.",
    },
    {
        "name": "Olovliga bosättningar i parker och naturmark",
        "area": "Hägersten-Älvsjö",
        "forum": "centrum",
        "forum_text": "Tryggare och trivsammare centrum",
        "goal": "Parker och naturmark kan användas av alla utan att någon bor där olovligen.",
        "purpose": "Upptäcka bosättningar tidigt och avsluta dem på ett humant sätt med erbjudande om stöd.",
        "target_group": "Personer som bosätter sig på annans mark; i andra hand de som använder parkerna.",
        "measure": "Tidig upptäckt och respektfull avvisning enligt stadens rutin.",
        "responsible": "Stadsdelsförvaltningen",
        "activities": [
            "Följa rutinen för tidig upptäckt",
            "Avvisning med polisens stöd när rutinen kräver det",
            "Erbjuda kontakt med uppsökande socialtjänst vid varje tillfälle",
        ],
        "police_contact": "Kommunpolis",
        "police_commitment": "Medverka vid avvisningar och i arbetsgruppen.",
        "district_contact": "Parkingenjör och trygghetsstrateg",
        "district_commitment": "Ansvara för rutinen, städning och kontakt med markägare.",
        "other_actors": "Uppsökarenheten, trafikkontoret, exploateringskontoret, privata markägare",
        "follow_up": "Antal bosättningar och avvisningar redovisas för rådet två gånger per år.",
    },
    {
        "name": "Tryggare äldre",
        "area": "Hägersten-Älvsjö",
        "forum": "aldre",
        "forum_text": "Tryggare äldre",
        "goal": "Färre äldre drabbas av bedrägerier, inbrott och bränder i hemmet.",
        "purpose": "Äldre som känner igen bedragarnas metoder och vet vart de ska ringa utsätts mer sällan.",
        "target_group": "Äldre boende och deras anhöriga; personal inom hemtjänsten.",
        "measure": "Sprida råd om bedrägerier och brandsäkerhet genom pensionärsrådet och träffpunkterna.",
        "responsible": "Stadsdelsförvaltningen, polisen och räddningstjänsten",
        "activities": [
            "Informationsträffar på träffpunkterna",
            "Utskick om aktuella bedrägeriförsök",
            "Brandskyddskontroll vid hembesök",
        ],
        "police_contact": "Kommunpolis",
        "police_commitment": "Berätta om aktuella tillvägagångssätt och medverka på träffarna.",
        "district_contact": "Trygghetsstrateg och äldreomsorgens samordnare",
        "district_commitment": "Ordna träffarna och nå ut via hemtjänst och pensionärsrådet.",
        "other_actors": "Räddningstjänsten, pensionärsföreningar, banker",
        "follow_up": "Arbetsgruppen följer upp två gånger per år och rapporterar till rådet.",
    },
)
