"""The council, its working groups and the place partnerships of the demo district, the two school
programmes with their delivery, and one safety walk."""

from __future__ import annotations

from tryggsam.core.models import Classification
from tryggsam.demo.data.specs import ForumSpec, MemberSpec, ProgrammeSpec, SafetyWalkSpec
from tryggsam.forums.models import DeliveryStatus, ForumKind, ForumRole

DISTRICT_AREA = "Hägersten-Älvsjö"
COUNCIL_NAME = "Lokala brottsförebyggande rådet i Hägersten-Älvsjö"

FORUMS: tuple[ForumSpec, ...] = (
    ForumSpec(
        key="council",
        name=COUNCIL_NAME,
        kind=ForumKind.COUNCIL,
        purpose="Styr det gemensamma brottsförebyggande arbetet i stadsdelsområdet, prioriterar insatser utifrån "
        "lägesbilden och följer upp arbetsgruppernas och platssamverkans resultat.",
        cadence="Fyra gånger per år",
        description="Nämndens presidium, stadsdelsdirektören, avdelningscheferna, lokalpolisområdet, "
        "räddningstjänsten och en representant för rektorerna. Trygghetsstrategen är sekreterare.",
        area=DISTRICT_AREA,
        classification=Classification.OPEN,
        members=(
            MemberSpec(ForumRole.CHAIR, user="lasare", title="Ordförande i stadsdelsnämnden"),
            MemberSpec(ForumRole.SECRETARY, user="samordnare", title="Trygghetsstrateg"),
            MemberSpec(ForumRole.MEMBER, user="polis", title="Kommunpolis"),
            MemberSpec(ForumRole.MEMBER, organisation="brand", title="Stationschef"),
            MemberSpec(ForumRole.MEMBER, organisation="social", title="Avdelningschef"),
            MemberSpec(ForumRole.CO_OPTED, user="skola", title="Rektorernas representant"),
        ),
    ),
    ForumSpec(
        key="sspf",
        name="SSPF – skola, socialtjänst, polis och fritid",
        kind=ForumKind.WORKING_GROUP,
        purpose="Strukturell samverkan kring högstadieelever: gemensamma rutiner, tidiga signaler och "
        "planering av programmen för årskurs 7 och 8.",
        cadence="Varannan månad, veckan före rådets möte",
        parent="council",
        members=(
            MemberSpec(ForumRole.CONVENER, user="samordnare"),
            MemberSpec(ForumRole.MEMBER, user="skola"),
            MemberSpec(ForumRole.MEMBER, user="polis"),
            MemberSpec(ForumRole.MEMBER, user="falt"),
            MemberSpec(ForumRole.MEMBER, organisation="liljevik", title="Biträdande rektor"),
            MemberSpec(ForumRole.MEMBER, organisation="solang", title="Rektor"),
        ),
    ),
    ForumSpec(
        key="samba",
        name="Operativa ungdomsgruppen",
        kind=ForumKind.WORKING_GROUP,
        purpose="Veckovis avstämning mellan fält, fritidsgårdar, skolkuratorer och polis om var unga samlas "
        "och vilka som behöver stöd.",
        cadence="Varannan vecka",
        parent="council",
        members=(
            MemberSpec(ForumRole.CONVENER, user="falt"),
            MemberSpec(ForumRole.MEMBER, user="skola"),
            MemberSpec(ForumRole.MEMBER, user="polis"),
            MemberSpec(ForumRole.SECRETARY, user="samordnare"),
        ),
    ),
    ForumSpec(
        key="aldre",
        name="Tryggare äldre",
        kind=ForumKind.WORKING_GROUP,
        purpose="Förebygger bedrägerier, inbrott och bränder som drabbar äldre och sprider råd via "
        "pensionärsrådet och träffpunkterna.",
        cadence="Två gånger per år",
        parent="council",
        members=(
            MemberSpec(ForumRole.CONVENER, user="samordnare"),
            MemberSpec(ForumRole.MEMBER, user="polis"),
            MemberSpec(ForumRole.MEMBER, organisation="brand", title="Brandinformatör"),
        ),
    ),
    ForumSpec(
        key="centrum",
        name="Tryggare och trivsammare centrum",
        kind=ForumKind.WORKING_GROUP,
        purpose="Situationellt förebyggande arbete i centrummiljöer och på allmän plats tillsammans med "
        "fastighetsägare, handel, kollektivtrafik och bevakning.",
        cadence="Sex gånger per år",
        parent="council",
        members=(
            MemberSpec(ForumRole.CHAIR, user="samordnare"),
            MemberSpec(ForumRole.MEMBER, user="polis"),
            MemberSpec(ForumRole.MEMBER, user="rapportor"),
            MemberSpec(ForumRole.MEMBER, organisation="centrum", title="Centrumchef"),
            MemberSpec(ForumRole.MEMBER, organisation="tunnelbanan", title="Trygghetssamordnare"),
            MemberSpec(ForumRole.MEMBER, organisation="foretagare"),
        ),
    ),
    ForumSpec(
        key="liljeholmen",
        name="Platssamverkan Liljeholmen",
        kind=ForumKind.PARTNERSHIP,
        purpose="Torget, gallerian och stationsområdet: stök på kvällar, rån mot unga, berusade personer och "
        "nedskräpning.",
        cadence="Varje månad",
        parent="council",
        area="Liljeholmen",
        classification=Classification.OPEN,
        members=(
            MemberSpec(ForumRole.CONVENER, user="samordnare"),
            MemberSpec(ForumRole.MEMBER, user="polis"),
            MemberSpec(ForumRole.MEMBER, user="falt"),
            MemberSpec(ForumRole.MEMBER, user="rapportor"),
            MemberSpec(ForumRole.MEMBER, organisation="centrum"),
            MemberSpec(ForumRole.MEMBER, organisation="tunnelbanan"),
        ),
    ),
    ForumSpec(
        key="fvh",
        name="Platssamverkan Fruängen/Västertorp/Hägerstensåsen",
        kind=ForumKind.PARTNERSHIP,
        purpose="De tre centrumen längs röda linjen: unga som stör i butiker och vid stationerna, handel med "
        "narkotika i bostadsområden och skadegörelse på förskolegårdar.",
        cadence="Varannan månad",
        parent="council",
        area="Fruängen",
        classification=Classification.OPEN,
        members=(
            MemberSpec(ForumRole.CONVENER, user="samordnare"),
            MemberSpec(ForumRole.MEMBER, user="polis"),
            MemberSpec(ForumRole.MEMBER, user="falt"),
            MemberSpec(ForumRole.MEMBER, organisation="soderhem"),
            MemberSpec(ForumRole.MEMBER, organisation="kvallar"),
        ),
    ),
    ForumSpec(
        key="alvsjo",
        name="Platssamverkan Älvsjö/Solberga",
        kind=ForumKind.PARTNERSHIP,
        purpose="Stationsområdet och Solbergas bostadskvarter: ordningsstörningar, öppen narkotikahandel, "
        "trapphäng och inbrott.",
        cadence="Varje månad",
        parent="council",
        area="Älvsjö",
        classification=Classification.OPEN,
        members=(
            MemberSpec(ForumRole.CONVENER, user="polis"),
            MemberSpec(ForumRole.SECRETARY, user="samordnare"),
            MemberSpec(ForumRole.MEMBER, user="falt"),
            MemberSpec(ForumRole.MEMBER, user="rapportor"),
            MemberSpec(ForumRole.MEMBER, organisation="soderhem"),
            MemberSpec(ForumRole.MEMBER, organisation="foretagare"),
        ),
    ),
)

