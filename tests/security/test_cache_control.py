"""Confidential downloads are never kept by a cache (issue 11, finding 21): one middleware marks every
answer to a logged-in user `private, no-store`, so that no download can forget it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from tests.security.world import ACTORS, build_output_world, build_world

MEMBER = next(a for a in ACTORS if a.key == "member@own")


@pytest.fixture
def worlds(db):
    world = build_world()
    return world, build_output_world(world)


def _downloads(world, out) -> dict[str, str]:
    meeting = world.obj("meeting", "internal").pk
    forum = out.forum.pk
    area = f"area={out.district.pk}&start={out.start}&end={out.end}"
    return {
        "protokoll HTML": reverse("meetings:minutes_html", args=[meeting]),
        "protokoll PDF": reverse("meetings:minutes_pdf", args=[meeting]),
        "protokoll DOCX": reverse("meetings:minutes_docx", args=[meeting]),
        "kallelse ICS": reverse("meetings:ics", args=[meeting]),
        "lägesrapport PDF": f"{reverse('situation:report_pdf')}?{area}",
        "lägesrapport DOCX": f"{reverse('situation:report_docx')}?{area}",
        "kartdata": f"{reverse('situation:map_data')}?{area}",
        "lägesbild API": f"{reverse('api:situation')}?area={out.district.pk}&from={out.start}&to={out.end}",
        "åtgärder API": reverse("api:list_measures"),
        "åtgärd API": reverse("api:get_measure", kwargs={"measure_id": world.obj("measure", "internal").pk}),
        "händelser CSV": reverse("incidents:export_csv"),
        "händelser XLSX": reverse("incidents:export_xlsx"),
        "arbetstabell CSV": reverse("casework:work_table_csv", args=[forum]),
        "arbetstabell XLSX": reverse("casework:work_table_xlsx", args=[forum]),
        "lägesbild": f"{reverse('situation:picture')}?{area}",
    }


def test_cache_control__every_confidential_download_is_no_store(client, worlds):
    world, out = worlds
    client.force_login(world.user(MEMBER))
    failures = []
    for label, url in _downloads(world, out).items():
        response = client.get(url)
        assert response.status_code == 200, (label, url, response.status_code)
        if "no-store" not in response.get("Cache-Control", ""):
            failures.append(f"{label} {url}: Cache-Control {response.get('Cache-Control')!r}")
    assert not failures, "\n".join(failures)


def test_private_responses__a_new_view_gets_no_store_for_members_only(rf: RequestFactory, coordinator):
    from tryggsam.core.middleware import PrivateResponsesMiddleware, same_for_everyone

    def new_download(request):  # a view that says nothing about caching
        return HttpResponse(b"%PDF-1.7", content_type="application/pdf")

    middleware = PrivateResponsesMiddleware(new_download)
    request = rf.get("/ny.pdf")
    request.user = coordinator
    assert middleware(request)["Cache-Control"] == "private, no-store"
    request.user = AnonymousUser()
    assert "Cache-Control" not in middleware(request)  # the public only ever gets what is open

    cached = PrivateResponsesMiddleware(
        same_for_everyone(lambda r: HttpResponse(headers={"Cache-Control": "max-age=60"}))
    )
    request.user = coordinator
    assert cached(request)["Cache-Control"] == "max-age=60"  # public reference data, marked as such


def test_private_responses__the_boundaries_stay_cacheable(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("places:boundaries"))["Cache-Control"] == "max-age=3600"
