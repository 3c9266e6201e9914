"""Who acts: the types that name the person behind a read or a write.

Code in `accounts` and above types its actor with these names, not `Any`. Layers below accounts
(`core`, `audit`) cannot import the user model and use Django's `AbstractBaseUser`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import ClassVar, TypeAlias

from django.contrib.auth.models import AnonymousUser

from tryggsam.accounts.models import User

Person: TypeAlias = User
"""A signed-in person (an API token acts through its own user, so it is a Person too)."""


class SystemScope(enum.Enum):
    """What the system reads when it acts: only what is open, or every record."""

    OPEN = "open"
    ALL = "all"


@dataclass(frozen=True)
class SystemActor:
    """The system acting for a command or a scheduled job, never a person and never "no user".

    A command states who it is (`purpose`, written into every audit row it causes, with no user),
    what it may read (`reads`: a command that renders or exports something for people reads only
    what is open unless its operator asks for more by a flag and is told so; jobs that keep the
    data, such as retention and backup, read everything) and with which role it may write
    (`acts_as`: None means it writes nothing). The policy (`accounts.permissions`) answers for it
    from these three alone; it has no memberships and no organisation.
    """

    purpose: str
    reads: SystemScope = SystemScope.OPEN
    acts_as: str | None = None  # a Role value, or None for a reader that writes nothing

    # It is not a signed-in person: code that only asks `is_authenticated` treats it as a visitor.
    is_authenticated: ClassVar[bool] = False
    is_anonymous: ClassVar[bool] = False
    is_active: ClassVar[bool] = True
    is_superuser: ClassVar[bool] = False
    is_staff: ClassVar[bool] = False
    pk: ClassVar[None] = None
    id: ClassVar[None] = None

    def __str__(self) -> str:
        return f"system: {self.purpose}"

    @property
    def reads_everything(self) -> bool:
        return self.reads is SystemScope.ALL


Actor: TypeAlias = User | SystemActor
"""Whoever writes: a person, or the system on behalf of a command or job (see SystemActor)."""


Reader: TypeAlias = User | AnonymousUser | SystemActor
"""Whoever reads: a signed-in person, an anonymous visitor of the public pages, or the system
rendering for a command (it reads what its scope states)."""


def person_of(actor: Actor | AnonymousUser | None) -> User | None:
    """The person behind an actor, for a `created_by`-style column: None for the system (its audit
    rows name it instead) and for an anonymous visitor."""
    return actor if isinstance(actor, User) and actor.is_authenticated else None
