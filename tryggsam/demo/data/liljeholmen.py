"""Work table of the Liljeholmen place partnership (problems and development areas)."""

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

AREA = "Liljeholmen"

PROBLEMS = (
    problem(
        "Torget: grupper av unga som stör ordningen på kvällar",
        AREA,
        MeasureSpec(
            "Gemensam chattgrupp för snabb information mellan dem som är ute på kvällarna",
            participants="Kommunpolis, fältassistenter, centrumets ordningsvakter, Nordvakt",
            responsible_text="Kommunpolisen administrerar gruppen",
            responsible_org="polis",
            responsible_user="polis",
            organisations=("polis", "social", "nordvakt", "centrum"),
            steps=(
                Step(ONGOING, "Gruppen startad med åtta deltagare från fyra organisationer.", 62),
                Step(ONGOING, "Snabbare kontakt när grupper dyker upp vid entréerna; fler vill vara med.", 14),
            ),
            follow_up_in=5,
        ),
        MeasureSpec(
            "Fler ordningsvakter i gallerian fredag och lördag kväll",
            participants="Centrumförvaltningen, Nordvakt",
            responsible_text="Centrumchefen",
            responsible_org="centrum",
            steps=(
                Step(ONGOING, "Två extra vakter från klockan 18 på helgerna.", 48),
                Step(PAUSED, "Uppehåll under jullovet, tas upp igen när skolan börjar.", 9),
            ),
            follow_up_in=21,
        ),
        categories=("youths_gathering", "threats_violence"),
        description="Återkommande stök vid rulltrapporna och torgets bänkar mellan 19 och 23, främst fredagar.",
    ),
    problem(
        "Gångtunneln under leden: övernattning och skräp",
        AREA,
        MeasureSpec(
            "Avvisning enligt stadens rutin och erbjudande om stöd från uppsökande socialtjänst",
            participants="SDF, polis, uppsökarenheten",
            responsible_text="Trygghetsstrategen",
            responsible_org="sdf",
            responsible_user="samordnare",
            steps=(
                Step(PLANNED, "Rutinen gicks igenom med polisen och uppsökarna.", 35),
                Step(ONGOING, "Två avvisningar gjorda, stöd erbjöds båda gångerna.", 24),
            ),
            follow_up_in=-4,
        ),
        categories=("illegal_settlement", "litter"),
    ),
    problem(
        "Rån mot unga vid tunnelbanans uppgångar",
        AREA,
        MeasureSpec(
            "Kartlägga tider, platser och tillvägagångssätt inför en riktad insats",
            participants="Polisens analysfunktion, tunnelbanan",
            responsible_text="Kommunpolis",
            responsible_org="polis",
            responsible_user="polis",
            steps=(
                Step(PLANNED, "Underlag beställt från analys.", 20),
                Step(ONGOING, "Kartläggningen pågår, tre återkommande tidsfönster syns redan.", 7),
            ),
            follow_up_in=2,
        ),
        MeasureSpec(
            "Riktad närvaro vid uppgångarna under eftermiddagarna",
            participants="Polis, Nordvakt",
            responsible_text="Kommunpolis",
            responsible_org="polis",
            responsible_user="polis",
            steps=(Step(PLANNED, "Väntar på kartläggningen innan bemanningen bestäms.", 7),),
            follow_up_in=12,
        ),
        categories=("robbery",),
        classification=Classification.RESTRICTED,
        owner="polis",
        description="Uppgifter från anmälningar; innehåller detaljer som bara polisen får se.",
    ),
    problem(
        "Skräp och bråk när gymnasieskolorna har avslutning",
        AREA,
        MeasureSpec(
            "Samordna datum och bemanning med gymnasieskolorna inför avslutningen",
            participants="Gymnasieskolorna, fält, polis, parkenheten",
            responsible_text="Trygghetsstrategen",
            responsible_org="sdf",
            responsible_user="samordnare",
            steps=(
                Step(ONGOING, "Alla fyra skolorna har lämnat sina datum.", 200),
                Step(DONE, "Lugnare avslutning än i fjol och ungefär hälften så mycket skräp enligt parkenheten.", 165),
            ),
        ),
        MeasureSpec(
            "Göra om samordningen inför nästa avslutning",
            responsible_text="Trygghetsstrategen",
            responsible_org="sdf",
            responsible_user="samordnare",
            steps=(Step(PLANNED, "Beslutat i partnerskapet att upprepa upplägget.", 150),),
            follow_up_in=60,
        ),
        categories=("litter", "youths_gathering"),
    ),
    problem(
        "Bänkarna vid bron: offentligt drickande och berusade personer",
        AREA,
        MeasureSpec(
            "Utreda en ansökan om förbud mot förtäring av alkohol på platsen",
            responsible_text="Trygghetsstrategen",
            responsible_org="sdf",
            responsible_user="samordnare",
            steps=(
                Step(PLANNED, "Frågan ställd till stadens jurister.", 41),
                Step(PAUSED, "Vilar tills staden beslutat om nya ordningsföreskrifter.", 16),
            ),
            follow_up_in=30,
        ),
        categories=("public_drinking",),
    ),
    problem(
        "Butik i gallerian misstänks sälja tobak till minderåriga",
        AREA,
        MeasureSpec(
            "Gemensamt tillsynsbesök av förvaltningen och polisen",
            participants="Tillsynshandläggare, kommunpolis",
            responsible_text="Tillsynshandläggaren",
            responsible_org="sdf",
            organisations=("sdf", "polis"),
            steps=(
                Step(ONGOING, "Besöket planerat till en eftermiddag efter skoltid.", 26),
                Step(DONE, "Tillsynen gjord; butiken fick en varning och ett återbesök är bokat.", 9),
            ),
        ),
        categories=("other",),
    ),
    problem(
        "Klotter på elskåp och väggar runt stationen",
        AREA,
        MeasureSpec(
            "Sanering inom ett dygn enligt överenskommelse med fastighetsägarna",
            participants="Centrumförvaltningen, tunnelbanan, trafikkontoret",
            responsible_text="Tunnelbanans trygghetssamordnare",
            responsible_org="tunnelbanan",
            organisations=("tunnelbanan", "centrum"),
            steps=(
                Step(ONGOING, "Överenskommelsen undertecknad av tre fastighetsägare.", 90),
                Step(ONGOING, "Saneringen hinns med, men nya taggar kommer varje vecka.", 20),
            ),
            follow_up_in=40,
        ),
        categories=("graffiti", "vandalism"),
        classification=Classification.OPEN,
    ),
    development(
        "Torget: mer liv och rörelse under sommaren",
        AREA,
        MeasureSpec(
            "Sommartorg med feriearbetande ungdomar och lokala föreningar",
            participants="SDF, föreningar, företagarföreningen",
            responsible_text="Kommunikatör SDF",
            responsible_org="sdf",
            steps=(
                Step(ONGOING, "Programmet spikat, tolv föreningar anmälda.", 150),
                Step(DONE, "Sex veckor med aktiviteter; tjugo ungdomar hade feriejobb på torget.", 95),
            ),
        ),
        MeasureSpec(
            "Planera nästa sommarsäsong på torget",
            responsible_text="Trygghetsstrategen",
            responsible_org="sdf",
            responsible_user="samordnare",
            steps=(Step(PLANNED, "Utvärderingen klar; budget söks i höst.", 30),),
            follow_up_in=45,
        ),
        classification=Classification.OPEN,
    ),
    development(
        "Samverkan med näringsidkare och föreningar",
        AREA,
        MeasureSpec(
            "Frukostmöte för företagare om trygghet och kontaktvägar",
            participants="Företagarföreningen, centrumförvaltningen, polis, SDF",
            responsible_text="Företagarföreningen tillsammans med trygghetsstrategen",
            responsible_org="foretagare",
            responsible_user="samordnare",
            organisations=("foretagare", "centrum", "polis"),
            steps=(Step(PLANNED, "Lokal bokad, inbjudan går ut nästa vecka.", 10),),
            follow_up_in=8,
        ),
        classification=Classification.OPEN,
    ),
    development(
        "Strandpromenaden: belysning och sikt",
        AREA,
        MeasureSpec(
            "Trygghetsinventering tillsammans med trafikkontoret",
            participants="Trafikkontoret, parkingenjör, kommunpolis",
            responsible_text="Parkingenjör SDF",
            responsible_org="sdf",
            steps=(
                Step(PLANNED, "Inventeringen bokad till oktober.", 50),
                Step(STOPPED, "Avbruten: stråket byggs om när kvarteret exploateras. Tas upp igen då.", 18),
            ),
        ),
        categories=("dark_place",),
    ),
    development(
        "Långsiktig utveckling av Liljeholmens centrum",
        AREA,
        MeasureSpec(
            "Bevaka trygghetsfrågorna i stadens programarbete för området",
            participants="Exploateringskontoret, samhällsplanerare, trygghetsstrateg, kommunpolis",
            responsible_text="Exploateringskontoret",
            responsible_org="sdf",
            steps=(
                Step(ONGOING, "Trygghetsstrategen med i referensgruppen.", 160),
                Step(ONGOING, "Belysning och stråk finns med i förslaget; samråd väntas under våren.", 30),
            ),
            follow_up_in=90,
        ),
        classification=Classification.OPEN,
    ),
)
