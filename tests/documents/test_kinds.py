"""Every kind of document a council keeps, recognised from how such documents are written (issue 13,
item 4): on documents written for these tests (invented councils and names), and on the corpus of
other councils' real documents read from ../shared at run time."""

from __future__ import annotations

import pytest

from tryggsam.documents.extract import extract, extract_text
from tryggsam.documents.parsing.kinds import head_lines, read_kind
from tryggsam.documents.readers.text import read_text


def _kind(text: str) -> dict:
    return extract_text(read_text(text.encode("utf-8")))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # minutes, however a council titles them
        ("Protokoll fört vid Trygghetsrådet i Norrby\n2024-03-05\n\n1. Mötet öppnas\nOrdföranden hälsade välkommen.", "minutes"),
        ("MINNESANTECKNINGAR\nSamverkansgruppen Östra Ekby, möte 12 april 2023\n\nNärvarande: Kim Berg, Polisen", "minutes"),
        ("Anteckningar från brå-möte i Lillby\nDatum: 2022-10-11\nNärvarande\nAnna Ek, skolan", "minutes"),
        ("Mötesanteckningar styrgruppen trygg stadsdel 14/9", "minutes"),
        # the flattened letterhead of a PDF: the kind word inside the first line of running text
        ("Vikby kommun Kommunledningskontoret 2021-05-04 Protokoll från brottsförebyggande rådet Tid: 13-15 Plats: "
         "Rådhuset Närvarande Eva Lind, Olle Berg. 1. Mötets öppnande. Ordföranden öppnade mötet.", "minutes"),
        # agendas and notices
        ("Kallelse till möte i trygghetsrådet\nTid: torsdag 6 mars 2025 kl. 9-11\nPlats: Stadshuset\n"
         "1. Mötets öppnande\n2. Lägesbild från polisen\n3. Övriga frågor", "agenda"),
        ("FÖREDRAGNINGSLISTA\nLokala brå i Ekby 2024-11-20\n1. Godkännande av dagordningen\n2. Information", "agenda"),
        ("Dagordning för samverkansmöte 3 februari\n1. Välkomna\n2. Föregående protokoll\n3. Nästa möte", "agenda"),
        # action plans and strategies
        ("Handlingsplan för trygghetsarbetet i Sjöby 2025–2026\n\nInledning\nPlanen beskriver hur vi arbetar.", "action_plan"),
        ("Sjöby stadsdelsförvaltning Bilaga 3 Sida 1 (6) Strategi för ett tryggare Sjöby 2024 Inledning Strategin "
         "anger riktningen för det brottsförebyggande arbetet under året och fördelar ansvaret.", "action_plan"),
        ("Verksamhetsplan 2026 för Ekby brottsförebyggande råd\nRådet prioriterar följande.", "action_plan"),
        # citizen promises
        ("Meny\nMedborgarlöfte 2025 för Lillby\n\nPolisen och Lillby kommun lovar att arbeta för trygga kvällar.", "citizen_promise"),
        ("Norrby – medborgarlöften\nHär är löftena för lokalpolisområde Norrby.", "citizen_promise"),
        # collaboration agreements
        ("Samverkansöverenskommelse mellan Vikby kommun och lokalpolisområde Vikby 2024–2027\n\nSyfte\nParterna ska.", "agreement"),
        ("Överenskommelse om samverkan\nParterna i Ekby åtar sig att ses fyra gånger om året.", "agreement"),
        # situation pictures
        ("Lägesbild hösten 2023 – Sjöby centrum\n\nAnmälda brott har ökat något sedan våren.", "situation_picture"),
        # staff reports
        ("Ekby stadsdelsförvaltning Tjänsteutlåtande Dnr 1.2-33/2024 Handläggare Kim Berg Till Ekby stadsdelsnämnd "
         "Svar på skrivelse om nedskräpning. Förvaltningens förslag till beslut: nämnden godkänner svaret.", "staff_report"),
    ],
)  # fmt: skip
def test_read_kind__title_words_in_own_words(text, kind):
    assert _kind(text)["kind"] == kind


def test_read_kind__references_to_documents_are_not_the_title():
    """'1. Dagordningen godkändes' and 'föregående protokoll' speak of other documents."""
    lines = [
        "Möte med trygghetsgruppen i Ekby",
        "1. Dagordningen godkändes",
        "2. Föregående protokoll lades till handlingarna",
    ]
    assert head_lines(lines) == ["Möte med trygghetsgruppen i Ekby"]
    reading = read_kind(lines, has_attendees=False, meeting=False, items=0, labelled_focus_areas=0)
    assert reading.kind == "other"


def test_read_kind__section_headings_of_the_body_are_not_the_title():
    """A page about the safety work names the agreement in a section heading below its first prose: the
    kind comes from the whole text's vocabulary, here a situation picture."""
    text = (
        "Trygghet i Ekby\n\nVi arbetar för att alla ska känna sig trygga i Ekby. Det gör vi tillsammans med många.\n\n"
        "Samverkansöverenskommelse med polisen\nStadsdelen har en överenskommelse med polisen.\n\n"
        "Lokal lägesbild\nLägesbilden visar brottsutvecklingen, den upplevda tryggheten och var de boende är oroliga. "
        "Trygghetsmätningen och statistik över polisanmälda brott ligger till grund. Lägesbilden uppdateras varje år."
    )
    result = _kind(text)
    assert result["kind"] == "situation_picture"
    assert any("lästes som lägesbild ur texten" in w for w in result["warnings"])


def test_read_kind__unsure_vocabulary_is_other_with_a_warning():
    text = (
        "Trygghet i Ekby\n\nEn sida om hur vi arbetar med tryggheten i vår del av staden, med många parter.\n\n"
        "Vi har en samverkansöverenskommelse med polisen. Överenskommelsen gäller tre år och parterna ses ofta.\n"
        "Vi tar fram en lägesbild varje höst. Lägesbilden beskriver brottsutvecklingen."
    )
    result = _kind(text)
    assert result["kind"] == "other"
    assert any("liknar både" in w for w in result["warnings"])


def test_read_kind__structure_decides_without_title_word():
    """No title word: an attendance list at a dated meeting is minutes."""
    text = (
        "Trygghetsrådet i Norrby\n2024-02-06\n\nNärvarande:\nKim Berg, polisen\nEva Lind, skolan\n\n"
        "1. Välkomna\nOrdföranden hälsade alla välkomna.\n2. Lägesbild\nPolisen redogjorde."
    )
    assert _kind(text)["kind"] == "minutes"


# --- the corpus (../shared/corpus): kinds as its README states them --------------------------------------


@pytest.fixture
def corpus(shared_dir):
    def path(prefix: str):
        found = sorted((shared_dir / "corpus" / "documents").glob(f"{prefix}_*"))
        assert found, f"corpus file {prefix} saknas"
        return found[0]

    return path


@pytest.mark.parametrize(
    ("prefix", "kind"),
    [
        ("01", "minutes"), ("02", "minutes"), ("03", "minutes"), ("04", "minutes"), ("05", "minutes"),
        ("06", "minutes"), ("07", "action_plan"), ("08", "agenda"), ("09", "citizen_promise"),
        ("10", "agreement"), ("11", "situation_picture"), ("12", "situation_picture"), ("13", "staff_report"),
        ("14", "action_plan"), ("15", "citizen_promise"), ("16", "minutes"), ("17", "minutes"),
    ],
)  # fmt: skip
def test_corpus__kind_as_the_readme_states(corpus, prefix, kind):
    assert extract(corpus(prefix))["kind"] == kind
