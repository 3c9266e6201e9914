"""One record read, once: "get one visible record or 404, and audit the read" for every selector and
view that opens a single record."""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.http import Http404

from tryggsam.audit.services import AuditActor, audit_read

M = TypeVar("M", bound=models.Model)


def one_visible_or_404(user: AuditActor, visible: models.QuerySet[M], pk: object) -> M:
    """The record `pk` among `visible` (a queryset already limited to what `user` may read), or 404:
    a record that does not exist and one the user may not see answer the same. Reading a restricted
    record writes an audit row (in the caller's transaction)."""
    # No ORDER BY for one primary key: `.first()` would sort by the model's ordering (compiling it
    # costs an API call of one area a third of its Python calls).
    found = list(visible.filter(pk=pk).order_by()[:1])
    if not found:
        raise Http404
    obj = found[0]
    audit_read(user=user, obj=obj)
    return obj
