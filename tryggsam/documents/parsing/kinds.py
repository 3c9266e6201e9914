"""What kind of document a council keeps this is, read from how such documents are written.

A document names its own kind where its title stands: 'Protokoll', 'Minnesanteckningar', 'Kallelse',
'Föredragningslista', 'Åtgärdsplan', 'Strategi', 'Medborgarlöften', 'Samverkansöverenskommelse',
'Lägesbild', 'Tjänsteutlåtande'. The head is read as the lines before the first prose paragraph plus
the start of that paragraph (a PDF often flattens the letterhead, title and first paragraph into one
line). Without such a word, the structure decides (an attendance list at a dated meeting is minutes,
labelled focus areas a plan), and last the vocabulary of the whole text, counted per kind. When the
vocabulary does not clearly point one way the kind is 'other' with a warning: a wrong kind would save
wrong records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

KIND_LABELS = {
    "minutes": gettext_lazy("minnesanteckningar/protokoll"),
    "agenda": gettext_lazy("kallelse/föredragningslista"),
    "action_plan": gettext_lazy("åtgärdsplan/strategi"),
    "citizen_promise": gettext_lazy("medborgarlöfte"),
    "agreement": gettext_lazy("samverkansöverenskommelse"),
    "situation_picture": gettext_lazy("lägesbild"),
    "staff_report": gettext_lazy("tjänsteutlåtande"),
    "other": gettext_lazy("annat dokument"),
}

# The words a document uses for its own kind in its title. Order matters only for equal positions.
_TITLE_WORDS: tuple[tuple[str, str], ...] = (
    ("citizen_promise", r"medborgarlöfte\w*"),
    ("agenda", r"kallelse\w*|föredragningslist\w*|dagordning\w*"),
    ("minutes", r"protokoll\w*|minnesanteckning\w*|mötesanteckning\w*|anteckningar\w*|mötesprotokoll\w*"),
    (
        "action_plan",
        r"åtgärdsplan\w*|handlingsplan\w*|aktivitetsplan\w*|verksamhetsplan\w*|trygghetsplan\w*|strategi\w*"
        r"|brottsförebyggande\s+program\w*|trygghetsprogram\w*",
    ),
    ("agreement", r"samverkansöverenskommelse\w*|överenskommelse\w*|samverkansavtal\w*|avsiktsförklaring\w*"),
    ("situation_picture", r"lägesbild\w*|lägesrapport\w*|trygghetsanalys\w*"),
    ("staff_report", r"tjänsteutlåtande\w*|tjänsteskrivelse\w*"),
)
_TITLE = re.compile(
    r"(?<!\w)(?:" + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _TITLE_WORDS) + r")", re.IGNORECASE
)
# A kind word in a clause that only refers to such a document ('Dagordningen godkändes', 'föregående
# protokoll', 'enligt handlingsplanen') is not the document's own title.
_REFERENCE_BEFORE = re.compile(
    r"(?<!\w)(?:föregående|förra|nästa|kommande|enligt|gällande|om|av|från|i|till|på|med|nya|den|det|vår|er)\s+$",
    re.IGNORECASE,
)
_REFERENCE_AFTER = re.compile(
    r"^\w*\s+(?:godkän\w*|fastställ\w*|antogs|antas|justera\w*|lades|läggs|gicks\s+igenom|går\s+igenom)",
    re.IGNORECASE,
)

# Vocabulary of the body, counted per kind when the head names none. Weights are per occurrence.
_BODY_WORDS: dict[str, tuple[tuple[str, int], ...]] = {
    "minutes": (
        (r"närvarande|frånvarande|anmält\s+förhinder|justera\w*|mötet\s+öppna\w*|förklarade\s+mötet", 2),
        (r"beslutade\s+att|beslut:|antecknades|protokollet|mötesanteckning\w*|minnesanteckning\w*", 1),
    ),
    "agenda": ((r"föredragningslist\w*|kallelse\w*|anmäl\w*\s+förhinder\s+till|välkomna\s+till\s+möte\w*", 2),),
    "action_plan": (
        (r"åtgärdsplan\w*|handlingsplan\w*|aktivitetsplan\w*|verksamhetsplan\w*", 2),
        (r"insatsområde\w*|målsättning\w*|prioriterade\s+aktiviteter|ansvarsfördelning\w*|strategi\w*", 1),
    ),
    "citizen_promise": ((r"medborgarlöfte\w*|\blovar\b|löftet|löftena", 2),),
    "agreement": (
        (r"samverkansöverenskommelse\w*|överenskommelse\w*|samverkansavtal\w*", 1),
        (r"parterna|undertecknad\w*|avtalsperiod\w*", 1),
    ),
    "situation_picture": (
        (r"lägesbild\w*|lägesrapport\w*", 1),
        (r"brottsutveckling\w*|trygghetsmätning\w*|trygghetsundersökning\w*|polisanmäld\w*|anmälda\s+brott", 1),
        (r"upplev\w*\s+(?:o)?trygghet|statistik\w*|otrygga\s+platser|utsatta\s+områden|oroliga", 1),
    ),
    "staff_report": (
        (r"tjänsteutlåtande\w*|tjänsteskrivelse\w*", 3),
        (r"förslag\s+till\s+beslut|handläggare|förvaltningens\s+förslag|nämnden\s+godkänner", 2),
    ),
}
_BODY = {
    kind: [(re.compile(rf"(?<!\w)(?:{pattern})", re.IGNORECASE), weight) for pattern, weight in words]
    for kind, words in _BODY_WORDS.items()
}
MIN_SCORE = 3  # below this the vocabulary says too little
MARGIN = 1.3  # the best kind must outweigh the next by this much
_HEAD_LINES = 15
_HEAD_CHARS = 200  # of the first prose paragraph (a flattened letterhead, title and first sentence)


@dataclass
class KindReading:
    kind: str
    warnings: list[str] = field(default_factory=list)
    source: str = "title"  # 'title', 'structure', 'vocabulary' or 'none'


def _is_prose(line: str) -> bool:
    words = line.split()
    return len(line) > 120 or (len(words) >= 8 and line.rstrip().endswith((".", "!", "?")))


def head_lines(lines: list[str]) -> list[str]:
    """The lines where a title stands: up to the first prose paragraph, and the start of that one.
    Numbered and bulleted lines are the body's items, not titles."""
    head: list[str] = []
    for raw in lines[:_HEAD_LINES]:
        line = raw.strip()
        if not line:
            continue
        if re.match(r"^(?:\d{1,2}\s*[.)]|§\s*\d|[•\-–*·])\s", line) and len(line) < 120:
            break
        if _is_prose(line):
            head.append(line[:_HEAD_CHARS])
            break
        head.append(line)
    return head


