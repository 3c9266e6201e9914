"""Authentication backends of the project (AUTHENTICATION_BACKENDS)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice

from tryggsam.accounts.models import Membership, User
from tryggsam.accounts.permissions import reads_model_permissions, remember_roles
from tryggsam.core.forms import MAX_ID

# The user's row as the request loads it also says whether the user has a confirmed device, which
# RequireTwoFactorMiddleware asks on every request of a session made without the second factor.
HAS_DEVICE_ATTR = "_tryggsam_had_device_when_loaded"


_ROLES_COLUMN = "_tryggsam_roles_joined"


@lru_cache(maxsize=8)
def _user_statement(vendor: str) -> str:
    """The user's row with two more columns: 'organisation_id:role,…' of their memberships (NULL for
    none) and whether they have a confirmed device. Written once per process and database vendor:
    the ORM would compile the two subqueries anew on every request (some 2 000 Python calls)."""
    q = connection.ops.quote_name
    user, membership, device = User._meta, Membership._meta, TOTPDevice._meta
    columns = ", ".join(f"u.{q(field.column)}" for field in user.concrete_fields)
    organisation = f"m.{q(membership.get_field('organisation').column)}"
    pair = f"CAST({organisation} AS TEXT) || ':' || m.{q(membership.get_field('role').column)}"
    joined = f"STRING_AGG({pair}, ',')" if vendor == "postgresql" else f"GROUP_CONCAT({pair}, ',')"
    return (
        f"SELECT {columns},"  # noqa: S608 (our own models' names, quoted; the one value is a parameter)
        f" (SELECT {joined} FROM {q(membership.db_table)} m"
        f" WHERE m.{q(membership.get_field('user').column)} = u.{q(user.pk.column)}) AS {_ROLES_COLUMN},"
        f" EXISTS(SELECT 1 FROM {q(device.db_table)} d WHERE d.{q(device.get_field('user').column)}"
        f" = u.{q(user.pk.column)} AND d.{q(device.get_field('confirmed').column)}) AS {HAS_DEVICE_ATTR}"
        f" FROM {q(user.db_table)} u WHERE u.{q(user.pk.column)} = %s"
    )


def _parse_roles(joined: str | None) -> dict[int, str]:
    if not joined:
        return {}
    roles = {}
    for pair in joined.split(","):
        organisation_id, _, role = pair.partition(":")
        roles[int(organisation_id)] = role
    return roles


class StaffModelBackend(ModelBackend):
    """Django's password backend, with the model permissions of the database (`user_permissions`,
    groups) read only for staff users: they serve the admin alone. Every other right is a rule of the
    policy module (`accounts.permissions`, through `rules`), so for everyone else this backend grants
    nothing and — since the menu asks `perms.…` on every page and a rule that says no falls through to
    the next backend — spares each request two queries of the permission tables.

    The user of a request's session is read in one statement together with their memberships (the
    policy's roles, which nearly every page asks) and whether they have a confirmed second-factor
    device: three statements of every request in one. Both are read anew with the user on every
    request, so a role change, a removed membership or a new or removed device counts from the next
    request, as when each was its own statement."""

    def get_user(self, user_id: Any) -> User | None:
        try:
            user_id = User._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        if not isinstance(user_id, int) or not -MAX_ID - 1 <= user_id <= MAX_ID:
            return None  # no 64-bit key: nobody (SQLite cannot even bind it)
        found = list(User._default_manager.raw(_user_statement(connection.vendor), [user_id]))
        if not found or not self.user_can_authenticate(found[0]):
            return None
        user = found[0]
        remember_roles(user, _parse_roles(user.__dict__.pop(_ROLES_COLUMN)))
        return user

    def _get_permissions(self, user_obj: Any, obj: Any, from_name: str) -> set[str]:
        if not reads_model_permissions(user_obj):
            return set()
        return super()._get_permissions(user_obj, obj, from_name)  # type: ignore[misc]

    async def _aget_permissions(self, user_obj: Any, obj: Any, from_name: str) -> set[str]:
        if not reads_model_permissions(user_obj):
            return set()
        return await super()._aget_permissions(user_obj, obj, from_name)  # type: ignore[misc]
