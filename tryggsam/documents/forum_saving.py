"""The forum an imported document belongs to: the one the user chose, or the one its name speaks of
among the forums of the importing organisation's municipality (issue 13, item 6). A forum is created
only when there is none, owned by the importing organisation and listed in the result's
`created_forums`, so that no caller creates a forum without saying so."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from tryggsam.accounts.actors import Actor
from tryggsam.accounts.models import Organisation
from tryggsam.core.errors import ServiceError
from tryggsam.core.text import fold_words
from tryggsam.documents.matching import best_match
from tryggsam.documents.selectors import forums_for_import, forums_for_matching, same_municipality_q
from tryggsam.forums.models import Forum, ForumKind
from tryggsam.forums.services import forum_create

# Words that say what sort of body a forum is, not which one: 'BRÅ', 'Brottsförebyggande rådet',
# 'Lokala trygghetsrådet', 'Styrgruppen'. Every municipality has one; a name made only of them is not a
# forum's identity (folded: lower case, å/ä/ö as a/a/o).
GENERIC_FORUM_WORDS = frozenset(
    [
        "lokal",
        "lokala",
        "lokalt",
        "brottsforebyggande",
        "brottsforebyggande",
        "rad",
        "radet",
        "radets",
        "bra",
        "lobra",
        "trygghetsrad",
        "trygghetsradet",
        "samverkansrad",
        "samverkansradet",
        "trygghetsgrupp",
        "trygghetsgruppen",
        "samverkansgrupp",
        "samverkansgruppen",
        "styrgrupp",
        "styrgruppen",
        "beredningsgrupp",
        "beredningsgruppen",
        "ledningsgrupp",
        "ledningsgruppen",
        "arbetsgrupp",
        "arbetsgruppen",
        "samverkansforum",
        "samverkansforumet",
        "forum",
        "forumet",
        "grupp",
        "gruppen",
        "natverk",
        "natverket",
        "sspf",
        "samba",
        "mote",
        "motet",
        "och",
        "for",
        "det",
        "den",
        "i",
        "om",
        "fd",
        "f",
        "d",
    ]
)


@dataclass(frozen=True)
class _Named:
    pk: int
    name: str


def is_generic_forum_name(name: str) -> bool:
    """Whether `name` only says what sort of forum it is ('BRÅ', 'Brottsförebyggande rådet')."""
    return all(word in GENERIC_FORUM_WORDS for word in fold_words(name).split())


class ForumsOfImport:
    """Mixed into the saver, which provides `actor`, `organisation`, `data`, `result` and `link()`."""

    actor: Actor
    organisation: Organisation | None
    data: dict[str, Any]
    result: Any

    def link(self, obj: Any, action: str = "created") -> None:  # provided by the saver
        raise NotImplementedError

    def forum(self, name: str | None, *, kind: str, parent: Forum | None = None) -> Forum | None:
        """The forum `name` speaks of, among the forums of the importing organisation's municipality;
        created (owned by the importing organisation, and said in the result) when there is none."""
        if not name:
            return None
        kinds = (
            [kind] if kind == ForumKind.PARTNERSHIP else [ForumKind.COUNCIL, ForumKind.WORKING_GROUP, ForumKind.NETWORK]
        )
        # Matched on (id, name) pairs in the queryset's order; only the forum found is read whole.
        candidates = forums_for_matching(self.actor, self.organisation, kinds=kinds)
        found = best_match(name, [_Named(pk, n) for pk, n in candidates.values_list("pk", "name")])
        if found is not None:
            return candidates.get(pk=found.pk)
        name = name[:200].strip()
        in_scope = Forum.objects.filter(same_municipality_q(self.organisation))
        if in_scope.filter(name__iexact=name).exists():
            # A forum the importer may not use has this name: neither write into it nor say more about it.
            raise ServiceError(
                _("Forumet ”%(name)s” kan inte användas för importen; välj ett annat forum.") % {"name": name}
            )
        if is_generic_forum_name(name):
            # Creating 'BRÅ' would merge every council's documents into one forum of that name.
            raise ServiceError(
                _("Forumnamnet ”%(name)s” säger bara vilken sorts forum det är, inte vilket; välj forum "
                  "(i granskningen eller med import_document --forum ID).") % {"name": name}
            )  # fmt: skip
        if kind != ForumKind.PARTNERSHIP:
            folded = fold_words(name)
            kind = (
                ForumKind.COUNCIL
                if ("brottsforebyggande rad" in folded or "bra" in folded.split())
                else ForumKind.WORKING_GROUP
            )
        forum = forum_create(
            actor=self.actor,
            name=self._free_forum_name(name),
            kind=kind,
            parent=parent,
            owner_organisation=self.organisation,
        )
        self.link(forum)
        self.result.created_forums.append(forum.name)
        return forum

    def _free_forum_name(self, name: str) -> str:
        """A forum of another municipality may bear the same name: the new one is told apart by the
        importing organisation's municipality (or name)."""
        if not Forum.objects.filter(name__iexact=name).exists():
            return name
        owner = self.organisation
        for suffix in (owner.municipality.strip(), owner.short_name.strip(), owner.name.strip()) if owner else ():
            candidate = f"{name[: 196 - len(suffix)]} ({suffix})"
            if suffix and not Forum.objects.filter(name__iexact=candidate).exists():
                return candidate
        raise ServiceError(
            _("Det finns redan ett forum som heter ”%(name)s” i en annan kommun; välj forumet för importen.")
            % {"name": name}
        )

    def chosen_forum(self) -> Forum | None:
        """The forum the user chose for the document (the review's select, `import_document --forum`)."""
        forum_id = self.data.get("forum_id")
        if not forum_id:
            return None
        forum = forums_for_import(self.actor).filter(pk=forum_id).exclude(kind=ForumKind.PARTNERSHIP).first()
        if forum is None:
            raise ServiceError(_("Det valda forumet finns inte eller kan inte användas för importen."))
        return forum
