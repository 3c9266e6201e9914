"""The POST view pattern written once (core/post_views): a refusal is shown and changes nothing, a
refusal by the policy is a 403, a success is a message and a redirect."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from tryggsam.core.errors import PermissionDeniedError, ServiceError
from tryggsam.core.post_views import form_saved, post_and_redirect, refusal_of


def raising(exc):
    def action():
        raise exc

    return action


def posted():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


@pytest.mark.parametrize(
    ("action", "refusal"),
    [
        (lambda: None, ""),
        (raising(ServiceError("Mötet är redan justerat.")), "Mötet är redan justerat."),
        (raising(ValidationError(["Fel datum.", "Fel tid."])), "Fel datum. Fel tid."),
    ],
)
def test_refusal_of__the_refusal_as_text(action, refusal):
    assert refusal_of(action) == refusal


def test_refusal_of__policy_refusal_is_403():
    with pytest.raises(PermissionDenied):
        refusal_of(raising(PermissionDeniedError("Bara samordnare.")))


def test_post_and_redirect__success_and_refusal_are_messages():
    request = posted()
    done = post_and_redirect(request, lambda: None, done="Sparat.", to="/tillbaka/")
    refused = post_and_redirect(request, raising(ServiceError("Nej.")), done="Sparat.", to="/tillbaka/")
    assert done.status_code == refused.status_code == 302 and done.url == "/tillbaka/"
    assert [(m.level_tag, m.message) for m in get_messages(request)] == [("success", "Sparat."), ("error", "Nej.")]


def test_form_saved__refusal_is_the_forms_error():
    form = forms.Form(data={})
    assert form.is_valid()
    assert not form_saved(form, raising(ServiceError("Planen är låst.")))
    assert form.non_field_errors() == ["Planen är låst."]
    assert form_saved(forms.Form(data={}), lambda: None)
