"""The options the import commands share: which organisation the import is made for (forum names are
matched within its municipality, what is created is owned by it) and, for one document, the forum it
belongs to. A wrong option is a Swedish message and exit code 2, before anything is read or written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import SystemActor, SystemScope
from tryggsam.accounts.models import Organisation, Role
from tryggsam.core.import_commands import refuse
from tryggsam.documents.selectors import municipalities
from tryggsam.forums.models import Forum, ForumKind

IMPORT_SYSTEM = SystemActor(
    purpose="import_archive/import_document (arkivimport)", reads=SystemScope.ALL, acts_as=Role.COORDINATOR
)
"""The operator's command line imports as the system: it matches and writes into every forum, as a
coordinator who reads everything would (the web import is made by the signed-in person instead)."""


@dataclass(frozen=True)
class ImportTarget:
    organisation: Organisation | None
    forum: Forum | None


def add_target_arguments(parser: CommandParser, *, forum: bool) -> None:
    parser.add_argument(
        "--organisation",
        type=int,
        metavar="ID",
        help="Organisationen som importerar: forumnamn matchas inom dess kommun och det som skapas ägs av den.",
    )
    if forum:
        parser.add_argument(
            "--forum", type=int, metavar="ID", help="Forumet dokumentet hör till, om det inte framgår av dokumentet."
        )


def import_target(options: dict[str, Any], *, saving: bool) -> ImportTarget:
    organisation = forum = None
    if options.get("organisation") is not None:
        organisation = Organisation.objects.filter(pk=options["organisation"]).first()
        if organisation is None:
            refuse(_("Organisationen %(id)s finns inte.") % {"id": options["organisation"]})
    if options.get("forum") is not None:
        forum = Forum.objects.filter(pk=options["forum"]).exclude(kind=ForumKind.PARTNERSHIP).first()
        if forum is None:
            refuse(_("Forumet %(id)s finns inte (eller är en platssamverkan).") % {"id": options["forum"]})
        organisation = organisation or forum.owner_organisation
    if saving and organisation is None and len(municipalities()) > 1:
        refuse(
            _(
                "Organisationerna arbetar i flera kommuner: ange --organisation ID så att forumnamnen "
                "matchas inom rätt kommun."
            ),
        )
    return ImportTarget(organisation=organisation, forum=forum)
