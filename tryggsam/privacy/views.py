"""The audit log page (`/granskning/`): filter and page through the log (see `privacy.selectors`)."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from tryggsam.accounts.models import User
from tryggsam.audit.presentation import object_type_choices, readable
from tryggsam.core.forms import ModelChoiceField
from tryggsam.privacy.selectors import audit_events_for


class AuditFilterForm(forms.Form):
    actor = ModelChoiceField(label=_("Person"), queryset=User.objects.all(), required=False)
    object_type = forms.ChoiceField(label=_("Typ av uppgift"), required=False)
    object_id = forms.CharField(label=_("Objekt-id"), required=False, max_length=64)
    date_from = forms.DateField(label=_("Från"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Till"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", _("Alla")), *object_type_choices()]  # type: ignore[attr-defined]


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_events_for(
        request.user,
        actor_id=filters["actor"].pk if filters.get("actor") else None,
        object_type=filters.get("object_type", ""),
        object_id=filters.get("object_id", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    page = Paginator(events, 50).get_page(request.GET.get("sida"))
    return render(request, "privacy/audit_log.html", {"form": form, "page": page, "events": readable(page)})
