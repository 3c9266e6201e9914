from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tryggsam.accounts import permissions
from tryggsam.documents.models import ImportedDocument


def imported_documents_visible_to(user: Any) -> QuerySet[ImportedDocument]:
    return ImportedDocument.objects.filter(permissions.visible_q(user, ImportedDocument)).select_related("imported_by")
