"""The members' pages of the statutory documents: the list per council, a new draft, the written
sections, the preview (the draft built live as the reader, or the frozen decided version), the
DOCX/PDF, the decision under an agenda item, the next version and publishing. Thin: one selector or
service each; the policy decides what is offered and allowed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tryggsam.accounts import permissions
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.core.post_views import form_saved, post_and_redirect
from tryggsam.statutory import render as rendering
from tryggsam.statutory import selectors, services
from tryggsam.statutory.forms import CreateForm, DecideForm, TextsForm
from tryggsam.statutory.models import DocumentKind, StatutoryDocument

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _editable(request: AuthenticatedHttpRequest, pk: int) -> StatutoryDocument:
    document = selectors.document_for(request.user, pk)
    if not permissions.can_edit_statutory_document(request.user, document):
        raise PermissionDenied
    return document


@login_required
@require_http_methods(["GET", "POST"])
def document_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    can_write = permissions.can_write_statutory_documents(request.user)
    form = CreateForm(request.POST or None, user=request.user) if can_write else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        created: list[StatutoryDocument] = []
        if form.is_valid() and form_saved(
            form, lambda: created.append(services.document_create(actor=request.user, **form.cleaned_data))
        ):
            messages.success(request, _("Utkastet är skapat. Skriv de egna avsnitten och förhandsgranska."))
            return redirect("statutory:detail", pk=created[0].pk)
    context = {
        "groups": selectors.documents_by_council(request.user),
        "form": form,
        "nav": "statutory",
    }
    return render(request, "statutory/list.html", context, status=400 if form is not None and form.errors else 200)


@login_required
@require_GET
def document_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_for(request.user, pk)
    can_edit = permissions.can_edit_statutory_document(request.user, document)
    items = selectors.decision_items(request.user, document) if can_edit else []
    context: dict[str, Any] = {
        "document": document,
        "newer": selectors.next_version(request.user, document),
        "can_edit": can_edit,
        "can_publish": can_edit and permissions.can_publish_statutory_document(document),
        "decide_form": DecideForm(items=items) if items else None,
        "nav": "statutory",
        **rendering.template_context(selectors.content_for(request.user, document)),
    }
    return render(request, "statutory/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_texts(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document = _editable(request, pk)
    fields = ["summary", "conclusions"] + (["risk_factors"] if document.kind == DocumentKind.SITUATION else [])
    form = TextsForm(request.POST or None, initial={name: getattr(document, name) for name in fields})
    for name in set(form.fields) - {*fields, "mask_personal_data"}:
        del form.fields[name]
    if request.method == "POST" and form.is_valid():
        texts = {name: form.cleaned_data[name] for name in fields}
        if form_saved(form, lambda: services.document_write(actor=request.user, document=document, **texts)):
            messages.success(request, _("Texterna är sparade."))
            return redirect("statutory:detail", pk=document.pk)
    return render(
        request,
        "statutory/texts.html",
        {"document": document, "form": form, "nav": "statutory"},
        status=400 if form.is_bound else 200,
    )


def _file(snapshot: dict[str, Any], fmt: str, *, public: bool) -> HttpResponse:
    with translation.override("sv"):
        body = rendering.document_docx(snapshot) if fmt == "docx" else rendering.document_pdf(snapshot)
    response = HttpResponse(body, content_type=DOCX if fmt == "docx" else "application/pdf")
    name = slugify(f"{snapshot['title']}-v{snapshot['version']}")[:80] or "styrdokument"
    response["Content-Disposition"] = f'attachment; filename="{name}{"-offentlig" if public else ""}.{fmt}"'
    if not public:
        response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def document_file(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    document = selectors.document_for(request.user, pk)
    return _file(selectors.content_for(request.user, document), fmt, public=False)


@login_required
@require_POST
def document_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document = _editable(request, pk)
    form = DecideForm(request.POST, items=selectors.decision_items(request.user, document))
    back = reverse("statutory:detail", args=[document.pk])
    if not form.is_valid():
        errors = [str(e) for errs in form.errors.values() for e in errs]
        messages.error(request, " ".join(errors) or _("Välj en punkt på dagordningen."))
        return redirect(back)
    item = selectors.decision_item_for(request.user, document, form.cleaned_data["item"])
    return post_and_redirect(
        request,
        lambda: services.document_decide(
            actor=request.user, document=document, item=item, text=form.cleaned_data["text"]
        ),
        done=_("Dokumentet är beslutat och låst. Beslutet står i mötets protokoll."),
        to=back,
    )


@login_required
@require_POST
def document_new_version(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document = _editable(request, pk)
    drafts: list[StatutoryDocument] = []
    response = post_and_redirect(
        request,
        lambda: drafts.append(services.document_new_version(actor=request.user, document=document)),
        done=_("En ny version är skapad som utkast."),
        to=reverse("statutory:detail", args=[document.pk]),
    )
    return redirect("statutory:detail", pk=drafts[0].pk) if drafts else response


@login_required
@require_POST
def document_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document = _editable(request, pk)
    return post_and_redirect(
        request,
        lambda: services.document_publish(actor=request.user, document=document),
        done=_("Den offentliga versionen är publicerad."),
        to=reverse("statutory:detail", args=[document.pk]),
    )


# --- the public version ----------------------------------------------------------------------------


@require_GET
def public_document(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.published_document(request.user, pk)
    context = {"document": document, **rendering.template_context(document.public_snapshot or {})}
    return render(request, "statutory/public.html", context)


@require_GET
def public_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    document = selectors.published_document(request.user, pk)
    return _file(document.public_snapshot or {}, fmt, public=True)