PROGRAMMES: tuple[ProgrammeSpec, ...] = (
    ProgrammeSpec(
        key="yolo",
        name="YOLO – ett liv, dina val",
        short_name="YOLO",
        grade=7,
        forum="sspf",
        organisation="social",
        description="Drogförebyggande program för årskurs 7 i tre delar: ett lektionspass med skolans personal "
        "om droger och varför skolan skyddar, samtal i små grupper med en fältassistent och en "
        "föräldrakväll där eleverna visar sina egna budskap till vuxenvärlden.",
    ),
    ProgrammeSpec(
        key="ros",
        name="RoS – respekt och samtycke",
        short_name="RoS",
        grade=8,
        forum="sspf",
        organisation="social",
        description="Tre lektioner för årskurs 8 om relationer, gränser och samtycke. Fältassistenter, lärare "
        "och polis leder övningar där klassen resonerar om normer, självkänsla och skillnaden "
        "mellan att vilja och att känna sig tvingad.",
    ),
)

# (programme, school, school year, status, delivered on (ISO date or ""), classes, note)
DELIVERIES = (
    ("yolo", "liljevik", "2024/25", DeliveryStatus.DELIVERED, "2024-10-15", 4, "Föräldrakvällen samlade ett 60-tal."),
    ("yolo", "ekdungen", "2024/25", DeliveryStatus.DELIVERED, "2024-11-06", 3, ""),
    ("yolo", "solang", "2024/25", DeliveryStatus.DECLINED, "", None, "Skolan hade eget program detta läsår."),
    ("ros", "liljevik", "2024/25", DeliveryStatus.DELIVERED, "2025-02-11", 4, ""),
    ("ros", "ekdungen", "2024/25", DeliveryStatus.DELIVERED, "2025-03-04", 3, ""),
    ("ros", "solang", "2024/25", DeliveryStatus.DELIVERED, "2025-03-18", 2, "Polisen kunde inte delta vid ett pass."),
    ("yolo", "liljevik", "2025/26", DeliveryStatus.DELIVERED, "2025-10-08", 4, ""),
    ("yolo", "ekdungen", "2025/26", DeliveryStatus.DELIVERED, "2025-10-22", 3, "Gruppsamtalen gick i halvklass."),
    ("yolo", "solang", "2025/26", DeliveryStatus.DELIVERED, "2025-11-12", 2, "Första året på skolan."),
    ("ros", "liljevik", "2025/26", DeliveryStatus.DELIVERED, "2026-02-03", 4, ""),
    ("ros", "ekdungen", "2025/26", DeliveryStatus.PLANNED, "", 3, "Flyttat till hösten på skolans begäran."),
    ("ros", "solang", "2025/26", DeliveryStatus.OFFERED, "", None, "Skolan har inte svarat på erbjudandet."),
)  # fmt: skip

