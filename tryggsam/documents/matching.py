"""Find the existing record an imported row speaks of, forgivingly (names are retyped in every
minutes), so that importing the next meeting's minutes updates instead of duplicating."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from rapidfuzz import fuzz

from tryggsam.casework.models import MeasureStatus
from tryggsam.core.text import fold_words

T = TypeVar("T")
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


_STATUS_WORDS = (
    (MeasureStatus.STOPPED, ("avbrut", "avbröts", "lagts ner", "lades ner", "stoppad")),
    (MeasureStatus.DONE, ("avslutad", "genomförd", "genomfört", "klar", "klart", "slutförd", "har informerats")),
    (MeasureStatus.PAUSED, ("pausad", "vilande", "uppehåll")),
    (MeasureStatus.ONGOING, ("pågå", "pågående", "följs upp", "fortsätter", "under utv")),
    (MeasureStatus.PLANNED, ("planeras", "ska ", "kommer att", "inga kontakter", "inte påbörjad")),
)


def status_from_text(text: str) -> str:
    """The status a free-text status/follow-up cell most likely describes; ongoing when it says
    something that none of the words decide, planned when it is empty."""
    low = f" {text.lower()} "
    for status, words in _STATUS_WORDS:
        if any(word in low for word in words):
            return status
    return MeasureStatus.ONGOING if text.strip() else MeasureStatus.PLANNED
