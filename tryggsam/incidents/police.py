"""Reading one event of the Swedish Police open events API (`/api/events`) and mapping it to an incident.

The parser never raises on odd input: anything that is not a usable event becomes a `Rejected` with a
Swedish reason. What the feed looks like (see ../shared/data/README.md):
- `datetime` is the publication time, "2026-02-18 22:03:10 +01:00", sometimes with a one-digit hour;
- `name` is "18 februari 20.27, Trafikolycka, personskada, Huddinge": the time of the event, the type
  (which may itself contain commas) and, as the last comma part, the municipality or the county;
- `location.gps` is the centroid of the county or municipality named in `location.name`, not the
  place of the event, so it is never used for point-in-polygon;
- `summary` is cut at about 110 characters and kept as it is; `url` may be relative.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, NamedTuple
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

from tryggsam.core.swedish import MONTH_BY_NAME
from tryggsam.core.text import strip_control_characters
from tryggsam.incidents.locating import Location, TextLocator, locate_text
from tryggsam.incidents.models import Precision

POLICE_SITE = "https://polisen.se"
POLICE_HOSTS = frozenset({"polisen.se", "www.polisen.se"})
SWEDISH_TIME = ZoneInfo("Europe/Stockholm")
MAX_ID_LENGTH = 100
MAX_URL_LENGTH = 500
MIN_YEAR, MAX_YEAR = 1990, 2200  # outside these a "datetime" is a typo, and would not fit every database

# Police event types (the part before the first comma, "Rån, försök" → "Rån") → checklist codes.
# Everything else is "other"; the original type is always kept on the incident.
TYPE_CATEGORIES: dict[str, str] = {
    "Rån": "robbery",
    "Rån övrigt": "robbery",
    "Rån väpnat": "robbery",
    "Skadegörelse": "vandalism",
    "Narkotikabrott": "drug_dealing",
    "Misshandel": "threats_violence",
    "Våld/hot mot tjänsteman": "threats_violence",
    "Olaga hot": "threats_violence",
    "Mord/dråp": "threats_violence",
    "Skottlossning": "threats_violence",
    "Inbrott": "burglary",
    "Stöld": "burglary",
    "Stöld/inbrott": "burglary",
    "Brand": "fire",
    "Mordbrand": "fire",
    "Rattfylleri": "reckless_driving",
    "Trafikbrott": "reckless_driving",
    "Vårdslös körning": "reckless_driving",
    "Alkohollagen": "public_drinking",
}
_SUMMARY_TYPES = ("Sammanfattning natt", "Sammanfattning kväll och natt", "Sammanfattning kväll")
_DATETIME = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-])(\d{2}):?(\d{2})\s*$"
)
_PLAIN_PATH = re.compile(r"/[A-Za-z0-9/_.~-]*")
_NAME = re.compile(r"^\s*(\d{1,2})\s+(\w+)\s+(\d{1,2})[.:](\d{2})\s*,(.*)$")


def category_code_for(event_type: str) -> str:
    base = event_type.split(",")[0].strip()
    return TYPE_CATEGORIES.get(event_type.strip()) or TYPE_CATEGORIES.get(base) or "other"


def is_summary(event_type: str) -> bool:
    return event_type.strip().startswith("Sammanfattning")


def parse_datetime(text: str) -> dt.datetime | None:
    """ "2026-02-18 22:03:10 +01:00" and "2025-06-07 7:32:06 +02:00" → an aware datetime, else None.
    The feed's own shape is read by position (`_fixed_datetime`); anything else by the general pattern."""
    fixed = _fixed_datetime(text)
    return fixed if fixed is not None else _pattern_datetime(text)


def _pattern_datetime(text: str) -> dt.datetime | None:
    """`parse_datetime` by the general pattern `_DATETIME`: spaces around, "T", a one- or two-digit hour,
    no seconds, an offset without a colon, any Unicode digits."""
    m = _DATETIME.match(text)
    if not m:
        return None
    year, month, day, hour, minute, second = (int(g or 0) for g in m.groups()[:6])
    return _aware(year, month, day, hour, minute, second, m.group(7), int(m.group(8)), int(m.group(9)))


def _fixed_datetime(text: str) -> dt.datetime | None:
    """ "YYYY-MM-DD HH:MM:SS +HH:MM" (the hour may have one digit) in ASCII digits, read by position; None
    for any other shape or an impossible date, which `parse_datetime` then hands to the general pattern
    (it gives the same answer where both read a text: a test holds them equal on the recorded feed)."""
    if len(text) == 25 and text[12:13] == ":":
        text = text[:11] + "0" + text[11:]  # the one-digit hour of "2025-06-07 7:32:06 +02:00"
    if (
        len(text) != 26
        or text[4] != "-"
        or text[7] != "-"
        or text[10] != " "
        or text[13] != ":"
        or text[16] != ":"
        or text[19] != " "
        or text[20] not in "+-"
        or text[23] != ":"
    ):
        return None
    digits = text[0:4] + text[5:7] + text[8:10] + text[11:13] + text[14:16] + text[17:19] + text[21:23] + text[24:]
    if not (digits.isascii() and digits.isdigit()) or not MIN_YEAR <= int(text[0:4]) <= MAX_YEAR or text[11:13] > "23":
        return None  # (Python 3.12's `fromisoformat` would read the hour 24 as the next day's midnight)
    # The shape is pinned above, so `fromisoformat` (C, a tenth of nine `int` calls and a constructor)
    # reads exactly what the pattern would; it refuses what `_aware` refuses (no such day or hour, an
    # offset of a day or more).
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


