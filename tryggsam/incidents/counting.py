"""Announcing which incidents count, to whoever keeps counts of them.

Incidents sit below the situation picture in the layers (README, "Layers"), so they do not write its
roll-ups: every write that adds incidents, or changes what one is counted under, announces it here, and
the situation app, which keeps the roll-ups, registers the counter that listens (in its
`AppConfig.ready`). Every announcement is made inside the writing transaction, so a roll-up never
disagrees with the rows: if a counter fails, the write fails with it.

A bulk import announces once per batch, not once per row (`bulk_counting`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from tryggsam.incidents.models import Incident

# Incidents, each with the ids of the categories it is (or was) counted under.
IncidentRows = Iterable[tuple["Incident", Iterable[int]]]

# What a batch of a bulk import adds: (place, district, district area, local day, category ids,
# classification, owner organisation or 0) → number of incidents. Rows of a bulk import are never
# shared with other organisations and never wait for review.
BatchKey = tuple[int | None, int | None, int | None, dt.date, tuple[int, ...], str, int]
BatchCounts = dict[BatchKey, int]


class IncidentCounter(Protocol):
    """Keeps counts of incidents; each method runs inside the caller's transaction."""

    def added(self, rows: IncidentRows) -> None:
        """New incidents, or changed ones counted anew; those that do not count are the counter's to skip."""

    def removed(self, rows: IncidentRows) -> None:
        """Incidents to take out of the counts, as they were counted (before a change)."""

    def bulk(self, *, source: str) -> AbstractContextManager[Callable[[BatchCounts], None]]:
        """One bulk import of `source`: the context gives the function that takes each batch's counts; the
        counter may keep them until the context ends (it is not ended when the import fails)."""
        ...


_counters: list[IncidentCounter] = []


def register_counter(counter: IncidentCounter) -> None:
    """Called from an `AppConfig.ready`; registering the same counter twice keeps one."""
    if counter not in _counters:
        _counters.append(counter)


def incidents_added(rows: IncidentRows) -> None:
    """Announce new incidents (or incidents changed, after `incidents_removed`) to every counter."""
    rows = [(incident, list(category_ids)) for incident, category_ids in rows]
    for counter in _counters:
        counter.added(rows)


def incidents_removed(rows: IncidentRows) -> None:
    """Announce that incidents leave the counts as they are now (before a change, or for good)."""
    rows = [(incident, list(category_ids)) for incident, category_ids in rows]
    for counter in _counters:
        counter.removed(rows)


@contextmanager
def bulk_counting(*, source: str) -> Iterator[Callable[[BatchCounts], None]]:
    """The announcer of one bulk import: call it with each batch's counts."""
    with ExitStack() as stack:
        takers = [stack.enter_context(counter.bulk(source=source)) for counter in _counters]

        def announce(counts: BatchCounts) -> None:
            for take in takers:
                take(counts)

        yield announce
