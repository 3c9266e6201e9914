"""find_places on the real Stockholm names: forgiving spelling, and silent on ordinary Swedish."""

import pytest

from tryggsam.core.errors import PermissionDeniedError
from tryggsam.places.gazetteer import find_places
from tryggsam.places.models import AliasKind, AreaAlias, AreaLevel
from tryggsam.places.services import alias_define

pytestmark = pytest.mark.django_db

# The project's own ordinary Swedish, without place names. Several words are spelt like areas:
# kistan/Kista, skrubba/Skrubba, Stadion, Universitetet, rådhuset/Rådhuset, slussen/Slussen,
# Näckrosen, tekniska högskolan, västra skogen, gärdet/Gärdet, höglandet/Höglandet, djurgården.
ORDINARY_PROSE = """\
Vi träffades på tisdagen för att gå igenom läget inför hösten. Kistan med gamla protokoll stod kvar
i förrådet, och någon behöver skrubba golvet innan nästa möte. Skolan berättade att eleverna har det
lugnare nu än i våras, men att det fortfarande är stökigt vid busshållplatsen på kvällarna.
Stadion var full av folk i helgen och polisen fanns på plats hela kvällen. Universitetet och rådhuset
har båda bytt kontaktperson, så inbjudan skickas till de nya. Flera föräldrar har hört av sig om
belysningen längs gångvägen, och vid slussen i kanalen har det varit fler båtar än vanligt.
Näckrosen i dammen blommade sent i år. På tekniska högskolan pågår en studie om trygghet, och i
västra skogen har någon dumpat sopor igen. Bonden slog gärdet i juli. Semestern tillbringade hon på
höglandet, och barnen ville helst till djurgården med alla hjortar. Universiteten och högskolorna
bjuds in till nästa möte, som hålls i samma lokal som förra gången. Protokollet justeras av
ordföranden och skickas ut inom två veckor.
"""


def names(text: str) -> list[str]:
    return [m.name for m in find_places(text)]


@pytest.mark.parametrize(
    ("text", "expected", "how"),
    [
        ("liljeholmen", "Liljeholmen", "exact"),
        ("LILJEHOLMEN", "Liljeholmen", "exact"),
        ("Alvsjo", "Älvsjö", "exact"),
        ("möte i alvsjo", "Älvsjö", "exact"),
        ("Hagerstensasen", "Hägerstensåsen", "exact"),
        ("Liljeholmens centrum", "Liljeholmen", "inflected"),
        ("i Västertorp", "Västertorp", "exact"),
        ("Fruängens", "Fruängen", "inflected"),
        ("Fruängens centrum", "Fruängen", "inflected"),
        ("Västertorpp", "Västertorp", "fuzzy"),
        ("Hägerstensåsn", "Hägerstensåsen", "fuzzy"),
        ("i Midsommarkransn", "Midsommarkransen", "fuzzy"),
        ("Hässelby gård", "Hässelby Gård", "exact"),
        ("hässelby gårds", "Hässelby Gård", "inflected"),
        ("Telefonplan", "Telefonplan", "exact"),
        ("vid Gullmarsplan", "Gullmarsplan", "exact"),
    ],
)
def test_find_places__forgiving_spelling(stockholm, text, expected, how):
    [match] = find_places(text)

    assert (match.name, match.how) == (expected, how)
    assert text[match.start : match.end] == match.matched_text


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Hägersten-Liljeholmen", "Hägersten-Älvsjö"),
        ("hägersten-liljeholmen", "Hägersten-Älvsjö"),
        ("Hägersten-Liljeholmens stadsdelsförvaltning", "Hägersten-Älvsjö"),
        ("Hägersten - Liljeholmen", "Hägersten-Älvsjö"),
        ("Hägersten-Älvsjö", "Hägersten-Älvsjö"),
        ("Rinkeby-Kista", "Järva"),
        ("Spånga-Tensta", "Järva"),
        ("Enskede-Årsta-Vantörs", "Enskede-Årsta-Vantör"),
    ],
)
def test_find_places__hyphenated_and_former_area_names(stockholm, text, area):
    [match] = find_places(text)

    assert (match.name, match.level) == (area, AreaLevel.DISTRICT_AREA)


def test_find_places__former_name_that_is_also_a_district_prefers_the_district(stockholm):
    assert [(m.name, m.level) for m in find_places("Älvsjö")] == [("Älvsjö", AreaLevel.DISTRICT)]


def test_find_places__several_mentions_in_order_with_their_spans(stockholm):
    text = "Vandring från Axelsberg via Örnsberg till Liljeholmens centrum, sedan möte i Hägersten-Liljeholmen."
    matches = find_places(text)

    assert [m.name for m in matches] == ["Axelsberg", "Örnsberg", "Liljeholmen", "Hägersten-Älvsjö"]
    assert [m.matched_text for m in matches] == ["Axelsberg", "Örnsberg", "Liljeholmens", "Hägersten-Liljeholmen"]
    assert all(text[m.start : m.end] == m.matched_text for m in matches)


