"""Reads of statutory documents, always as the user: the members' list and pages, the agenda items a
draft may be decided under, and the published public versions."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.audit.reads import one_visible_or_404
from tryggsam.forums.models import Forum, ForumKind
from tryggsam.forums.selectors import forums_visible_to
from tryggsam.meetings.models import AgendaItem, MinutesStatus
from tryggsam.meetings.selectors import current_meetings
from tryggsam.statutory.models import DocumentStatus, StatutoryDocument
from tryggsam.statutory.snapshot import build_snapshot

DECISION_ITEMS_LIMIT = 60


def documents_visible_to(user: Reader) -> QuerySet[StatutoryDocument]:
    return StatutoryDocument.objects.filter(permissions.visible_q(user, StatutoryDocument)).select_related(
        "forum", "area", "decided_at_meeting"
    )


def document_for(user: Reader, pk: int) -> StatutoryDocument:
    return one_visible_or_404(user, documents_visible_to(user), pk)


def councils_for(user: Reader) -> QuerySet[Forum]:
    return forums_visible_to(user).filter(kind=ForumKind.COUNCIL, is_active=True).order_by("name")


def documents_by_council(user: Reader) -> list[tuple[str, list[StatutoryDocument]]]:
    """The visible documents grouped by council (or area), newest year first."""
    groups: dict[str, list[StatutoryDocument]] = {}
    for document in documents_visible_to(user).order_by("-year", "kind", "-version"):
        groups.setdefault(document.scope_name, []).append(document)
    return sorted(groups.items())


def next_version(user: Reader, document: StatutoryDocument) -> StatutoryDocument | None:
    return documents_visible_to(user).filter(previous=document).first()


def content_for(user: Reader, document: StatutoryDocument) -> dict[str, Any]:
    """What the user reads: the frozen members' version of a decided document, or the draft as it
    stands now, built as the user."""
    if document.is_frozen and document.snapshot is not None:
        frozen: dict[str, Any] = document.snapshot
        return frozen
    return build_snapshot(user, document)


def decision_items(user: Reader, document: StatutoryDocument) -> list[AgendaItem]:
    """The agenda items of the council's meetings (latest minutes, still open) that the user may
    decide the draft under, newest meeting first."""
    if document.status != DocumentStatus.DRAFT:
        return []
    meetings = current_meetings(user).exclude(status=MinutesStatus.APPROVED)
    if document.forum_id is not None:
        meetings = meetings.filter(forum=document.forum_id)
    items = (
        AgendaItem.objects.filter(meeting__in=meetings.values("pk"))
        .select_related("meeting__forum")
        .order_by("-meeting__date", "position", "id")[:DECISION_ITEMS_LIMIT]
    )
    return [
        item
        for item in items
        if permissions.can_view_agenda_item(user, item)
        and permissions.can_decide_statutory_document_in_meeting(user, item.meeting, document)
    ]


def decision_item_for(user: Reader, document: StatutoryDocument, pk: int) -> AgendaItem:
    for item in decision_items(user, document):
        if item.pk == pk:
            return item
    raise Http404


def published_documents(user: Reader) -> QuerySet[StatutoryDocument]:
    """The documents whose public version anyone may read (the same for every reader)."""
    return StatutoryDocument.objects.filter(
        status=DocumentStatus.DECIDED, published_on__isnull=False, public_snapshot__isnull=False
    ).select_related("forum", "area")


def published_document(user: Reader, pk: int) -> StatutoryDocument:
    document = published_documents(user).filter(pk=pk).first()
    if document is None or not permissions.statutory_document_is_public(document):
        raise Http404
    return document