SAFETY_WALK = SafetyWalkSpec(
    title="Kvällsvandring i Västertorp",
    days_ago=40,
    area="Västertorp",
    forum="fvh",
    participants="Boende från två bostadsrättsföreningar, Söderhem, kommunpolis, trygghetsstrateg, "
    "parkingenjör och Föreningen Trygga kvällar – sammanlagt ett tjugotal personer.",
    summary="Vandringen gick från tunnelbanan via parken och lekplatsen till hyreshusen och torget. De flesta "
    "synpunkterna gällde belysning och skymd sikt; klotter och en kiosk där unga samlas togs också upp.",
)

# (text, location); the first becomes a problem in the partnership's table
FINDINGS = (
    ("Flera lampor är släckta längs gångvägen från tunnelbanan, det är helt mörkt en bit.",
     "Gångvägen söder om stationen"),
    ("Täta buskar skymmer sikten in mot lekplatsen, boende undviker den efter mörkrets inbrott.",
     "Lekplatsen i parken"),
    ("Klotter och krossat glas i cykelrummet, dörren går inte att låsa.", "Cykelrummet vid hyreshusen"),
    ("Unga samlas vid den stängda kiosken sent på kvällarna och några boende känner oro.", "Kiosken vid torget"),
    ("Skyltar med vart man vänder sig vid fel och störningar saknas i trapphusen.", "Trapphusen på Västertorpsvägen"),
)  # fmt: skip

FINDING_PROBLEM_TITLE = "Västertorp: släckt belysning på gångvägen från tunnelbanan"

# The walk's route as offsets (north, east) in degrees from the centre of its area, so that it lies in
# the area whichever boundaries the demo loaded; finding n is at point WALK_FINDING_POINTS[n].
WALK_ROUTE_OFFSETS = (
    (-0.0030, -0.0040), (-0.0016, -0.0031), (-0.0002, -0.0021), (0.0011, -0.0004),
    (0.0019, 0.0014), (0.0009, 0.0029), (-0.0006, 0.0035),
)  # fmt: skip
WALK_FINDING_POINTS = (1, 2, 4, 5, 6)
WALK_INVITED_MEMBERS = ("samordnare", "polis", "falt")
WALK_GUESTS = ("Agnes Berglöv", "Hamid Sarrafi", "Lotta Vinterek")
