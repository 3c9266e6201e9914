"""Rendering helpers for forms stopped by the personal-data guard."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def personal_data_form_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    action: str,
    back_url: str,
    heading: str,
    hidden: dict[str, str] | None = None,
) -> HttpResponse:
    """A page showing `form` again with the personal data found in it, for forms posted from a page that
    cannot show the errors itself. It posts back to `action`; `hidden` carries values outside the form."""
    context = {"form": form, "action": action, "back_url": back_url, "heading": heading, "hidden": hidden or {}}
    return render(request, "core/personal_data_form.html", context, status=200)