def test_find_places__a_near_spelling_does_not_swallow_the_next_word(stockholm):
    [match] = find_places("Möte i Skärholmen i maj och sedan Västertorpp i juni")[:1]

    assert (match.matched_text, match.how) == ("Skärholmen", "exact")
    assert [m.matched_text for m in find_places("Hägersten-Liljeholmen och polisen")] == ["Hägersten-Liljeholmen"]


def test_find_places__abbreviation_defined_by_a_coordinator_names_three_districts(stockholm, area, coordinator):
    text = "Trygghetsvandring i F/V/H den 3 maj."
    assert find_places(text) == []

    created = alias_define(
        actor=coordinator,
        name="F/V/H",
        areas=[area("Fruängen"), area("Västertorp"), area("Hägerstensåsen")],
    )
    matches = find_places(text)

    assert len(created) == 3
    assert {m.name for m in matches} == {"Fruängen", "Västertorp", "Hägerstensåsen"}
    assert {(m.matched_text, m.how) for m in matches} == {("F/V/H", "abbreviation")}
    assert set(AreaAlias.objects.filter(name="F/V/H").values_list("kind", flat=True)) == {AliasKind.ABBREVIATION}
    assert names("f/v/h:s vandring") == names("F/V/H")
    assert alias_define(actor=coordinator, name=" F/V/H ", areas=[area("Fruängen")]) == []


def test_alias_define__only_coordinators(stockholm, area, police_member):
    with pytest.raises(PermissionDeniedError):
        alias_define(actor=police_member, name="F/V/H", areas=[area("Fruängen")])
    assert not AreaAlias.objects.filter(name="F/V/H").exists()


def test_find_places__ordinary_swedish_prose_names_no_place(stockholm):
    assert find_places(ORDINARY_PROSE) == []


@pytest.mark.parametrize(
    "text",
    [
        "universitetet",
        "stadion",
        "rådhuset",
        "slussen",
        "globen",
        "näckrosen",
        "tekniska högskolan",
        "västra skogen",
        "kistan",
        "skrubba",
        "gärdet",
        "Universitetet har bytt rektor.",
        "Stadion var full.",
        "Näckrosen blommar.",
        "Kistan stod kvar.",
        "Universiteten bjuds in.",
    ],
)
def test_find_places__everyday_words_spelt_like_places_are_not_places(stockholm, text):
    assert find_places(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vi möttes vid Universitetet i går.", "Universitetet"),
        ("Möte på Stadion kl 18.", "Stadion"),
        ("Slussen är avstängd.", "Slussen"),
        ("Kista har fått en ny fältgrupp.", "Kista"),
        ("Trygghetsvandring på Gärdet.", "Ladugårdsgärdet"),
        ("Samverkan i kista och husby", "Husby"),
    ],
)
def test_find_places__capitalised_names_are_places(stockholm, text, expected):
    assert expected in names(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Klotter vid Liljeholmstorget", "Liljeholmen"),  # the stem before a compound: Liljeholm-s-torget
        ("Oro på Skärholmstorget i helgen", "Skärholmen"),
        ("Möte på Vällingbyskolan", "Vällingby"),
        ("Samtal med Tenstaskolans kurator", "Tensta"),
        ("Nedskräpning längs Rinkebystråket", "Rinkeby"),
    ],
)
def test_find_places__a_compound_that_begins_with_a_district_names_it(stockholm, text, expected):
    [match] = find_places(text)
    assert (match.name, match.how) == (expected, "compound")


@pytest.mark.parametrize(
    "text",
    [
        "Kistanämnden sammanträdde",  # an everyday-word name is never a compound head
        "liljeholmstorget i gemener",  # lower case: not read as a name
        "Husbyn",  # the rest is too short to be a compound
    ],
)
def test_find_places__no_compound_from_everyday_names_lower_case_or_short_rests(stockholm, text):
    assert all(m.how != "compound" for m in find_places(text))


def test_find_places__a_known_name_wins_over_a_compound(stockholm):
    assert [(m.name, m.how) for m in find_places("Hägerstensåsen")] == [("Hägerstensåsen", "exact")]


def test_find_places__empty_text(stockholm):
    assert find_places("") == []
    assert find_places("   \n") == []


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        (
            "001_64878e962ac09484.txt",
            {"Västertorp", "Fruängen", "Älvsjö", "Solberga", "Liljeholmen", "Hägersten-Älvsjö"},
        ),
        ("004_6c754eb08dec5d99.txt", {"Liljeholmen", "Hägersten-Älvsjö", "Västertorp", "Mälarhöjden"}),
        ("000_f475cd9346458237.txt", {"Axelsberg", "Gullmarsplan", "Liljeholmen", "Midsommarkransen"}),
    ],
)
def test_find_places__real_minutes(stockholm, shared_dir, seed, expected):
    found = set(names((shared_dir / "seeds" / seed).read_text(encoding="utf-8")))

    assert expected <= found


def test_find_places__real_misspellings_in_the_minutes(stockholm, shared_dir):
    matches = find_places((shared_dir / "seeds" / "001_64878e962ac09484.txt").read_text(encoding="utf-8"))
    fuzzy = {(m.matched_text, m.name) for m in matches if m.how == "fuzzy"}

    assert ("Västertops", "Västertorp") in fuzzy
    assert ("Örnberg", "Örnsberg") in fuzzy
