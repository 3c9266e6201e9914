"""Work table of the Älvsjö/Solberga place partnership."""

from __future__ import annotations

from tryggsam.core.models import Classification
from tryggsam.demo.data.specs import (
    DONE,
    ONGOING,
    PAUSED,
    PLANNED,
    STOPPED,
    MeasureSpec,
    Step,
    development,
    problem,
)

PROBLEMS = (
    problem(
        "Älvsjö centrum: ordningsstörningar kring pendeltågsstationen",
        "Älvsjö",
        MeasureSpec(
            "Chattgrupp för alla som arbetar i centrum på kvällar",
            participants="Mobila ordningsvakter, fältassistenter, fritidsgården, polis",
            responsible_text="Nordvakts områdesansvarige",
            responsible_org="nordvakt",
            organisations=("nordvakt", "social", "polis"),
            steps=(
                Step(ONGOING, "Gruppen i gång med tio deltagare.", 90),
                Step(ONGOING, "Används mest fredagar; fritidsgården vill lägga till sin personal.", 7),
            ),
            follow_up_in=21,
        ),
        MeasureSpec(
            "Ordningsvakter med förordnande för stationsområdet",
            participants="Nordvakt, polis",
            responsible_text="Kommunpolis",
            responsible_org="polis",
            responsible_user="polis",
            steps=(
                Step(PLANNED, "Ansökan om förordnande inlämnad.", 30),
                Step(ONGOING, "Förordnandet gäller från och med denna månad.", 15),
            ),
            follow_up_in=11,
        ),
        categories=("youths_gathering", "threats_violence"),
    ),
    problem(
        "Studentboendet: oro, narkotika och skadegörelse",
        "Solberga",
        MeasureSpec(
            "Samla boendets ägare, fritidsgården och fältgruppen till ett första möte",
            participants="Boendets ägare, Söderhem, fritidsgården, fält",
            responsible_text="Kommunpolis",
            responsible_org="polis",
            responsible_user="polis",
            steps=(Step(PLANNED, "Ett första möte är inbokat.", 14),),
            follow_up_in=-2,
        ),
        categories=("drug_dealing", "vandalism"),
        classification=Classification.RESTRICTED,
        owner="polis",
    ),
    problem(
        "Kiosk vid stationen misstänks sälja tobak till minderåriga",
        "Älvsjö",
        MeasureSpec(
            "Tipsa tillsynsmyndigheten och följa upp svaret",
            responsible_text="Preventionssamordnaren",
            responsible_org="sdf",
            responsible_user="samordnare",
            steps=(
                Step(ONGOING, "Tipset lämnat med datum och tider.", 40),
                Step(DONE, "Tillsynsmyndigheten har varit på plats; ärendet avslutat hos oss.", 22),
            ),
        ),
        categories=("other",),
    ),
    problem(
        "Solberga: inbrott och trapphäng i flerbostadshus",
        "Solberga",
        MeasureSpec(
            "Orsaksanalys tillsammans med fastighetsägarna",
            participants="Kommunpolis, Söderhem och två privata fastighetsägare",
            responsible_text="Kommunpolis",
            responsible_org="polis",
            responsible_user="polis",
            organisations=("polis", "soderhem"),
            steps=(Step(PLANNED, "Fastighetsägarna samlar in sina störningsrapporter.", 10),),
            follow_up_in=7,
        ),
        MeasureSpec(
            "Ljusare trapphus och nya portlås",
            participants="Söderhem",
            responsible_text="Söderhems förvaltare",
            responsible_org="soderhem",
            steps=(
                Step(ONGOING, "Belysningen bytt i fyra trapphus.", 35),
                Step(PAUSED, "Pausat tills styrelsen beslutat om budget för portlåsen.", 5),
            ),
            follow_up_in=40,
        ),
        categories=("burglary", "youths_gathering"),
    ),
    problem(
        "Hotellet vid mässan: brott och otrygghet i närområdet",
        "Älvsjö",
        MeasureSpec(
            "Dialog med hotellets ledning och bevakningsbolaget",
            participants="Hotellet, Nordvakt, polis",
            responsible_text="Kommunpolis",
            responsible_org="polis",
            responsible_user="polis",
            steps=(
                Step(ONGOING, "Första mötet hållet; hotellet ser över sin bemanning nattetid.", 60),
                Step(ONGOING, "Nattportier på plats; färre larm under oktober.", 13),
            ),
            follow_up_in=13,
        ),
        categories=("threats_violence",),
        classification=Classification.RESTRICTED,
        owner="polis",
    ),
    problem(
        "Kamerorna vid resecentrum är nedtagna",
        "Älvsjö",
        MeasureSpec(
            "Begära ny kamerabevakning vid resecentrum",
            participants="Polis, SDF, trafikförvaltningen",
            responsible_text="Kommunpolis",
            responsible_org="polis",
            steps=(
                Step(PLANNED, "Begäran skriven och skickad.", 50),
                Step(STOPPED, "Avslag: utrustningen behövs på andra platser i regionen. Prövas igen i vår.", 20),
            ),
        ),
        categories=("other",),
    ),
    problem(
        "Gångtunneln under spåren: mörk och klottrad",
        "Älvsjö",
        MeasureSpec(
            "Ny belysning och sanering av tunneln",
            participants="Trafikkontoret, tunnelbanan, parkingenjör",
            responsible_text="Trygghetsstrategen",
            responsible_org="sdf",
            responsible_user="samordnare",
            organisations=("sdf", "tunnelbanan"),
            steps=(Step(ONGOING, "Saneringen gjord, belysningen beställd.", 25),),
            follow_up_in=-6,
        ),
        categories=("dark_place", "graffiti"),
        classification=Classification.OPEN,
    ),
    development(
        "Samverkan med företagare och föreningar i Älvsjö/Solberga",
        "Älvsjö",
        MeasureSpec(
            "Företagarträff om trygghet i Älvsjö centrum",
            participants="Företagarföreningen, handlare, SDF, polis",
            responsible_text="Trygghetsstrategen",
            responsible_org="foretagare",
            responsible_user="samordnare",
            steps=(Step(PLANNED, "Inbjudan skickad till trettio företag.", 8),),
            follow_up_in=5,
        ),
    ),
    development(
        "Kontaktvägar synliga i området",
        "Älvsjö",
        MeasureSpec(
            "Anslagstavlor med kontaktuppgifter vid torget och stationen",
            responsible_text="Kommunikatör SDF",
            responsible_org="sdf",
            steps=(
                Step(ONGOING, "Tavlorna beställda.", 45),
                Step(DONE, "Fyra tavlor uppsatta med polis, fält och felanmälan.", 15),
            ),
        ),
        classification=Classification.OPEN,
    ),
    development(
        "Tryggt Älvsjö – dialog med de boende",
        "Älvsjö",
        MeasureSpec(
            "Trygghetsvandring med boende och fastighetsägare",
            participants="Fastighetsägare, bostadsrättsföreningar, företagare, polis, SDF",
            responsible_text="Samhällsplanerare SDF",
            responsible_org="sdf",
            steps=(Step(PLANNED, "Rutten föreslagen, datum bestäms på nästa möte.", 20),),
            follow_up_in=30,
        ),
        classification=Classification.OPEN,
    ),
    development(
        "Älvsjö torg: sommarverksamhet för unga",
        "Älvsjö",
        MeasureSpec(
            "Feriearbetande unga aktiverar torget med idrottsföreningar",
            participants="SDF, idrottsföreningar, församlingen, polis",
            responsible_text="Kommunikatör SDF och avdelningen för social omsorg",
            responsible_org="sdf",
            steps=(
                Step(ONGOING, "Fyra föreningar har schemalagt pass på torget.", 130),
                Step(DONE, "Säsongen klar; alla föreningar vill delta nästa år.", 95),
            ),
        ),
        classification=Classification.OPEN,
    ),
    development(
        "En fast mötesplats för unga i Solberga",
        "Solberga",
        MeasureSpec(
            "Förstudie om lokal, öppettider och bemanning",
            participants="SDF fritid, socialtjänsten, Söderhem",
            responsible_text="Socialtjänsten",
            responsible_org="social",
            organisations=("social", "soderhem"),
            steps=(Step(ONGOING, "Två möjliga lokaler besökta.", 30),),
            follow_up_in=60,
        ),
    ),
)
