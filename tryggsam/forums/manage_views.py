"""Keeping the collaboration structure in the UI: coordinators create, edit, archive and restore
forums (council, working groups, place partnerships, networks) and keep their members."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tryggsam.accounts import permissions
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.core.errors import ServiceError, refusal_text
from tryggsam.core.post_views import post_and_redirect
from tryggsam.forums import selectors, services
from tryggsam.forums.forms import ArchiveForm, ForumForm, ForumMemberForm, MemberRoleForm
from tryggsam.forums.models import Forum, ForumMember


def _managed_forum(request: HttpRequest, pk: int) -> Forum:
    forum = selectors.forum_for(request.user, pk)
    if not permissions.can_manage_forum(request.user, forum):
        raise PermissionDenied
    return forum


def _form_page(request: HttpRequest, form: ForumForm, forum: Forum | None, error: str = "") -> HttpResponse:
    return render(
        request,
        "forums/form.html",
        {
            "form": form,
            "forum": forum,
            "error": error,
            "tiles": settings.TRYGGSAM_MAP_TILES,
            "attribution": settings.TRYGGSAM_MAP_ATTRIBUTION,
            "nav": "forums",
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def forum_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_manage_collaboration(request.user):
        raise PermissionDenied
    form = ForumForm(request.POST or None, user=request.user, initial={"kind": request.GET.get("typ", "")})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            forum = services.forum_create(actor=request.user, **data)
        except (ServiceError, ValidationError) as exc:
            return _form_page(request, form, None, refusal_text(exc))
        messages.success(request, _("Forumet %(name)s är skapat.") % {"name": forum.name})
        return redirect("forums:detail", pk=forum.pk)
    return _form_page(request, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def forum_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    forum = _managed_forum(request, pk)
    initial = {
        "name": forum.name,
        "kind": forum.kind,
        "purpose": forum.purpose,
        "cadence": forum.cadence,
        "parent": forum.parent,
        "area": forum.area,
        "places": list(forum.places.all()),
        "description": forum.description,
        "classification": forum.classification,
        "owner_organisation": forum.owner_organisation,
    }
    form = ForumForm(request.POST or None, user=request.user, forum=forum, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        places = data.pop("places")
        try:
            services.forum_update(actor=request.user, forum=forum, places=places, **data)
        except (ServiceError, ValidationError) as exc:
            forum.refresh_from_db()
            return _form_page(request, form, forum, refusal_text(exc))
        messages.success(request, _("Forumet är sparat."))
        return redirect("forums:detail", pk=forum.pk)
    return _form_page(request, form, forum)


@login_required
@require_POST
def forum_archive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    forum = _managed_forum(request, pk)
    form = ArchiveForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError(
                _("Skälet kunde inte sparas: %(e)s") % {"e": " ".join(str(e) for e in form.errors.get("reason", []))}
            )
        services.forum_archive(actor=request.user, forum=forum, reason=form.cleaned_data["reason"])
        messages.success(request, _("Forumet är arkiverat. Det finns kvar under Arkiverade forum."))
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect("forums:detail", pk=forum.pk)


@login_required
@require_POST
def forum_restore(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    forum = _managed_forum(request, pk)
    return post_and_redirect(
        request,
        lambda: services.forum_restore(actor=request.user, forum=forum),
        done=_("Forumet är aktivt igen."),
        to=reverse("forums:detail", args=[forum.pk]),
    )


@login_required
@require_POST
def member_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    forum = _managed_forum(request, pk)
    form = ForumMemberForm(request.POST)
    if not form.is_valid():
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, _("Medlemmen kunde inte läggas till: %(e)s") % {"e": " ".join(errors)})
        return _to_members(forum)
    return post_and_redirect(
        request,
        lambda: services.forum_member_add(actor=request.user, forum=forum, **form.cleaned_data),
        done=_("Medlemmen är tillagd."),
        to=reverse("forums:detail", args=[forum.pk]) + "#medlemmar",
    )


def _to_members(forum: Forum) -> HttpResponse:
    return redirect(reverse("forums:detail", args=[forum.pk]) + "#medlemmar")


def _managed_member(request: HttpRequest, pk: int) -> ForumMember:
    member = ForumMember.objects.select_related("forum", "user", "organisation").filter(pk=pk).first()
    if member is None or not permissions.can_view(request.user, member.forum):
        raise Http404
    if not permissions.can_manage_forum(request.user, member.forum):
        raise PermissionDenied
    return member


@login_required
@require_POST
def member_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = _managed_member(request, pk)
    form = MemberRoleForm(request.POST)
    if form.is_valid():
        services.forum_member_update(actor=request.user, member=member, **form.cleaned_data)
        messages.success(request, _("Medlemmens roll är sparad."))
    else:
        messages.error(request, _("Rollen kunde inte sparas: välj en roll ur listan."))
    return _to_members(member.forum)


@login_required
@require_POST
def member_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = _managed_member(request, pk)
    forum = member.forum
    services.forum_member_remove(actor=request.user, member=member)
    messages.success(request, _("%(who)s är inte längre med i forumet.") % {"who": member.user or member.organisation})
    return _to_members(forum)
