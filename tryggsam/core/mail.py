"""E-mail leaves only after the change it reports has been committed.

Every service that sends mail builds its messages inside its transaction and hands them to
`send_after_commit`: a rollback sends nothing, and a mail server that fails after the commit is
logged and may undo the record of the sending (so that the next run of a job tries again)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.core.mail import EmailMessage
from django.db import transaction

logger = logging.getLogger(__name__)


def send_after_commit(messages: Iterable[EmailMessage], *, on_failure: Callable[[], None] | None = None) -> None:
    """Send `messages` when the current transaction commits (at once outside a transaction). Each
    message is sent on its own; if any fails (`OSError`), it is logged and `on_failure` runs once,
    in a transaction of its own."""
    batch = list(messages)

    def send() -> None:
        failed = False
        for message in batch:
            try:
                message.send()
            except OSError:
                failed = True
                logger.exception("E-post till %s kunde inte skickas", ", ".join(message.to))
        if failed and on_failure is not None:
            with transaction.atomic():
                on_failure()

    if batch:
        transaction.on_commit(send)
