"""Authentication backends of the project (AUTHENTICATION_BACKENDS)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from tryggsam.accounts.permissions import reads_model_permissions


class StaffModelBackend(ModelBackend):
    """Django's password backend, with the model permissions of the database (`user_permissions`,
    groups) read only for staff users: they serve the admin alone. Every other right is a rule of the
    policy module (`accounts.permissions`, through `rules`), so for everyone else this backend grants
    nothing and — since the menu asks `perms.…` on every page and a rule that says no falls through to
    the next backend — spares each request two queries of the permission tables."""

    def _get_permissions(self, user_obj: Any, obj: Any, from_name: str) -> set[str]:
        if not reads_model_permissions(user_obj):
            return set()
        return super()._get_permissions(user_obj, obj, from_name)  # type: ignore[misc]

    async def _aget_permissions(self, user_obj: Any, obj: Any, from_name: str) -> set[str]:
        if not reads_model_permissions(user_obj):
            return set()
        return await super()._aget_permissions(user_obj, obj, from_name)  # type: ignore[misc]
