"""Parameter types shared by the API's operations: an id is a positive 64-bit integer, so that a
value past what the database can hold is refused by the schema (422 with a Swedish message) before
any query is built. The same bound as the forms' id fields (`core.forms.MAX_ID`)."""

from typing import Annotated

from pydantic import Field

from tryggsam.core.forms import MAX_ID

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
