"""The organisation's API tokens: its administrators and coordinators create and revoke them. The
secret is shown once, on the page that answers the creation."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tryggsam.accounts import permissions
from tryggsam.accounts.actors import Reader
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.accounts.models import Organisation
from tryggsam.api import services
from tryggsam.api.models import ApiScope, ApiToken
from tryggsam.core.errors import ServiceError, refusal_text
from tryggsam.core.forms import ModelChoiceField
from tryggsam.core.personal_data.forms import PersonalDataGuardMixin


class TokenForm(PersonalDataGuardMixin, forms.Form):
    organisation = ModelChoiceField(label=gettext_lazy("Organisation"), queryset=Organisation.objects.none())
    name = forms.CharField(
        label=gettext_lazy("Namn"), max_length=100, help_text=gettext_lazy("T.ex. systemets eller leverantörens namn.")
    )
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("Behörigheter"), choices=ApiScope.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: object, organisations: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


def _managed_organisations(user: Reader) -> list[Organisation]:
    return [o for o in Organisation.objects.order_by("name") if permissions.can_manage_api_tokens(user, o)]


@login_required
def tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = _managed_organisations(request.user)
    if not organisations:
        raise PermissionDenied(_("Bara organisationens administratörer och samordnare hanterar API-nycklar."))
    ids = [o.pk for o in organisations]
    form = TokenForm(request.POST or None, organisations=Organisation.objects.filter(pk__in=ids))
    secret, error = None, None
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = services.create_token(
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
            )
            form = TokenForm(organisations=Organisation.objects.filter(pk__in=ids))
        except ServiceError as exc:
            error = refusal_text(exc)
    status = 400 if request.method == "POST" and secret is None else 200
    context = {
        "form": form,
        "error": error,
        "secret": secret,
        "tokens": ApiToken.objects.filter(organisation__in=ids).select_related("organisation", "created_by"),
    }
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_POST
def revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.select_related("organisation", "principal"), pk=pk)
    if not permissions.can_manage_api_tokens(request.user, token.organisation):
        raise PermissionDenied(_("Bara organisationens administratörer och samordnare hanterar API-nycklar."))
    try:
        services.revoke_token(actor=request.user, token=token)
    except ServiceError as exc:
        return render(request, "400.html", {"message": refusal_text(exc)}, status=400)
    return redirect("api_tokens:list")
