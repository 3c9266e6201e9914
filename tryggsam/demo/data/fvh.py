"""Work table of the Fruängen/Västertorp/Hägerstensåsen place partnership. One more row is added by
the safety walk (see forums.FINDINGS)."""

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
        "Fruängens centrum: unga som stör i butiker och vid tunnelbanan",
        "Fruängen",
        MeasureSpec(
            "Tillträdesförbud i två butiker efter upprepade händelser",
            participants="Butiksägarna, kommunpolis",
            responsible_text="Butikerna med stöd av kommunpolisen",
            responsible_org="polis",
            responsible_user="polis",
            steps=(
                Step(ONGOING, "Ansökningarna inlämnade med polisens underlag.", 70),
                Step(DONE, "Förbuden beviljade; butikerna rapporterar lugnare kvällar.", 35),
            ),
        ),
        MeasureSpec(
            "Vuxna som vandrar i centrum fredagskvällar",
            participants="Föreningen Trygga kvällar, fältassistenter",
            responsible_text="Föreningens ordförande",
            responsible_org="kvallar",
            organisations=("kvallar", "social"),
            steps=(
                Step(ONGOING, "Första kvällen genomförd med fem vuxna.", 60),
                Step(ONGOING, "Sex vuxna per kväll och god kontakt med ungdomarna.", 12),
            ),
            follow_up_in=10,
        ),
        categories=("youths_gathering", "vandalism"),
    ),
    problem(
        "Västertorp: narkotikahandel och trapphäng i flerbostadshus",
        "Västertorp",
        MeasureSpec(
            "Gemensam lägesbild med bostadsbolaget",
            participants="SDF, polis, Söderhem",
            responsible_text="Kommunpolis",
            responsible_org="polis",
            responsible_user="polis",
            organisations=("polis", "soderhem", "sdf"),
            steps=(Step(PLANNED, "Mötestid föreslagen till bostadsbolaget.", 21),),
            follow_up_in=-3,
        ),
        MeasureSpec(
            "Se över lås, belysning och porttelefoner i de utsatta portarna",
            participants="Söderhem, polis",
            responsible_text="Söderhems förvaltare",
            responsible_org="soderhem",
            steps=(Step(ONGOING, "Låsen bytta i två portar, tre återstår.", 40),),
            follow_up_in=25,
        ),
        categories=("drug_dealing", "youths_gathering"),
        classification=Classification.RESTRICTED,
        owner="polis",
    ),
    problem(
        "Gångvägen mot idrottsplatsen: mörk och ensligt belägen",
        "Fruängen",
        MeasureSpec(
            "Asfaltera stigen och sätta upp belysning",
            participants="Parkenheten, trafikkontoret, idrottsförvaltningen",
            responsible_text="Parkingenjör SDF",
            responsible_org="sdf",
            steps=(
                Step(ONGOING, "Upphandlingen klar, arbetet börjar i augusti.", 120),
                Step(DONE, "Belysningen tänd; föreningarna säger att fler barn går själva nu.", 60),
            ),
        ),
        categories=("dark_place",),
        classification=Classification.OPEN,
    ),
    problem(
        "Lekplatsen i Västertorpsparken: fester och glassplitter",
        "Västertorp",
        MeasureSpec(
            "Mer belysning och tätare städning vid lekplatsen",
            participants="Parkenheten, Söderhem",
            responsible_text="Trygghetsstrategen",
            responsible_org="sdf",
            responsible_user="samordnare",
            steps=(
                Step(ONGOING, "Två nya stolpar beställda, städning tre dagar i veckan.", 80),
                Step(PAUSED, "Väntar på ny entreprenör för parkskötseln.", 20),
            ),
            follow_up_in=12,
        ),
        categories=("public_drinking", "litter"),
    ),
    problem(
        "Hägerstensåsen: inbrott i källarförråd",
        "Hägerstensåsen",
        MeasureSpec(
            "Informationsblad om förrådsinbrott till de boende",
            participants="Polisen, Söderhem",
            responsible_text="Kommunpolis",
            responsible_org="polis",
            responsible_user="polis",
            organisations=("polis", "soderhem"),
            steps=(Step(PLANNED, "Texten klar, trycks hos bostadsbolaget.", 5),),
            follow_up_in=4,
        ),
        categories=("burglary",),
    ),
    problem(
        "Unga i F/V/H som riskerar att dras in i kriminalitet",
        "Fruängen",
        MeasureSpec(
            "Individnära samverkansteam kring en kartlagd kamratgrupp",
            participants="Preventionssamordnare, fält, polis, skola, socialtjänstens familjeenhet",
            responsible_text="Kommunpolis och preventionssamordnaren",
            responsible_org="polis",
            responsible_user="polis",
            organisations=("polis", "social", "ekdungen"),
            steps=(
                Step(ONGOING, "Teamet har träffats två gånger; sju ungdomar följs.", 100),
                Step(ONGOING, "Två har fått plats på fritidsgård och en har feriejobb.", 25),
            ),
            follow_up_in=-8,
        ),
        categories=("other",),
        classification=Classification.RESTRICTED,
        owner="polis",
    ),
    problem(
        "Skadegörelse på förskolegårdar",
        "Fruängen",
        MeasureSpec(
            "Prova kamerabevakning på den mest utsatta gården",
            participants="Förskolan, Nordvakt, SDF",
            responsible_text="Nordvakt",
            responsible_org="nordvakt",
            steps=(
                Step(PLANNED, "Ansökan om tillstånd skickad.", 30),
                Step(STOPPED, "Tillstånd gavs inte; ersätts av tätare ronder.", 12),
            ),
        ),
        MeasureSpec(
            "Tätare kvällsronder på förskolegårdarna",
            participants="Nordvakt, förskolorna",
            responsible_text="Nordvakt",
            responsible_org="nordvakt",
            steps=(Step(ONGOING, "Ronderna började förra veckan, fyra gårdar ingår.", 11),),
            follow_up_in=35,
        ),
        categories=("vandalism",),
    ),
    development(
        "Fruängen: långsiktig utveckling av centrum",
        "Fruängen",
        MeasureSpec(
            "Delta i programarbetet för Fruängens centrum",
            participants="Exploateringskontoret, samhällsplanerare, trygghetsstrateg, kommunpolis",
            responsible_text="Exploateringskontoret",
            responsible_org="sdf",
            steps=(Step(ONGOING, "Trygghet är en av fem utgångspunkter i programmet.", 200),),
            follow_up_in=75,
        ),
        classification=Classification.OPEN,
    ),
    development(
        "Hägerstensåsen: ny plan för parken vid Mellanbergsvägen",
        "Hägerstensåsen",
        MeasureSpec(
            "Trygghetsvandring med boende innan parkplanen bestäms",
            participants="Boende, parkingenjör, kommunpolis",
            responsible_text="Parkingenjör SDF",
            responsible_org="sdf",
            steps=(Step(PLANNED, "Datum föreslås i boendetidningen.", 15),),
            follow_up_in=50,
        ),
        classification=Classification.OPEN,
    ),
    development(
        "Samverkan med företagare och föreningar i F/V/H",
        "Fruängen",
        MeasureSpec(
            "Nätverksträff för handlarna i Fruängens centrum",
            participants="Företagarföreningen, handlare, SDF, polis",
            responsible_text="Trygghetsstrategen",
            responsible_org="sdf",
            responsible_user="samordnare",
            steps=(Step(PLANNED, "Fem handlare har tackat ja.", 6),),
            follow_up_in=6,
        ),
    ),
    development(
        "Västertorp: marknad och gemenskap",
        "Västertorp",
        MeasureSpec(
            "Höstmarknad på torget med föreningarna",
            participants="Föreningar, Söderhem, SDF",
            responsible_text="Föreningen Trygga kvällar",
            responsible_org="kvallar",
            steps=(
                Step(ONGOING, "Tjugo bord bokade.", 50),
                Step(DONE, "Mycket folk på torget; föreningarna vill göra om det.", 30),
            ),
        ),
        classification=Classification.OPEN,
    ),
)

# The measure added to the problem that the safety walk's first finding becomes.
FINDING_MEASURE = MeasureSpec(
    "Felanmälan och byte av trasiga armaturer",
    participants="Trafikkontoret, parkingenjör",
    responsible_text="Parkingenjör SDF",
    responsible_org="sdf",
    responsible_user="samordnare",
    steps=(Step(ONGOING, "Felanmält; hälften av armaturerna är bytta.", 20),),
    follow_up_in=9,
)
