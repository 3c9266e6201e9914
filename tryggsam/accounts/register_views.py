"""The register, kept by coordinators and administrators in the UI: organisations (created, edited,
a duplicate merged into the kept one, deactivated and reactivated) and people (invited by e-mail with a
one-time link to set a password, given a role per organisation, their membership ended). What each may
do is decided by the register predicates in accounts.permissions (a coordinator never touches the
administrator role); every change goes through an audited service in accounts.services or
accounts.organisations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tryggsam.accounts import organisations, permissions, services
from tryggsam.accounts.actors import Reader
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from tryggsam.core.errors import ServiceError, refusal_text
from tryggsam.core.forms import ActiveModelChoiceField, ModelChoiceField
from tryggsam.core.personal_data.forms import PersonalDataGuardMixin
from tryggsam.core.post_views import post_and_redirect


class OrganisationForm(PersonalDataGuardMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Namn"), max_length=200)
    short_name = forms.CharField(label=gettext_lazy("Kortnamn"), max_length=40, required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Typ"), choices=OrganisationKind.choices)
    municipality = forms.CharField(
        label=gettext_lazy("Kommun"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Kommunen organisationen arbetar i; arkivimporten matchar forumnamn inom den."),
    )


class InviteForm(PersonalDataGuardMixin, forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-postadress"))
    full_name = forms.CharField(label=gettext_lazy("Namn"), max_length=200)
    organisation = ActiveModelChoiceField(label=gettext_lazy("Organisation"), queryset=Organisation.objects.all())
    role = forms.ChoiceField(label=gettext_lazy("Roll"), choices=Role.choices, initial=Role.MEMBER)

    def __init__(self, *args: object, user: Reader, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["role"].choices = _grantable_roles(user)  # type: ignore[attr-defined]


class MergeForm(forms.Form):
    kept = ModelChoiceField(
        label=gettext_lazy("Behåll"), queryset=Organisation.objects.filter(is_active=True), empty_label=None
    )


def _grantable_roles(user: Reader) -> list[tuple[str, Any]]:
    return [(value, label) for value, label in Role.choices if permissions.can_grant_role(user, value)]


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


def _require(request: HttpRequest) -> None:
    if not permissions.can_keep_register(request.user):
        raise PermissionDenied


def _page(request: HttpRequest, *, status: int = 200, **forms_: forms.Form) -> HttpResponse:
    user = request.user
    people = list(
        User.objects.filter(permissions.real_people_q(), memberships__isnull=False)
        .distinct()
        .prefetch_related("memberships__organisation")
        .order_by("full_name")
    )
    for person in people:
        for m in person.memberships.all():
            m.manageable = permissions.can_manage_membership(user, m)  # type: ignore[attr-defined]
    context = {
        "organisations": Organisation.objects.order_by("-is_active", "name"),
        "active_organisations": Organisation.objects.filter(is_active=True).order_by("name"),
        "people": people,
        "organisation_form": forms_.get("organisation_form") or OrganisationForm(auto_id="org_%s"),
        "invite_form": forms_.get("invite_form") or InviteForm(auto_id="inv_%s", user=user),
        "roles": _grantable_roles(user),
        "can_edit_organisations": permissions.can_edit_organisation(user, None),
        "nav": "register",
    }
    return render(request, "accounts/register.html", context, status=status)


@login_required
def register(request: HttpRequest) -> HttpResponse:
    _require(request)
    return _page(request)


@login_required
@require_POST
def organisation_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request)
    form = OrganisationForm(request.POST, auto_id="org_%s")
    if form.is_valid():
        try:
            services.organisation_create(acting_user=request.user, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            form.add_error(None, refusal_text(exc))
        else:
            messages.success(request, _("Organisationen är tillagd."))
            return redirect("accounts:register")
    return _page(request, status=400, organisation_form=form)


@login_required
@require_POST
def invite(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request)
    form = InviteForm(request.POST, auto_id="inv_%s", user=request.user)
    if form.is_valid():
        try:
            user = services.user_invite(
                acting_user=request.user, base_url=settings.TRYGGSAM_BASE_URL, **form.cleaned_data
            )
        except (ServiceError, ValidationError) as exc:
            form.add_error(None, refusal_text(exc))
        else:
            messages.success(request, _("%(who)s är inbjuden.") % {"who": user.email})
            return redirect("accounts:register")
    return _page(request, status=400, invite_form=form)


def _membership(pk: int) -> Membership:
    membership = Membership.objects.select_related("user", "organisation").filter(pk=pk).first()
    if membership is None:
        raise Http404
    return membership


@login_required
@require_POST
def membership_role(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request)
    membership = _membership(pk)
    form = RoleForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError(_("Välj en roll ur listan."))
        services.membership_change_role(membership=membership, role=form.cleaned_data["role"], acting_user=request.user)
        messages.success(request, _("Rollen är ändrad."))
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect("accounts:register")


@login_required
@require_POST
def membership_end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The person keeps their account and history; only this organisation's membership ends."""
    _require(request)
    membership = _membership(pk)
    try:
        services.membership_delete(membership=membership, acting_user=request.user)
        messages.success(request, _("Medlemskapet är avslutat. Personens historik finns kvar."))
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect("accounts:register")


def _organisation(pk: int) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise Http404
    return organisation


@login_required
@require_POST
def organisation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request)
    organisation = _organisation(pk)
    form = OrganisationForm(request.POST, auto_id=f"org{pk}_%s")
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("accounts:register")
    return post_and_redirect(
        request,
        lambda: services.organisation_update(organisation=organisation, acting_user=request.user, **form.cleaned_data),
        done=_("Organisationen är ändrad."),
        to=reverse("accounts:register"),
    )


@login_required
@require_POST
def organisation_active(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Deactivate (history kept, no new members) or reactivate; `active` is "1" or "0"."""
    _require(request)
    organisation = _organisation(pk)
    active = request.POST.get("active") == "1"
    return post_and_redirect(
        request,
        lambda: organisations.organisation_set_active(
            organisation=organisation, active=active, acting_user=request.user
        ),
        done=_("Organisationen är aktiv igen.") if active else _("Organisationen är inaktiverad."),
        to=reverse("accounts:register"),
    )


@login_required
@require_POST
def organisation_merge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Merge the duplicate `pk` into the organisation chosen in the form."""
    _require(request)
    removed = _organisation(pk)
    form = MergeForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError(_("Välj en aktiv organisation att behålla."))
        kept = form.cleaned_data["kept"]
        moved = organisations.organisation_merge(removed=removed, kept=kept, acting_user=request.user)
        messages.success(
            request,
            _("%(removed)s är sammanslagen med %(kept)s (%(n)d rader flyttade).")
            % {"removed": removed.name, "kept": kept.name, "n": sum(moved.values())},
        )
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect("accounts:register")
