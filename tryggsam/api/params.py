"""Parameter types shared by the API's operations: an id is a positive 64-bit integer, so that a
value past what the database can hold is refused by the schema (422 with a Swedish message) before
any query is built. The same bound as the forms' id fields (`core.forms.MAX_ID`)."""

import datetime as dt
from typing import Annotated

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from pydantic import Field

from tryggsam.core.forms import MAX_ID
from tryggsam.situation.forms import EARLIEST

Id = Annotated[int, Field(ge=1, le=MAX_ID)]

MAX_PERIOD_DAYS = 3 * 366


def check_period(start: dt.date, end: dt.date) -> None:
    """A period the situation picture and the incident files count over: at most three years, ending
    after it starts, between 1900 and next year (a Swedish 400 otherwise)."""
    if end < start or (end - start).days > MAX_PERIOD_DAYS:
        raise HttpError(400, _("Perioden måste vara högst tre år och sluta efter att den börjar."))
    if start < EARLIEST or end > timezone.localdate() + dt.timedelta(days=366):
        raise HttpError(400, _("Välj ett datum mellan 1900 och nästa år."))
