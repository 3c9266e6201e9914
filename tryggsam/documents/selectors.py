from __future__ import annotations

from django.db.models import Q, QuerySet

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.accounts.models import Organisation
from tryggsam.documents.models import ImportedDocument
from tryggsam.forums.models import Forum, ForumKind


def imported_documents_visible_to(user: Reader) -> QuerySet[ImportedDocument]:
    return ImportedDocument.objects.filter(permissions.visible_q(user, ImportedDocument)).select_related("imported_by")


def forums_for_import(user: Reader, *, kinds: list[str] | None = None) -> QuerySet[Forum]:
    """The forums `user` may import into (the policy's `importable_forums_q`), optionally of `kinds`:
    the review page's forum list, and the forums an imported name is matched against."""
    forums = Forum.objects.filter(permissions.importable_forums_q(user, Forum))
    return forums.filter(kind__in=kinds) if kinds is not None else forums


def meeting_forums_for_import(user: Reader) -> QuerySet[Forum]:
    """Forums a minutes can belong to: every importable forum except partnerships."""
    return forums_for_import(user).exclude(kind=ForumKind.PARTNERSHIP)


def importing_organisation(user: Reader) -> Organisation | None:
    """The organisation an import by `user` is made for (see `permissions.importing_organisation_id`)."""
    organisation_id = permissions.importing_organisation_id(user)
    return Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None


def municipalities() -> list[str]:
    """The municipalities the installation's organisations work in (as recorded, case-folded)."""
    names = Organisation.objects.exclude(municipality="").values_list("municipality", flat=True)
    return sorted({name.strip().casefold() for name in names if name.strip()})


def same_municipality_q(organisation: Organisation | None, prefix: str = "") -> Q:
    """Records of `organisation`'s municipality: owned by an organisation of that municipality, or by
    no organisation. An installation whose organisations all work in one municipality (or record none)
    is one municipality: everything. An organisation without a recorded municipality in a
    several-municipality installation: its own records and unowned ones; no organisation (the command
    line without --organisation) there: unowned ones only."""
    known = municipalities()
    if len(known) <= 1:
        return Q()
    unowned = Q(**{f"{prefix}owner_organisation__isnull": True})
    if organisation is None:
        return unowned
    if organisation.municipality.strip():
        return unowned | Q(**{f"{prefix}owner_organisation__municipality__iexact": organisation.municipality.strip()})
    return unowned | Q(**{f"{prefix}owner_organisation": organisation})


def forums_for_matching(
    user: Reader, organisation: Organisation | None, *, kinds: list[str] | None = None
) -> QuerySet[Forum]:
    """The forums a name read from a document is matched against: importable by `user` and in the
    importing organisation's municipality, so that 'Trygghetsrådet' of one municipality is never
    taken for the council of the same name in another."""
    return forums_for_import(user, kinds=kinds).filter(same_municipality_q(organisation))
