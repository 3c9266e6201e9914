"""Who acts: the types that name the person behind a read or a write.

Code in `accounts` and above types its actor with these names, not `Any`. Layers below accounts
(`core`, `audit`) cannot import the user model and use Django's `AbstractBaseUser`.
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser

from tryggsam.accounts.models import User

Person: TypeAlias = User
"""A signed-in person (an API token acts through its own user, so it is a Person too)."""

Reader: TypeAlias = User | AnonymousUser
"""Whoever reads: a signed-in person or an anonymous visitor of the public pages."""
