from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tryggsam.accounts import permissions
from tryggsam.documents.models import ImportedDocument
from tryggsam.forums.models import Forum, ForumKind


def imported_documents_visible_to(user: Any) -> QuerySet[ImportedDocument]:
    return ImportedDocument.objects.filter(permissions.visible_q(user, ImportedDocument)).select_related("imported_by")


def forums_for_import(user: Any, *, kinds: list[str] | None = None) -> QuerySet[Forum]:
    """The forums `user` may import into (the policy's `importable_forums_q`), optionally of `kinds`:
    the review page's forum list, and the forums an imported name is matched against."""
    forums = Forum.objects.filter(permissions.importable_forums_q(user, Forum))
    return forums.filter(kind__in=kinds) if kinds is not None else forums


def meeting_forums_for_import(user: Any) -> QuerySet[Forum]:
    """Forums a minutes can belong to: every importable forum except partnerships."""
    return forums_for_import(user).exclude(kind=ForumKind.PARTNERSHIP)
