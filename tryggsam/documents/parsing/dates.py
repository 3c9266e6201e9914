"""Swedish dates and times as they are written in minutes.

"Tisdagen den 8 oktober 2024 kl. 13.00-15.00", "2019-02-22", "22/2", "den 1/6", "10 maj klockan
9-11", "kl. 17.00 – 18.30". A date written without a year takes the year of the document's own date;
where the document has no date, the weekday decides ("fredagen den 22 februari" is the Friday nearest
to the years the document mentions), and the choice is reported as a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tryggsam.core.swedish import MONTH_BY_WORD, MONTH_NAMES

MONTHS = MONTH_BY_WORD
WEEKDAYS = {
    "måndag": 0, "mån": 0, "tisdag": 1, "tis": 1, "onsdag": 2, "ons": 2, "torsdag": 3, "tors": 3, "tor": 3,
    "fredag": 4, "fre": 4, "lördag": 5, "lör": 5, "söndag": 6, "sön": 6,
}  # fmt: skip
WEEKDAY_NAMES = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")(?:en|ar)?\.?,?\s+)"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
_TEXTUAL = re.compile(
    _WEEKDAY
    + r"?(?:den\s+)?(?<![\d/.])(?P<day>[0-3]?\d)(?::[ae])?\s+"
    + _MONTH
    + r"(?![a-zåäö])(?:,?\s+"
    + _YEAR
    + ")?",
    re.IGNORECASE,
)
_ISO = re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d{2})-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)")
_SLASHED = re.compile(
    _WEEKDAY
    + r"?(?:den\s+)?(?<![\d/.,])(?P<day>[0-3]?\d)/(?P<month>[01]?\d)(?![\d/])(?:(?:\s+|\s*[-/]\s*)"
    + _YEAR
    + r"|-(?P<yy>\d{2})(?![\d/:.]))?",
    re.IGNORECASE,
)
_DOTTED = re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d{2})(?!\d)")
_DASH = r"\s*(?:-|–|—|till|och)\s*"
_CLOCK = re.compile(
    r"(?:\bkl\.?|\bklockan|\bkl:)\s*(?P<h1>[0-2]?\d)(?:[.:](?P<m1>[0-5]\d))?(?:" + _DASH
    + r"(?:kl\.?\s*)?(?P<h2>[0-2]?\d)(?:[.:](?P<m2>[0-5]\d))?(?![\d/]))?",
    re.IGNORECASE,
)  # fmt: skip
_BARE_RANGE = re.compile(
    r"(?<![\d.:/-])(?P<h1>[0-2]?\d)[.:](?P<m1>[0-5]\d)" + _DASH + r"(?P<h2>[0-2]?\d)[.:](?P<m2>[0-5]\d)(?![\d.:])"
)
_BARE_TIME = re.compile(r"(?<![\d.:/-])(?P<h1>[0-2]?\d):(?P<m1>[0-5]\d)(?![\d.:])")
_YEAR_MENTION = re.compile(r"(?<![\d/.:-])(?:19[89]\d|20[0-4]\d)(?![\d])")
_URL = re.compile(r"\S+\.(?:se|com|nu|org|net)\S*|https?://\S+|\S+@\S+", re.IGNORECASE)
WEEKDAY_SEARCH_YEARS = 11


@dataclass(frozen=True)
class DateMention:
    day: int
    month: int
    year: int | None
    weekday: int | None
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TimeRange:
    start: str | None
    end: str | None


def find_dates(text: str) -> list[DateMention]:
    """Every date written in `text`, in order, whether or not it has a year."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_ISO, _TEXTUAL, _DOTTED, _SLASHED):
        for m in pattern.finditer(text):
            if any(m.start() < e and m.end() > s for s, e in taken):
                continue
            month_raw = m.group("month")
            month = int(month_raw) if month_raw.isdigit() else MONTHS[month_raw.lower().rstrip(".")]
            day = int(m.group("day"))
            year = int(m.group("year")) if m.groupdict().get("year") else None
            if year is None and m.groupdict().get("yy"):
                year = 2000 + int(m.group("yy"))  # '14/1-20': the year in two digits after a dash
            weekday_raw = m.groupdict().get("weekday")
            weekday = WEEKDAYS[weekday_raw.lower()] if weekday_raw else None
            if not _possible(day, month, year):
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMention(day, month, year, weekday, m.start(), m.end(), m.group().strip()))
    found.sort(key=lambda d: d.start)
    return found


_COMPACT = re.compile(
    r"(?<![\w/.:,+-])(?P<year>(?:19|20)\d{2}|\d{2})(?P<month>[01]\d)(?P<day>[0-3]\d)(?![\w/.:,+-]|\s\d)"
)
# 'Huddinge den 30 november 2016', 'Stockholm 2016-11-30': the place and day a document was written
# (signed), which is not the day of the meeting.
_WRITING_PLACE = re.compile(r"^[A-ZÅÄÖ][\w-]+(?:\s[A-ZÅÄÖ][\w-]+)?,?\s+(?:den\s+)?\d")
_MONTH_YEAR = re.compile(r"(?<![\w])" + _MONTH + r"\s+" + _YEAR, re.IGNORECASE)


