"""Whether the line a document opens with can be its title, and the title to use when it cannot.

Swedish documents open with their title: the kind and the forum ('Minnesanteckningar Trygghetsrådet
12 mars'), a heading of a few words. The first line of a file is often something else: a greeting of a
mail or a newsletter ('Hej alla!', 'Välkomna'), a line that PDF-to-text or an excerpt cut in the middle
('… i fastigheter och', 'förvaltning VP 2015,', 'Upplands-'), or one or two words of letterhead or
site chrome ('Kommunledningskontoret', 'Meny'). Such a line is never the title: the title is then made
of what was read ('<kind> <forum> <date>') or the file's name, and a warning names the line.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy

from tryggsam.documents.parsing.kinds import names_a_kind

_GREETING = re.compile(
    r"^(?:hej(?:san)?|hallå|tjena|hejhej|god\s+(?:morgon|middag|kväll|jul)|kära|till\s+(?:alla|er)\b|"
    r"välkommen|välkomna|(?:med\s+)?vänliga\s+hälsningar|hälsningar|mvh|tack\s+för)\b",
    re.IGNORECASE,
)
# Words a Swedish title or sentence never ends with: conjunctions, prepositions, articles. A line
# ending with one was cut in the middle.
_DANGLING = frozenset(
    [
        "och",
        "eller",
        "samt",
        "men",
        "att",
        "som",
        "för",
        "i",
        "på",
        "av",
        "till",
        "med",
        "om",
        "från",
        "vid",
        "mot",
        "under",
        "efter",
        "inom",
        "hos",
        "över",
        "utan",
        "genom",
        "kring",
        "enligt",
        "inför",
        "mellan",
        "den",
        "det",
        "de",
        "en",
        "ett",
        "denna",
        "detta",
        "dessa",
        "vår",
        "vårt",
        "våra",
        "sin",
        "sitt",
        "sina",
        "är",
        "var",
        "har",
        "ska",
        "kan",
        "bör",
    ]
)
_WORD = re.compile(r"[\wÅÄÖåäöÉé-]+")
MAX_TITLE = 120  # a longer line is a flattened page or a paragraph, cut where it happened to end


def is_weak_title(text: str | None, *, forum_word: bool = False) -> bool:
    """Whether `text` cannot stand as the document's title (see the module's docstring).

    `forum_word`: the line names a forum ('Trygghetsrådet'), which makes a short line a title.
    """
    stripped = (text or "").strip()
    words = _WORD.findall(stripped)
    if not words or len(stripped) > MAX_TITLE or _GREETING.match(stripped):
        return True
    if stripped.endswith((",", ";", "&", "/", "(")) or re.search(r"\w-$", stripped):
        return True
    if stripped[-1:].isalpha() and words[-1].casefold() in _DANGLING and len(words) > 1:
        return True
    return len(words) <= 2 and not (names_a_kind(stripped) or forum_word)


# What a title made from what was read calls the document (the word councils head such documents with).
KIND_TITLES = {
    "minutes": gettext_lazy("Minnesanteckningar"),
    "agenda": gettext_lazy("Kallelse"),
    "action_plan": gettext_lazy("Åtgärdsplan"),
    "citizen_promise": gettext_lazy("Medborgarlöfte"),
    "agreement": gettext_lazy("Samverkansöverenskommelse"),
    "situation_picture": gettext_lazy("Lägesbild"),
    "staff_report": gettext_lazy("Tjänsteutlåtande"),
}


def fallback_title(*, kind: str, forum: str | None, date: str | None, file_name: str | None) -> str | None:
    """'<kind> <forum> <date>' from what was read, or the file's name when neither forum nor date is known."""
    word = KIND_TITLES.get(kind)
    if word and (forum or date):
        return " ".join(str(part) for part in (word, forum, date) if part)
    return file_name or None
