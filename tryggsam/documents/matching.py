"""Find the existing record an imported row speaks of, forgivingly (names are retyped in every
minutes), so that importing the next meeting's minutes updates instead of duplicating."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from rapidfuzz import fuzz

from tryggsam.casework.models import MeasureStatus
from tryggsam.core.text import fold_words

T = TypeVar("T")
# The key a work-table row gets when a person has confirmed the status its text should set (the review).
CONFIRMED_STATUS = "confirmed_status"
# A row of an archived work table that the person chose to carry on into today's work tables.
CARRY_ON = "carry_on"
# A document older than this is an archived one: its work-table rows are history unless carried on.
ARCHIVAL_AGE = dt.timedelta(days=31)
NAME_CUTOFF = 90.0
TITLE_CUTOFF = 88.0


def best_match(text: str, candidates: Iterable[T], key: str = "name", cutoff: float = NAME_CUTOFF) -> T | None:
    """The candidate whose `key` attribute reads most like `text`, if it is close enough."""
    wanted = fold_words(text)
    if not wanted:
        return None
    best, best_score = None, cutoff
    for candidate in candidates:
        score = fuzz.token_sort_ratio(wanted, fold_words(str(getattr(candidate, key))))
        if score >= best_score:
            best, best_score = candidate, score
    return best


# Word stems that name a status. A stem matches at the start of a word ("avslutad", "avslutades").
_STATUS_STEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (MeasureStatus.STOPPED, ("avbrut", "avbröt", "lagts ner", "lades ner", "stoppad", "stoppat", "lagd på is")),
    (MeasureStatus.DONE, ("avslutad", "avslutat", "genomförd", "genomfört", "klar", "slutförd", "slutfört",
                          "färdig", "har informerats", "utförd", "utfört")),
    (MeasureStatus.PAUSED, ("pausad", "pausat", "vilande", "uppehåll", "vilar")),
    (MeasureStatus.ONGOING, ("pågå", "pågående", "följs upp", "fortsätter", "under utv", "påbörjad", "påbörjat",
                             "startad", "startat", "igång", "i gång", "har börjat", "har startat")),
    (MeasureStatus.PLANNED, ("planera", "ska ", "kommer att", "inga kontakter")),
)  # fmt: skip
# A word that turns the status word after it (in the same clause, a few words on) into its opposite.
_NEGATIONS = frozenset({"ej", "inte", "icke", "ingen", "inget", "inga", "aldrig", "knappast", "varken", "ingalunda"})
_NEGATION_REACH = 3  # words between the negation and the status word
# Clauses are read one by one: "Inte klar än, pågår" is a negated 'done' and an 'ongoing'.
_CLAUSE = re.compile(r"[,;.:!?()\n]+|\s(?:men|utan|och|samt)\s")
_TOKEN = re.compile(r"\w+")
# What a negated status word says: "ej påbörjad" is planned; "inte klar" only that it is not done.
_NEGATED_MEANS: dict[str, str] = {MeasureStatus.ONGOING: MeasureStatus.PLANNED}


@dataclass(frozen=True)
class StatusGuess:
    """What a free-text status cell seems to say. `status` is None when the text does not decide it
    (nothing said, contradictory, or only what it is not): then nothing is changed without a person."""

    status: str | None
    sure: bool

    @property
    def label(self) -> str:
        return str(MeasureStatus(self.status).label) if self.status else ""


def _clause_signals(clause: str) -> tuple[set[str], set[str]]:
    """(statuses the clause says, statuses it denies)."""
    words = _TOKEN.findall(clause)
    starts, position = [], 0
    for word in words:  # character offset of each word, to place the stems among the words
        position = clause.index(word, position)
        starts.append(position)
        position += len(word)
    said: set[str] = set()
    denied: set[str] = set()
    for status, stems in _STATUS_STEMS:
        for stem in stems:
            at = clause.find(stem)
            while at != -1:
                if at == 0 or not clause[at - 1].isalnum():
                    index = sum(1 for s in starts if s < at)
                    before = words[max(0, index - _NEGATION_REACH) : index]
                    if any(w in _NEGATIONS for w in before):
                        denied.add(status)
                        if status in _NEGATED_MEANS:
                            said.add(_NEGATED_MEANS[status])
                    else:
                        said.add(status)
                at = clause.find(stem, at + 1)
    return said, denied


def status_guess(text: str) -> StatusGuess:
    """What a status/follow-up cell says about the measure's status, with negation read per clause
    ("ej avslutad", "inte klar än, pågår", "ännu inte påbörjad"). Sure only when the clauses name one
    status and none of them denies it; otherwise no status."""
    low = " ".join(text.lower().split())
    if not low:
        return StatusGuess(None, sure=False)
    said: set[str] = set()
    denied: set[str] = set()
    for clause in _CLAUSE.split(f" {low} "):
        clause_said, clause_denied = _clause_signals(clause.strip())
        said |= clause_said
        denied |= clause_denied
    if len(said) == 1 and not (said & denied):
        return StatusGuess(next(iter(said)), sure=True)
    return StatusGuess(None, sure=False)