def _title_kind(head: list[str]) -> str | None:
    for line in head:
        for m in _TITLE.finditer(line):
            before, after = line[: m.start()], line[m.end() :]
            if _REFERENCE_BEFORE.search(before[-20:]) and not before.strip().endswith((":", "–", "-")):
                continue
            if _REFERENCE_AFTER.match(m.group() + after[:40]):
                continue
            return next(kind for kind, value in m.groupdict().items() if value)
    return None


def vocabulary_scores(text: str) -> dict[str, int]:
    return {kind: sum(weight * len(rx.findall(text)) for rx, weight in patterns) for kind, patterns in _BODY.items()}


def read_kind(
    lines: list[str], *, has_attendees: bool, meeting: bool, items: int, labelled_focus_areas: int
) -> KindReading:
    """The kind of the document whose text lines are `lines`, with warnings when it is unsure."""
    titled = _title_kind(head_lines(lines))
    if titled is not None:
        return KindReading(titled)
    if (has_attendees and (meeting or items >= 1)) or (meeting and items >= 2):
        return KindReading("minutes", source="structure")
    if labelled_focus_areas:
        return KindReading("action_plan", source="structure")
    scores = vocabulary_scores("\n".join(lines))
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, best_score), (second, second_score) = ranked[0], ranked[1]
    if best_score >= MIN_SCORE and best_score >= MARGIN * second_score:
        return KindReading(
            best,
            [
                _("Dokumentets rubrik anger inte vilken sorts dokument det är; det lästes som %(kind)s ur texten.")
                % {"kind": KIND_LABELS[best]}
            ],
            source="vocabulary",
        )
    warnings = [_("Dokumentet kändes inte igen som någon av de dokumenttyper som kan importeras.")]
    if best_score >= MIN_SCORE:
        warnings = [
            _("Dokumentet liknar både %(first)s och %(second)s; typen sattes inte och bara dokumentet sparas.")
            % {"first": KIND_LABELS[best], "second": KIND_LABELS[second]}
        ]
    return KindReading("other", warnings, source="none")


def names_a_kind(text: str) -> bool:
    """Whether `text` uses a word a council's document names its own kind with ('Protokoll', 'Kallelse' …)."""
    return bool(_TITLE.search(text))
