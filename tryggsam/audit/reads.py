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
    obj = visible.filter(pk=pk).first()
    if obj is None:
        raise Http404
    audit_read(user=user, obj=obj)
    return obj