# One object per offset seen (at most 2 × 24 × 100 of them; the feed uses two).
_OFFSETS: dict[tuple[str, int, int], dt.timezone] = {}


def _offset(sign: str, hours: int, minutes: int) -> dt.timezone | None:
    """The zone of "+HH:MM" / "-HH:MM", or None for an offset of a day or more."""
    zone = _OFFSETS.get((sign, hours, minutes))
    if zone is None:
        offset = dt.timedelta(hours=hours, minutes=minutes)
        if offset >= dt.timedelta(hours=24):
            return None
        zone = _OFFSETS[(sign, hours, minutes)] = dt.timezone(offset if sign == "+" else -offset)
    return zone


def _aware(
    year: int, month: int, day: int, hour: int, minute: int, second: int, sign: str, off_h: int, off_m: int
) -> dt.datetime | None:
    zone = _offset(sign, off_h, off_m)
    if zone is None or not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None


def parse_name(name: str, published: dt.datetime) -> tuple[dt.datetime | None, str]:
    """(time of the event, last comma part) from "18 februari 20.27, Brand, Åre". The year is the
    publication year, or the year before when the event's month lies after the publication month."""
    place = name.rsplit(",", 1)[1].strip() if "," in name else ""
    fields = _fixed_name(name)
    if fields is None:
        fields = _pattern_name(name)
        if fields is None:
            return None, place
    month = MONTH_BY_NAME.get(fields[1].lower())
    if month is None:
        return None, place
    day, hour, minute = int(fields[0]), int(fields[2]), int(fields[3])
    local_year, local_month = _local_year_month(published)
    year = local_year - 1 if month > local_month else local_year
    try:
        return dt.datetime(year, month, day, hour, minute, tzinfo=SWEDISH_TIME), place
    except ValueError:
        return None, place


def _local_year_month(published: dt.datetime) -> tuple[int, int]:
    """The year and month of `published` in Swedish time. Its own offset lies within a day of UTC, and
    Swedish time one or two hours ahead of UTC, so the Swedish day is at most one day before and two
    after its own: from the 2nd to the 26th of a month, the same month (no `astimezone`, a fifth of a
    name's parse); otherwise converted."""
    if 2 <= published.day <= 26:
        return published.year, published.month
    local = published.astimezone(SWEDISH_TIME)
    return local.year, local.month


def _fixed_name(name: str) -> tuple[str, str, str, str] | None:
    """(day, month word, hour, minute) of the feed's usual "18 februari 20.27, …" read without the
    pattern: three words before the first comma, ASCII digits; None for anything else, which `parse_name`
    then reads with the pattern `_NAME` (the same answer where both read a name: a test holds them equal)."""
    head, comma, rest = name.partition(",")
    if not comma or "\n" in rest:
        return None
    words = head.split()
    if len(words) != 3:
        return None
    day, month, clock = words
    hour, minute = clock[:-3], clock[-2:]
    if (
        not 1 <= len(day) <= 2
        or not 1 <= len(hour) <= 2
        or clock[-3:-2] not in (".", ":")
        or not (day + hour + minute).isascii()
        or not (day + hour + minute).isdigit()
        or not month.isalpha()
    ):
        return None
    return day, month, hour, minute


def _pattern_name(name: str) -> tuple[str, str, str, str] | None:
    """(day, month word, hour, minute) by the general pattern `_NAME`, or None."""
    m = _NAME.match(name)
    return (m.group(1), m.group(2), m.group(3), m.group(4)) if m else None


# The feed's gps is the centroid of a county or municipality, so the same few hundred texts recur.
_GPS_MEMO: dict[str, tuple[float, float] | None] = {}
_GPS_MEMO_SIZE = 4096


def parse_gps(value: Any) -> tuple[float, float] | None:
    """ "63.171192,14.95918" → (lat, lon), or None; remembered per text (the feed repeats them)."""
    if not isinstance(value, str):
        return None
    try:
        return _GPS_MEMO[value]
    except KeyError:
        pass
    if len(_GPS_MEMO) >= _GPS_MEMO_SIZE:
        _GPS_MEMO.clear()
    point = _GPS_MEMO[value] = _read_gps(value)
    return point


def _read_gps(value: str) -> tuple[float, float] | None:
    if value.count(",") != 1:
        return None
    try:
        lat, lon = (float(part) for part in value.split(","))
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def is_county(name: str) -> bool:
    return name.strip().endswith(" län")


