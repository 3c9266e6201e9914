"""Upload, review and save archive documents (coordinators only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from tryggsam.accounts import permissions
from tryggsam.accounts.http import AuthenticatedHttpRequest
from tryggsam.core.errors import ServiceError
from tryggsam.documents import batches, staging
from tryggsam.documents.errors import UnreadableDocument
from tryggsam.documents.forms import CorrectionForm, UploadForm
from tryggsam.documents.forum_saving import is_generic_forum_name
from tryggsam.documents.matching import best_match
from tryggsam.documents.models import ImportBatch
from tryggsam.documents.parsing.kinds import KIND_LABELS
from tryggsam.documents.personal_data import masked_file_name
from tryggsam.documents.saving import document_save
from tryggsam.documents.selectors import (
    forums_for_matching,
    imported_documents_visible_to,
    importing_organisation,
    meeting_forums_for_import,
)
from tryggsam.forums.models import ForumKind
from tryggsam.meetings.models import AttendanceStatus


def _require_coordinator(request: HttpRequest) -> None:
    if not permissions.can_manage_collaboration(request.user):
        raise PermissionDenied


def _review_entry(request: HttpRequest, token: str) -> dict:
    path = staging.staged_path(request.session, token)
    kept = staging.staged_result(request.session, token)
    if path is None or kept is None:
        raise Http404
    name = masked_file_name(path.name)[0]
    if "error" in kept:
        return {"token": token, "name": name, "error": kept["error"]}
    data = kept["data"]
    meeting = data.get("meeting") or {}
    form = CorrectionForm(
        initial={
            "token": token,
            "title": data.get("title"),
            "forum": data.get("forum"),
            "date": meeting.get("date"),
            "start": meeting.get("start"),
            "end": meeting.get("end"),
            "location": meeting.get("location"),
        },
        prefix=token,
        work_tables=data.get("work_tables"),
        forums=meeting_forums_for_import(request.user),
        kind=data.get("kind"),
    )
    unsure = [form[name].label for name, _t, _r in form.status_rows if not form.fields[name].initial]
    if unsure:  # shown with the other things to check, not stored
        data = {
            **data,
            "warnings": [
                *data.get("warnings", []),
                *(
                    _("%(field)s: texten avgör inte statusen; den ändras inte om du inte väljer en.") % {"field": label}
                    for label in unsure
                ),
            ],
        }
    rows = sum(len(t["rows"]) for t in data.get("work_tables") or [])
    statuses = dict(AttendanceStatus.choices)
    attendees = [{**a, "status": statuses.get(a.get("status"), a.get("status"))} for a in data.get("attendees") or []]
    forum_name = data.get("forum") or ""
    return {
        "forum_match": best_match(
            forum_name,
            forums_for_matching(request.user, importing_organisation(request.user)).exclude(kind=ForumKind.PARTNERSHIP),
        )
        if forum_name
        else None,
        "forum_generic": bool(forum_name) and is_generic_forum_name(forum_name),
        "token": token,
        "name": name,
        "data": data,
        "lines": (kept.get("review") or {}).get("lines") or {},
        "unread": (kept.get("review") or {}).get("unread") or [],
        "kind": KIND_LABELS.get(str(data.get("kind")), data.get("kind")),
        "saves_as": SAVES_AS.get(str(data.get("kind")), SAVES_AS["other"]),
        "attendees": attendees,
        "presence_unknown": sum(1 for a in data.get("attendees") or [] if not a.get("status")),
        "form": form,
        "work_table_rows": rows,
    }


# What the extraction's document kinds and the saved record types are called in the messages.
# What saving a document of each kind produces, said on the review screen before the user saves.
SAVES_AS = {
    "minutes": _lazy("Sparas som forumets möte med närvaro, punkter och beslut (ett passerat möte justeras)."),
    "agenda": _lazy("Sparas som forumets möte med dess dagordning."),
    "action_plan": _lazy("Sparas som ett utkast till åtgärdsplan med fokusområdena."),
    "citizen_promise": _lazy(
        "Sparas som ett utkast till medborgarlöfte med löftena, aktörernas aktiviteter och perioden."
    ),
    "agreement": _lazy(
        "Sparas som samverkansöverenskommelse med fokusområdena, om några lästes; annars bara dokumentet."
    ),
    "other": _lazy("Bara dokumentet sparas; inga andra poster skapas ur det."),
}
RECORD_LABELS = {
    "meeting": (_lazy("möte"), _lazy("möten")),
    "attendance": (_lazy("närvarorad"), _lazy("närvarorader")),
    "agendaitem": (_lazy("punkt"), _lazy("punkter")),
    "decision": (_lazy("beslut"), _lazy("beslut")),
    "problem": (_lazy("problem"), _lazy("problem")),
    "measure": (_lazy("åtgärd"), _lazy("åtgärder")),
    "followup": (_lazy("uppföljning"), _lazy("uppföljningar")),
    "forum": (_lazy("forum"), _lazy("forum")),
    "actionplan": (_lazy("åtgärdsplan"), _lazy("åtgärdsplaner")),
    "focusarea": (_lazy("fokusområde"), _lazy("fokusområden")),
    "importeddocument": (_lazy("dokument"), _lazy("dokument")),
    "citizen_promise": (_lazy("medborgarlöfte"), _lazy("medborgarlöften")),
}


def _created_text(created: dict[str, int]) -> str:
    parts = []
    for key, n in sorted(created.items()):
        one, many = RECORD_LABELS.get(key, (key, key))
        parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts) or "–"


@login_required
def archive(request: HttpRequest) -> HttpResponse:
    """Upload files, then review what was read from each before saving it."""
    _require_coordinator(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        for upload in form.cleaned_data["documents"]:
            staging.stage(request.session, upload)
        return redirect("documents:archive")
    entries = [_review_entry(request, token) for token in staging.staged_tokens(request.session)]
    imported = imported_documents_visible_to(request.user)[:20]
    forums = meeting_forums_for_import(request.user).order_by("name").values_list("name", flat=True)
    context = {"form": form, "entries": entries, "imported": imported, "forum_names": list(forums)}
    return render(request, "documents/archive.html", context)


@login_required
@require_POST
def confirm(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    _require_coordinator(request)
    path = staging.staged_path(request.session, token)
    if path is None:
        raise Http404
    shown = masked_file_name(path.name)[0]  # messages are kept in the session
    kept = staging.staged_result(request.session, token) or {}
    kept_data = kept.get("data") or {}
    form = CorrectionForm(
        request.POST,
        prefix=token,
        work_tables=kept_data.get("work_tables"),
        forums=meeting_forums_for_import(request.user),
        kind=kept_data.get("kind"),
    )
    if not form.is_valid():
        messages.error(
            request,
            _("%(name)s: rättelserna är inte giltiga: %(errors)s") % {"name": shown, "errors": form.errors.as_text()},
        )
        return redirect("documents:archive")
    try:
        if "error" in kept:
            raise UnreadableDocument(kept["error"])
        data = form.apply(kept["data"])
        result = document_save(path=path, data=data, actor=request.user)
    except (UnreadableDocument, ServiceError) as exc:
        messages.error(request, _("%(name)s: %(error)s") % {"name": shown, "error": exc})
        return redirect("documents:archive")
    staging.discard(request.session, token)
    for warning in result.warnings:
        if warning not in data["warnings"]:  # the preview showed the others; e.g. masked corrections
            messages.warning(request, _("%(name)s: %(warning)s") % {"name": shown, "warning": warning})
    if result.already_imported:
        messages.info(request, _("%(name)s är redan importerad; ingenting ändrades.") % {"name": shown})
    else:
        messages.success(
            request, _("%(name)s sparad: %(created)s.") % {"name": shown, "created": _created_text(result.created)}
        )
    return redirect("documents:archive")


@login_required
@require_POST
def discard(request: HttpRequest, token: str) -> HttpResponse:
    _require_coordinator(request)
    staging.discard(request.session, token)
    return redirect("documents:archive")


@login_required
@require_POST
def batch_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_coordinator(request)
    if not staging.staged_tokens(request.session):
        messages.error(request, _("Det finns inga uppladdade filer att importera."))
        return redirect("documents:archive")
    batch = batches.batch_start(actor=request.user, session=request.session)
    return redirect("documents:batch", pk=batch.pk)


@login_required
def batch_progress(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordinator(request)
    batch = ImportBatch.objects.filter(pk=pk, created_by_id=request.user.pk).first()
    if batch is None:
        raise Http404
    template = "documents/_batch.html" if request.headers.get("HX-Request") else "documents/batch.html"
    return render(request, template, {"batch": batch})
