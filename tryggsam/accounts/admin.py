"""The admin for users, organisations and memberships. Every save and delete goes through the
services in `services.py`, which check the policy and write the audit row (old and new values) in
the same transaction; the admin's own log is not the record of who changed a role."""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.forms import BaseModelForm
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from tryggsam.accounts import services, two_factor
from tryggsam.accounts.actors import Actor, SystemActor
from tryggsam.accounts.http import signed_in
from tryggsam.accounts.models import Membership, Organisation, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


def _set_by_the_admin_view(acting_user: Actor | None) -> Actor:
    """The admin view sets the request's user on the form before saving; a form saved without one
    is refused rather than saved by nobody."""
    if not isinstance(acting_user, User | SystemActor):
        raise PermissionDenied
    return acting_user


class AuditedAdminPasswordChangeForm(AdminPasswordChangeForm):
    """The admin's set-password form, saving through the audited service as `acting_user`."""

    acting_user: Actor | None = None

    def save(self, commit: bool = True) -> Any:
        if not commit:
            return super().save(commit=False)
        password = self.cleaned_data["password1"] if self.cleaned_data.get("set_usable_password", True) else None
        return services.user_set_password(
            user=self.user,
            acting_user=_set_by_the_admin_view(self.acting_user),
            password=password,
            note=str(_("Lösenord satt av administratör")),
        )


def _adopt(target: Any, saved: Any) -> None:
    """The admin keeps working with its own instance; give it the row the service saved."""
    target.pk = saved.pk
    target._state.adding = False
    target._state.db = saved._state.db


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["full_name"]
    list_display = ["email", "full_name", "title", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("full_name", "title", "phone")}),
        ("Behörighet", {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)
    inlines = [MembershipInline]
    actions = ["disable_two_factor"]

    @admin.action(description=_("Stäng av tvåstegsverifiering (tappad telefon)"))
    def disable_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            two_factor.totp_disable(user=user, actor=signed_in(request))

    def save_model(self, request: HttpRequest, obj: User, form: BaseModelForm, change: bool) -> None:
        if not change:
            fields = {f: getattr(obj, f) for f in services.USER_FIELDS if f not in {"email", "full_name"}}
            created = services.user_create(
                acting_user=signed_in(request),
                email=obj.email,
                full_name=obj.full_name,
                password=form.cleaned_data.get("password1") or None,
                **fields,
            )
            _adopt(obj, created)
            obj.password = created.password
            return
        changed = {f: getattr(obj, f) for f in form.changed_data if f in services.USER_FIELDS}
        services.user_update(user=obj, acting_user=signed_in(request), **changed)

    def delete_model(self, request: HttpRequest, obj: User) -> None:
        services.user_delete(user=obj, acting_user=signed_in(request))

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        # A copy per request carries the acting administrator into the form (thread-safe).
        per_request = copy.copy(self)
        per_request.change_password_form = type(
            "PasswordForm", (AuditedAdminPasswordChangeForm,), {"acting_user": request.user}
        )
        return BaseUserAdmin.user_change_password(per_request, request, id, form_url)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            services.user_delete(user=user, acting_user=signed_in(request))

    @transaction.atomic
    def save_formset(self, request: HttpRequest, form: BaseModelForm, formset: BaseInlineFormSet, change: bool) -> None:
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        formset.save(commit=False)
        for membership in formset.deleted_objects:
            services.membership_delete(membership=membership, acting_user=signed_in(request))
        for membership, changed in formset.changed_objects:
            if "organisation" in changed or "user" in changed:
                stored = Membership.objects.get(pk=membership.pk)
                services.membership_delete(membership=stored, acting_user=signed_in(request))
                created = services.membership_create(
                    user=membership.user,
                    organisation=membership.organisation,
                    role=membership.role,
                    acting_user=signed_in(request),
                )
                _adopt(membership, created)
            elif "role" in changed:
                services.membership_change_role(
                    membership=membership, role=membership.role, acting_user=signed_in(request)
                )
        for membership in formset.new_objects:
            created = services.membership_create(
                user=form.instance,
                organisation=membership.organisation,
                role=membership.role,
                acting_user=signed_in(request),
            )
            _adopt(membership, created)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]

    def save_model(self, request: HttpRequest, obj: Organisation, form: BaseModelForm, change: bool) -> None:
        fields = {f: getattr(obj, f) for f in services.ORGANISATION_FIELDS}
        if not change:
            name = fields.pop("name")
            _adopt(obj, services.organisation_create(acting_user=signed_in(request), name=name, **fields))
            return
        changed = {f: fields[f] for f in form.changed_data if f in fields}
        services.organisation_update(organisation=obj, acting_user=signed_in(request), **changed)

    def delete_model(self, request: HttpRequest, obj: Organisation) -> None:
        services.organisation_delete(organisation=obj, acting_user=signed_in(request))

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        for organisation in queryset:
            services.organisation_delete(organisation=organisation, acting_user=signed_in(request))


# Devices change only through the two-factor services (audited); django-otp's own admin would edit
# and show them directly.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
