"""Parameter types shared by the API's operations: an id is a positive 64-bit integer, so that a
value past what the database can hold is refused by the schema (422 with a Swedish message) before
any query is built. The same bound as the forms' id fields (`core.forms.MAX_ID`)."""

import datetime as dt
from typing import Annotated

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query
from ninja.errors import HttpError
from pydantic import Field

from tryggsam.api.paging import DEFAULT_LIMIT, MAX_LIMIT
from tryggsam.core.forms import MAX_ID
from tryggsam.core.spreadsheets import MAX_EXPORT_ROWS
from tryggsam.situation.forms import EARLIEST

Id = Annotated[int, Field(ge=1, le=MAX_ID)]

# The query parameters that several operations take, each defined once. Give the default in the
# signature too (`start: FromDate = None`): ninja reads the `Query` of the annotation.
FromDate = Annotated[dt.date | None, Query(None, alias="from")]
ToDate = Annotated[dt.date | None, Query(None, alias="to")]
CategoryCode = Annotated[str | None, Query(None, max_length=50)]
IncidentStatus = Annotated[str | None, Query(None, max_length=20)]
Cursor = Annotated[str | None, Query(None, max_length=200)]
PageLimit = Annotated[int, Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)]
ExportLimit = Annotated[int, Query(MAX_EXPORT_ROWS, ge=1, le=MAX_EXPORT_ROWS)]

MAX_PERIOD_DAYS = 3 * 366


def check_period(start: dt.date, end: dt.date) -> None:
    """A period the situation picture and the incident files count over: at most three years, ending
    after it starts, between 1900 and next year (a Swedish 400 otherwise)."""
    if end < start or (end - start).days > MAX_PERIOD_DAYS:
        raise HttpError(400, _("Perioden måste vara högst tre år och sluta efter att den börjar."))
    if start < EARLIEST or end > timezone.localdate() + dt.timedelta(days=366):
        raise HttpError(400, _("Välj ett datum mellan 1900 och nästa år."))


def moment_in_utc(value: dt.datetime) -> dt.datetime:
    """A point in time given by a caller, as UTC: a time without an offset is Swedish time; one before
    1900 is refused with a Swedish 400 (an offset such as -23:46 in year 751 is valid ISO 8601 that
    PostgreSQL cannot compare)."""
    if value.year < EARLIEST.year or value.year > timezone.localdate().year + 1:
        raise HttpError(400, _("Välj ett datum mellan 1900 och nästa år."))
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
    return value.astimezone(dt.UTC)
