"""The session engine (SESSION_ENGINE): Django's database sessions, with the one statement that every
request of a logged-in user runs — read the session by its key, if it has not expired — written once
per process instead of compiled by the ORM on every request (some 600 Python calls)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connections, router
from django.utils import timezone


@lru_cache(maxsize=8)
def _statement(alias: str) -> str:
    q = connections[alias].ops.quote_name
    meta = Session._meta
    columns = {field.name: q(field.column) for field in meta.concrete_fields}
    key, data, expires = columns["session_key"], columns["session_data"], columns["expire_date"]
    return (
        f"SELECT {key}, {data}, {expires} FROM {q(meta.db_table)}"  # noqa: S608 (our own names, quoted)
        f" WHERE {expires} > %s AND {key} = %s"
    )


class SessionStore(db.SessionStore):
    """The same rows as Django's: a session whose expiry date has passed, or that a logout or a
    password change has deleted, is not found, from the very next request."""

    def _get_session_from_db(self) -> Any:
        alias = router.db_for_read(Session)
        expires = Session._meta.get_field("expire_date").get_db_prep_value(
            timezone.now(), connections[alias], prepared=False
        )
        key = Session._meta.get_field("session_key").get_db_prep_value(self.session_key, connections[alias])
        found = list(Session.objects.using(alias).raw(_statement(alias), [expires, key]))
        if not found:
            self._session_key = None
            return None
        return found[0]