class PoliceEvent(NamedTuple):
    """One event as read. A named tuple: an import makes one per event, and a frozen dataclass cost
    more to build than the rest of the parse together."""

    external_id: str
    published: dt.datetime
    occurred: dt.datetime
    event_type: str
    name: str
    summary: str
    url: str
    municipality: str
    county: str
    location_name: str
    gps: tuple[float, float] | None

    @property
    def category_code(self) -> str:
        return category_code_for(self.event_type)

    @property
    def is_summary(self) -> bool:
        return is_summary(self.event_type)


@dataclass(frozen=True)
class Rejected:
    reason: str


def _text(value: Any) -> str:
    """A string from the feed without control characters (PostgreSQL text cannot even hold NUL)."""
    if not isinstance(value, str):
        return ""
    # `strip_control_characters` returns a printable text as it is; asked here first, a call is saved.
    return (value if value.isprintable() else strip_control_characters(value)).strip()


def _external_id(value: Any) -> str:
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and len(_text(value)) <= MAX_ID_LENGTH:
        return _text(value)
    return ""


def _absolute_url(value: Any) -> str:
    url = _text(value)
    if not url:
        return ""
    if _PLAIN_PATH.fullmatch(url) and "//" not in url and "/." not in url:  # the usual "/aktuellt/…/"
        return POLICE_SITE + url if len(POLICE_SITE) + len(url) <= MAX_URL_LENGTH else ""
    absolute = urljoin(POLICE_SITE + "/", url)
    host = urlsplit(absolute).hostname or ""
    if urlsplit(absolute).scheme != "https" or host.rstrip(".") not in POLICE_HOSTS or len(absolute) > MAX_URL_LENGTH:
        return ""  # only links to the police site are kept
    return absolute


def parse_event(raw: Any, *, index: int) -> PoliceEvent | Rejected:
    """One raw event → a PoliceEvent, or Rejected (id, datetime or type missing or unreadable).
    `index` (1-based) names the event in the Swedish error line."""
    if not isinstance(raw, dict):
        return Rejected(_("Händelse %(n)d: är inte ett objekt.") % {"n": index})
    external_id = _external_id(raw.get("id"))

    def label() -> str:  # only for a rejection: translating it for every event cost a third of the parse
        return _("Händelse %(n)d (id %(id)s)") % {"n": index, "id": external_id or "?"}

    if not external_id:
        return Rejected(_("%(label)s: saknar id.") % {"label": label()})
    event_type = _text(raw.get("type"))
    if not event_type:
        return Rejected(_("%(label)s: saknar typ (type).") % {"label": label()})
    published_text = _text(raw.get("datetime"))
    if not published_text:
        return Rejected(_("%(label)s: saknar tidpunkt (datetime).") % {"label": label()})
    published = parse_datetime(published_text)
    if published is None:
        return Rejected(
            _("%(label)s: tidpunkten ”%(value)s” kan inte läsas.") % {"label": label(), "value": published_text[:40]}
        )
    name = _text(raw.get("name"))
    occurred, last_part = parse_name(name, published)
    location: dict[str, Any] = raw["location"] if isinstance(raw.get("location"), dict) else {}
    location_name = _text(location.get("name"))
    named_county = is_county(location_name)
    county = location_name if named_county else ""
    municipality = ""
    if last_part and is_county(last_part):
        county = county or last_part
    elif last_part and last_part != event_type:
        municipality = last_part
    elif location_name and not named_county:
        municipality = location_name
    return PoliceEvent(
        external_id,
        published,
        occurred or published,
        event_type[:200],
        name[:300],
        _text(raw.get("summary")),
        _absolute_url(raw.get("url")),
        municipality[:100],
        county,
        location_name,
        parse_gps(location.get("gps")),
    )  # by position: keywords cost a dict per event


def home_municipality() -> str:
    """The installation's municipality: the events placed by the gazetteer are those in it."""
    return str(getattr(settings, "INCIDENTS_MUNICIPALITY", "Stockholm"))


def locate_event(event: PoliceEvent, locator: TextLocator | None = None, *, home: str | None = None) -> Location:
    """Where the event happened, as well as the feed tells.

    - An event in the installation's municipality whose summary names a place or district (gazetteer)
      gets that area, its ancestors and its centroid: precision place/district/district area.
    - Otherwise, with a known municipality: precision municipality, and the gps point only when it is
      the municipality's own centroid (location.name is the municipality, not a county).
    - Otherwise, with a known county: precision county and the county centroid.
    Night summaries bundle many incidents: they never get a single place.
    An import passes its `locator` and `home_municipality()`, both taken once per run; the location the
    locator gives may be shared between events.
    """
    if home is None:
        home = home_municipality()
    if event.municipality == home and event.summary and not event.is_summary:
        found = locator.locate(event.summary) if locator is not None else locate_text(event.summary)
        if found is not None:
            return found
    gps_is_municipal = bool(event.location_name) and not is_county(event.location_name)
    if event.municipality:
        point = event.gps if gps_is_municipal else None
        return Location(
            lat=point[0] if point else None, lon=point[1] if point else None, precision=Precision.MUNICIPALITY
        )
    if event.county:
        point = event.gps if is_county(event.location_name) else None
        return Location(lat=point[0] if point else None, lon=point[1] if point else None, precision=Precision.COUNTY)
    return Location(precision=Precision.UNKNOWN)
