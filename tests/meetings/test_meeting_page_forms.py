"""The meeting page's forms come when they are opened (issue 12, item 12): the page carries each
agenda item's heading, notes and decisions, and folded sections whose forms (notes, decision, plan,
a new item, a guest) are loaded by htmx, or opened on a page of their own without script. So the
page's weight and its queries do not grow with the register or with the number of items."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ActionPlanFactory, FocusAreaFactory, MeasureFactory, ProblemFactory, UserFactory
from tryggsam.meetings import services
from tryggsam.meetings.models import Decision

HTMX = {"HTTP_HX_REQUEST": "true"}


def _page(client, meeting) -> str:
    response = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_meeting_page__forms_folded_and_loaded_when_opened(client, coordinator, meeting):
    client.force_login(coordinator)
    body = _page(client, meeting)
    for item in meeting.items.all():
        for form in ("anteckningar", "beslut"):
            url = reverse("meetings:item_form", args=[item.pk, form])
            assert f'hx-get="{url}" hx-trigger="toggle once"' in body  # loaded when opened
            assert f'<a href="{url}">' in body  # and reachable without script
    for form in ("punkt", "gast"):
        url = reverse("meetings:meeting_form", args=[meeting.pk, form])
        assert f'hx-get="{url}"' in body and f'<a href="{url}">' in body
    assert "Spara beslutet" not in body and "Spara anteckningarna" not in body
    main = body.split("<main")[1].split("</main>")[0]
    assert "<select" not in main and "<textarea" not in main  # no form's fields, no choices
    assert 'name="position"' in body  # moving an item stays one submit


def test_item_form__htmx_fragment_posts_in_place(client, coordinator, meeting):
    client.force_login(coordinator)
    item = meeting.items.get(number="3.1")
    response = client.get(reverse("meetings:item_form", args=[item.pk, "beslut"]), **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert f'hx-post="/moten/punkt/{item.pk}/beslut/" hx-target="#item-{item.pk}"' in body
    assert f'id="id_i{item.pk}_decision_text"' in body and "Spara beslutet" in body
    notes = client.get(reverse("meetings:item_form", args=[item.pk, "anteckningar"]), **HTMX).content.decode()
    assert f'action="/moten/punkt/{item.pk}/anteckningar/"' in notes and item.heading in notes


def test_item_form__without_script_a_page_that_posts_as_before(client, coordinator, meeting):
    client.force_login(coordinator)
    item = meeting.items.get(number="3.1")
    body = client.get(reverse("meetings:item_form", args=[item.pk, "beslut"])).content.decode()
    assert "<h1>Beslut under punkt 3.1</h1>" in body and "hx-post" not in body
    assert f'href="/moten/{meeting.pk}/#item-{item.pk}"' in body  # back to the item
    assert f'action="/moten/punkt/{item.pk}/beslut/"' in body
    response = client.post(reverse("meetings:decision_add", args=[item.pk]), {"text": "Kvällspassen fortsätter.", "action": "none"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == f"/moten/{meeting.pk}/#item-{item.pk}"
    assert Decision.objects.get(item=item).text == "Kvällspassen fortsätter."
    guest = client.get(reverse("meetings:meeting_form", args=[meeting.pk, "gast"])).content.decode()
    assert "<h1>Kalla en gäst</h1>" in guest and f'action="/moten/{meeting.pk}/gast/"' in guest
    new_item = client.get(reverse("meetings:meeting_form", args=[meeting.pk, "punkt"])).content.decode()
    assert (
        f'action="/moten/{meeting.pk}/dagordning/ny/"' in new_item and "Platssamverkan Kvarnbacken</option>" in new_item
    )


def test_item_form__refused_to_who_does_not_run_the_meeting_and_after_approval(
    client, coordinator, police_member, chair, meeting
):
    item = meeting.items.get(number="3.1")
    url = reverse("meetings:item_form", args=[item.pk, "beslut"])
    client.force_login(police_member)  # reads the meeting, does not run it
    assert client.get(url).status_code == 403
    assert client.get(reverse("meetings:meeting_form", args=[meeting.pk, "punkt"])).status_code == 403
    client.force_login(UserFactory())  # in no organisation: may not read the meeting
    assert client.get(url, **HTMX).status_code == 404
    client.force_login(coordinator)
    assert client.get(reverse("meetings:item_form", args=[item.pk, "radera"])).status_code == 404
    assert client.get(reverse("meetings:meeting_form", args=[meeting.pk, "okand"])).status_code == 404
    services.meeting_approve(actor=chair, meeting=meeting)
    response = client.get(url)
    assert response.status_code == 409 and "Protokollet är justerat" in response.content.decode()
    assert "Spara beslutet" not in response.content.decode()


def test_item_form__plan_only_while_the_forum_has_a_draft(client, coordinator, meeting, council):
    client.force_login(coordinator)
    item = meeting.items.order_by("position").first()
    url = reverse("meetings:item_form", args=[item.pk, "plan"])
    assert "Forumet har ingen plan att besluta." in client.get(url, **HTMX).content.decode()
    assert "Besluta plan under punkt" not in _page(client, meeting)
    plan = ActionPlanFactory(forum=council, title="Åtgärdsplan 2027", owner_organisation=council.owner_organisation)
    FocusAreaFactory(plan=plan)
    assert "Besluta plan under punkt 1" in _page(client, meeting)
    body = client.get(url, **HTMX).content.decode()
    assert "Åtgärdsplan 2027</option>" in body and f'hx-post="/moten/punkt/{item.pk}/besluta-plan/"' in body


def test_decision_add__htmx_error_shows_the_form_open_with_its_errors(client, coordinator, meeting):
    client.force_login(coordinator)
    item = meeting.items.get(number="3.1")
    response = client.post(
        reverse("meetings:decision_add", args=[item.pk]), {"text": "Ny åtgärd utan problem", "action": "create"}, **HTMX
    )
    body = response.content.decode()
    assert body.startswith(f'<section id="item-{item.pk}"')
    assert '<details class="add-row" open>' in body  # not hidden in a folded section
    assert "Välj vilket problem den nya åtgärden hör till." in body and "Ny åtgärd utan problem</textarea>" in body
    assert "Kvarntorget: klotter på busskuren</option>" in body  # the item's own rows offered again
    assert not Decision.objects.filter(item=item).exists()


def _queries_and_size(client, meeting) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        body = _page(client, meeting)
    return len(captured), body.count("<option")


def test_meeting_page__queries_and_choices_do_not_grow_with_items_or_register(
    client, coordinator, meeting, council, kvarn
):
    client.force_login(coordinator)
    _page(client, meeting)  # caches warmed (sessions, content types)
    before = _queries_and_size(client, meeting)
    for n in range(4):
        services.item_add(actor=coordinator, meeting=meeting, heading=f"Platssamverkan igen {n}", partnership=kvarn)
    for n in range(30):  # the meeting's own forum's rows: formerly offered by every item's form
        MeasureFactory(problem=ProblemFactory(forum=council, title=f"Rådsfråga {n}"), title=f"Rådsåtgärd {n}")
    after = _queries_and_size(client, meeting)
    assert after == before
    assert "Rådsåtgärd" not in _page(client, meeting)
