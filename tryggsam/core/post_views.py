"""The POST view pattern, written once: run one service call, tell the user what happened, redirect.

A service refuses a write with a `ServiceError` (or a model's `ValidationError`); the refusal is shown
as it is (Swedish) and nothing has changed. A refusal by the policy (`PermissionDeniedError`) is a 403,
never a message: the view asks the policy before it calls the service, so a user who gets here was not
offered the action."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from tryggsam.core.errors import PermissionDeniedError, ServiceError, refusal_text


def refusal_of(action: Callable[[], object]) -> str:
    """Run `action` (one service call); its refusal as text, or "" when it went through."""
    try:
        action()
    except PermissionDeniedError as exc:
        raise PermissionDenied(str(exc)) from exc
    except (ServiceError, ValidationError) as exc:
        return refusal_text(exc)
    return ""


def post_and_redirect(request: HttpRequest, action: Callable[[], object], *, done: str, to: str) -> HttpResponse:
    """Run `action`; `done` as a success message, or the refusal as an error; then redirect to the
    URL `to` (post/redirect/get, so a reload does not post again)."""
    refusal = refusal_of(action)
    if refusal:
        messages.error(request, refusal)
    else:
        messages.success(request, done)
    return redirect(to)


def form_saved(form: BaseForm, action: Callable[[], object]) -> bool:
    """Run `action` behind a valid form: True when it went through; otherwise the refusal becomes the
    form's error (shown above its fields, the page is shown again) and False."""
    refusal = refusal_of(action)
    if refusal:
        form.add_error(None, refusal)
    return not refusal