def find_compact_dates(text: str) -> list[DateMention]:
    """Dates written as one number, '150121' or '20150121' (year, month, day), as minutes are often
    named ('Protokoll 150217'). Only for titles: elsewhere six digits are as often a number of something."""
    found = []
    for m in _COMPACT.finditer(text):
        raw_year = m.group("year")
        year = int(raw_year) if len(raw_year) == 4 else 2000 + int(raw_year)
        day, month = int(m.group("day")), int(m.group("month"))
        if _possible(day, month, year) and 1990 <= year <= 2049:
            found.append(DateMention(day, month, year, None, m.start(), m.end(), m.group()))
    return found


def is_writing_date(text: str) -> bool:
    """'Huddinge den 30 november 2016': a place and a date, the day the document was written."""
    text = text.strip()
    if len(text) > 60 or not _WRITING_PLACE.match(text):
        return False
    if text.split()[0].casefold().rstrip(",").removesuffix("en") in WEEKDAYS:
        return False  # 'Onsdag den 7 december': the day of a meeting
    mentions = find_dates(text)
    return bool(mentions) and mentions[0].year is not None and mentions[0].end >= len(text.rstrip(" .")) - 1


def month_of_title(text: str) -> tuple[int, int] | None:
    """(year, month) when a title names a month without a day ('Anteckningar BRÅ november 2014')."""
    for m in _MONTH_YEAR.finditer(text):
        before = text[: m.start()].rstrip()
        if before[-2:].strip().isdigit() or before.casefold().endswith("den"):
            continue  # '7 december 2016' is a day, not a month
        return int(m.group("year")), MONTHS[m.group("month").lower().rstrip(".")]
    return None


def _possible(day: int, month: int, year: int | None) -> bool:
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 29/2 is possible without a year
    except ValueError:
        return False
    return True


def find_time_range(text: str) -> TimeRange:
    """The first time or time range in `text` ('kl. 9-11', '09.00–11.00', '13:30')."""
    return find_time_span(text)[0]


def find_time_span(text: str) -> tuple[TimeRange, int]:
    """The first time or time range in `text` and the position just after it (0 when there is none)."""
    for pattern in (_CLOCK, _BARE_RANGE, _BARE_TIME):
        m = pattern.search(text)
        if m is None:
            continue
        start = _hhmm(m.group("h1"), m.group("m1"))
        groups = m.groupdict()
        end = _hhmm(groups.get("h2"), groups.get("m2")) if groups.get("h2") else None
        if start is None:
            continue
        if end is not None and end <= start:
            end = None
        return TimeRange(start, end), m.end()
    return TimeRange(None, None), 0


def _hhmm(hours: str | None, minutes: str | None) -> str | None:
    if hours is None:
        return None
    h, m = int(hours), int(minutes or 0)
    if h > 23 or m > 59:
        return None
    return f"{h:02d}:{m:02d}"


def years_mentioned(text: str) -> list[int]:
    """Years written in the text (not inside web addresses), most frequent first."""
    counts = Counter(int(y) for y in _YEAR_MENTION.findall(_URL.sub(" ", text)))
    return [year for year, _ in sorted(counts.items(), key=lambda kv: (-kv[1], -kv[0]))]


@dataclass(frozen=True)
class Resolved:
    date: dt.date | None
    warning: str | None


def resolve(
    mention: DateMention,
    *,
    document_date: dt.date | None,
    reference_year: int | None,
    forward: bool = False,
) -> Resolved:
    """The calendar date of `mention`.

    `forward` is for dates that lie after the document (next meetings): a date without a year that
    would fall before the document's date is taken in the following year.
    """
    if mention.year is not None:
        date = dt.date(mention.year, mention.month, mention.day)
        if mention.weekday is not None and date.weekday() != mention.weekday:
            return Resolved(
                date,
                _("”%(text)s”: %(date)s är en %(actual)s, inte en %(written)s; kontrollera datumet.")
                % {
                    "text": mention.text,
                    "date": date.isoformat(),
                    "actual": WEEKDAY_NAMES[date.weekday()],
                    "written": WEEKDAY_NAMES[mention.weekday],
                },
            )
        return Resolved(date, None)
    if document_date is not None:
        candidates = [document_date.year]
        if forward:
            candidates.append(document_date.year + 1)
        for year in candidates:
            candidate = _date_or_none(year, mention.month, mention.day)
            if candidate is None or (forward and candidate <= document_date):
                continue
            if mention.weekday is not None and candidate.weekday() != mention.weekday:
                continue
            return Resolved(
                candidate,
                _("Året saknas i ”%(text)s”; %(year)d antogs utifrån dokumentets datum %(doc)s.")
                % {"text": mention.text, "year": year, "doc": document_date.isoformat()},
            )
    if mention.weekday is not None and reference_year is not None:
        for distance in range(WEEKDAY_SEARCH_YEARS + 1):
            for year in (reference_year + distance, reference_year - distance) if distance else (reference_year,):
                found = _date_or_none(year, mention.month, mention.day)
                if found is not None and found.weekday() == mention.weekday:
                    return Resolved(
                        found,
                        _(
                            "Året saknas i ”%(text)s” och dokumentet har inget eget datum; %(year)d valdes "
                            "eftersom den %(day)d %(month)s är en %(weekday)s det året."
                        )
                        % {
                            "text": mention.text,
                            "year": year,
                            "day": mention.day,
                            "month": MONTH_NAMES[mention.month - 1],
                            "weekday": WEEKDAY_NAMES[mention.weekday],
                        },
                    )
    return Resolved(
        None,
        _("Året kunde inte avgöras för ”%(text)s”; datumet har inte tagits med.") % {"text": mention.text},
    )


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
