"""Open311 GeoReport v2 for residents' tips: existing reporting apps send tips to TryggSam and read
their status without custom code (https://wiki.open311.org/GeoReport_v2).

- `GET services.json`: the active incident categories as services (no extra attributes).
- `POST requests.json` (form-encoded): a tip through the same form and the same service as the web
  tip form (`ResidentTipForm`, `other_sources.resident_tip`): the same limits per address, the same
  masking of personal data, the same audit. No `api_key` is needed: the web form takes anonymous tips
  too; a key that is sent is ignored. `first_name`, `last_name`, `phone`, `device_id` and
  `account_id` are not stored (tips are anonymous); `email` is kept only for the answers, as on the web.
- `GET requests/<id>.json` and `GET requests.json?service_request_id=…`: the status that the public
  status page shows (`tips.tip_status`): open/closed and `status_notes`, never the description nor the
  point. There is no list of all tips: tips are internal, so a request without ids is refused. Every
  look-up counts against the address's limit; an unknown id and a malformed one get the same answer.
- Errors in the spec's shape, `[{"code": 400, "description": "…"}]`, in Swedish. Only JSON: a `.xml`
  URL gets 400 "Endast JSON stöds".
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import parse_qsl

from django.core.exceptions import RequestDataTooBig
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from tryggsam.core.errors import ServiceError
from tryggsam.core.http import client_address
from tryggsam.incidents import other_sources, tips
from tryggsam.incidents.forms import ResidentTipForm
from tryggsam.incidents.models import IncidentCategory

MAX_IDS = 10
MAX_FIELDS = 50
FIELD_NAMES = {"category": "service_code", "text": "description", "place_text": "address_string", "lat": "lat"}
FIELD_NAMES |= {"lon": "long", "email": "email"}


def _error(status: int, description: str) -> JsonResponse:
    return JsonResponse([{"code": status, "description": description}], status=status, safe=False)


def _only_json(fmt: str) -> JsonResponse | None:
    if fmt != "json":
        return _error(400, _("Endast JSON stöds: använd adresser som slutar på .json."))
    return None


def _services() -> QuerySet[IncidentCategory]:
    return IncidentCategory.objects.filter(active=True).order_by("position", "name")


@require_GET
def services(request: HttpRequest, fmt: str) -> JsonResponse:
    refused = _only_json(fmt)
    if refused:
        return refused
    rows = [
        {
            "service_code": category.code,
            "service_name": category.name,
            "description": _("Tips om %(name)s") % {"name": category.name.lower()},
            "metadata": False,
            "type": "realtime",
            "keywords": "",
            "group": _("Trygghet"),
        }
        for category in _services()
    ]
    return JsonResponse(rows, safe=False)


def _form_fields(request: HttpRequest) -> dict[str, str] | JsonResponse:
    """The posted fields, read strictly: a body that is not UTF-8 or not form-encoded, too large or
    with too many fields is refused with a Swedish error (Django would replace bad bytes silently)."""
    content_type = request.content_type or ""
    try:
        body = request.body
    except RequestDataTooBig:
        return _error(400, _("Förfrågan är för stor."))
    if content_type == "multipart/form-data":  # some clients send a photo this way; it is not kept
        values = {name: request.POST.get(name, "") for name in request.POST}
        if any("\ufffd" in value for value in values.values()):
            return _error(400, _("Förfrågan måste vara kodad i UTF-8."))
        return values
    if content_type not in ("application/x-www-form-urlencoded", ""):
        return _error(400, _("Skicka fälten formulärkodade (application/x-www-form-urlencoded)."))
    try:
        pairs = parse_qsl(
            body.decode("utf-8"), keep_blank_values=True, encoding="utf-8", errors="strict", max_num_fields=MAX_FIELDS
        )
    except UnicodeDecodeError:
        return _error(400, _("Förfrågan måste vara kodad i UTF-8."))
    except ValueError:
        return _error(400, _("Förfrågan har för många fält."))
    return dict(pairs)


def _form_error(form: ResidentTipForm) -> str:
    parts = []
    for name, errors in form.errors.items():
        label = FIELD_NAMES.get(name)
        text = " ".join(str(error) for error in errors)
        parts.append(f"{label}: {text}" if label else text)
    return " ".join(parts)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def requests_(request: HttpRequest, fmt: str) -> JsonResponse:
    refused = _only_json(fmt)
    if refused:
        return refused
    if request.method == "GET":
        return _lookup(request, request.GET.get("service_request_id", ""))
    fields = _form_fields(request)
    if isinstance(fields, JsonResponse):
        return fields
    code = fields.get("service_code", "").strip()
    if not code:
        return _error(400, _("service_code: Ange vilken tjänst (kategori) tipset gäller."))
    category = _services().filter(code=code[:50]).first()
    if category is None:
        return _error(400, _("service_code: Okänd tjänst. Se services.json för de koder som finns."))
    lat, lon = fields.get("lat", "").strip(), fields.get("long", "").strip()
    if bool(lat) != bool(lon):
        return _error(400, _("lat/long: Ange både lat och long, eller ingen av dem."))
    if not lat and not fields.get("address_string", "").strip():
        return _error(400, _("Ange platsen: lat och long, eller address_string."))
    form = ResidentTipForm(
        {
            "category": str(category.pk),
            "place_text": fields.get("address_string", ""),
            "lat": lat,
            "lon": lon,
            "text": fields.get("description", ""),
            "email": fields.get("email", ""),
        }
    )
    if not form.is_valid():
        return _error(400, _form_error(form))
    data = form.cleaned_data
    try:
        incident = other_sources.resident_tip(
            category=data["category"],
            text=data["text"],
            place_text=data["place_text"],
            lat=data["lat"],
            lon=data["lon"],
            address=client_address(request),
            email=data["email"],
        )
    except tips.TipLimitError as exc:
        return _error(429, str(exc))
    except ServiceError as exc:
        return _error(400, str(exc))
    reference = incident.tip_receipt.reference
    notice = _("Tack för tipset! Referensnummer %(reference)s. Namn och telefonnummer sparas inte.") % {
        "reference": reference
    }
    return JsonResponse(
        [{"service_request_id": reference, "service_notice": notice, "account_id": None}], status=201, safe=False
    )


@require_GET
def request_detail(request: HttpRequest, service_request_id: str, fmt: str) -> JsonResponse:
    refused = _only_json(fmt)
    if refused:
        return refused
    return _lookup(request, service_request_id, single=True)


def _timestamp(value: dt.datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def _row(status: tips.TipStatus) -> dict[str, Any]:
    """One service request as GeoReport v2 describes it, with only what the public status page shows:
    no description, no point, no address."""
    notes = " ".join(part for part in (status.label + ".", status.detail, status.answer) if part)
    return {
        "service_request_id": status.reference,
        "status": "closed" if status.closed else "open",
        "status_notes": notes,
        "service_code": status.category_code,
        "service_name": status.category_name,
        "agency_responsible": status.organisation,
        "service_notice": "",
        "requested_datetime": _timestamp(status.received_at),
        "updated_datetime": _timestamp(status.updated_at),
    }


def _lookup(request: HttpRequest, ids: str, *, single: bool = False) -> JsonResponse:
    wanted = [part.strip() for part in ids[:200].split(",") if part.strip()]
    if not wanted:
        return _error(
            400, _("service_request_id: Ange referensnumret för tipset. Listor över alla tips lämnas inte ut.")
        )
    if len(wanted) > MAX_IDS:
        return _error(400, _("service_request_id: Högst %(n)d referensnummer åt gången.") % {"n": MAX_IDS})
    rows = []
    try:
        for reference in wanted:
            found = tips.tip_status(reference=reference, address=client_address(request))
            if found is not None:
                rows.append(_row(found))
    except tips.TipLimitError as exc:
        return _error(429, str(exc))
    if single and not rows:
        return _error(404, _("Det finns inget tips med det referensnumret."))
    return JsonResponse(rows, safe=False)
