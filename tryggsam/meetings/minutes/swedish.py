"""Dates and times written out as Swedish minutes write them: "Tisdagen den 12 oktober 2021
kl. 09.00–11.00". Independent of the server's locale."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import pgettext

from tryggsam.core.swedish import month_name


def weekday_definite(date: dt.date) -> str:
    """Monday is 0; the definite form ("måndagen") as used in minutes."""
    names = (
        pgettext("weekday definite", "måndagen"),
        pgettext("weekday definite", "tisdagen"),
        pgettext("weekday definite", "onsdagen"),
        pgettext("weekday definite", "torsdagen"),
        pgettext("weekday definite", "fredagen"),
        pgettext("weekday definite", "lördagen"),
        pgettext("weekday definite", "söndagen"),
    )
    return names[date.weekday()]


def clock(time: dt.time) -> str:
    return f"{time:%H.%M}"


def time_span(start: dt.time | None, end: dt.time | None) -> str:
    """ "kl. 09.00–11.00", "kl. 09.00" or ""."""
    if start is None:
        return ""
    text = f"{pgettext('clock', 'kl.')} {clock(start)}"
    return f"{text}–{clock(end)}" if end else text


def long_date(date: dt.date) -> str:
    """ "den 12 oktober 2021" """
    return f"{pgettext('date', 'den')} {date.day} {month_name(date.month)} {date.year}"


def full_when(date: dt.date, start: dt.time | None = None, end: dt.time | None = None) -> str:
    """ "Tisdagen den 12 oktober 2021 kl. 13.00–15.00" """
    text = f"{weekday_definite(date).capitalize()} {long_date(date)}"
    span = time_span(start, end)
    return f"{text} {span}" if span else text
