"""The request of a signed-in person, for typing the views that only signed-in people reach."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from tryggsam.accounts.actors import Person
from tryggsam.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind `login_required`: its user is a Person, never the anonymous visitor.

    Only a type (django-stubs' recipe): Django builds an ordinary `HttpRequest`; the decorator is what
    makes the annotation true, so annotate only views that carry `login_required`.
    """

    user: Person


def signed_in(request: HttpRequest) -> Person:
    """The person behind a request that only signed-in people reach but whose type cannot say so
    (admin methods, API operations after token authentication); an anonymous visitor is refused."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
