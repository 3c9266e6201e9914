"""The work table's rows come from a per-process cache keyed by everything a row shows
(`casework/templatetags/work_rows.py`): the cached HTML is the include's HTML, a reader never gets
another reader's row (their rights on it differ, so do the keys), and a changed value is shown at once."""

from __future__ import annotations

import re

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.urls import reverse

from tests.factories import FollowUpFactory, MeasureFactory, OrganisationFactory, ProblemFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.casework.models import Measure
from tryggsam.casework.selectors import work_table_lines, work_tables
from tryggsam.casework.templatetags import work_rows
from tryggsam.core.models import Classification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    work_rows._row_html.cache_clear()
    yield
    work_rows._row_html.cache_clear()


def _rows(html: str) -> dict[str, str]:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", html)  # masked anew per answer
    parts = re.split(r'<tr id="row-', html)[1:]
    return {part.split('"', 1)[0]: part.split("</tr>", 1)[0] for part in parts}


def _page(client, user, forum) -> str:
    client.force_login(user)
    response = client.get(reverse("forums:detail", args=[forum.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def rows(partnership, district_admin, police):
    problem = ProblemFactory(forum=partnership, owner_organisation=district_admin, title="Torget: stök")
    first = MeasureFactory(
        problem=problem,
        title="Trygghetsvandring <kväll>",
        participants_text="Föreningar",
        responsible_organisation=district_admin,
        classification=Classification.INTERNAL,
    )
    first.participating_organisations.add(police)
    FollowUpFactory(measure=first, text="Genomförd & bra")
    MeasureFactory(problem=problem, title="Belysning", next_follow_up=None, responsible_text="Gatukontoret")
    ProblemFactory(forum=partnership, owner_organisation=district_admin, title="Utan åtgärd")
    return problem


def test_cached_row__is_the_includes_html(rows, coordinator, police_member, partnership):
    for user in (coordinator, police_member):
        table_rows = [r for t in work_tables(user, forum=partnership) for r in t.rows]
        cached = [r for r in table_rows if work_rows.cacheable(r)]
        assert len(cached) == 2
        for row in cached:
            expected = render_to_string("casework/_row.html", {"row": row})
            assert work_rows._row_html(work_rows._shown(row)) == expected
            assert work_rows._row_html(work_rows._shown(row)) == expected  # and from the cache
    assert work_rows._row_html.cache_info().hits >= 4


def test_two_readers_with_different_rights__get_their_own_rows(client, rows, coordinator, partnership):
    police_member = user_with_role(Role.MEMBER, OrganisationFactory(name="Bostadsbolaget"))  # reads, no rights
    editor_page = _rows(_page(client, coordinator, partnership))
    reader_warm = _rows(_page(client, police_member, partnership))  # the editor's rows are in the cache
    assert work_rows._row_html.cache_info().currsize > 0
    work_rows._row_html.cache_clear()
    reader_cold = _rows(_page(client, police_member, partnership))
    assert reader_warm == reader_cold
    measure = Measure.objects.get(title="Trygghetsvandring <kväll>")
    edit_url = reverse("casework:measure_edit", args=[measure.pk])
    assert edit_url in editor_page[f"m{measure.pk}"]
    assert edit_url not in reader_warm[f"m{measure.pk}"]
    assert "Trygghetsvandring &lt;kväll&gt;" in reader_warm[f"m{measure.pk}"]


def test_a_changed_value__is_shown_from_a_warm_cache(client, rows, coordinator, partnership):
    measure = Measure.objects.get(title="Belysning")
    assert "Belysning" in _page(client, coordinator, partnership)
    Measure.objects.filter(pk=measure.pk).update(title="Ny belysning", responsible_text="Fastighetskontoret")
    page = _rows(_page(client, coordinator, partnership))[f"m{measure.pk}"]
    assert "Ny belysning" in page and "Fastighetskontoret" in page
    FollowUpFactory(measure=measure, text="Lamporna uppsatta")
    assert "Lamporna uppsatta" in _rows(_page(client, coordinator, partnership))[f"m{measure.pk}"]


def test_a_row_with_the_add_form__is_not_cached(client, rows, coordinator, partnership):
    page = _page(client, coordinator, partnership)
    empty = [html for key, html in _rows(page).items() if key.startswith("p")]
    assert len(empty) == 1 and "csrf" in empty[0]
    assert work_rows._row_html.cache_info().currsize == 2  # the two measures' rows only


def test_work_rows__a_table_is_its_rows_one_after_the_other(rows, coordinator, partnership):
    """`{% work_rows table.rows %}` renders what `{% work_row row %}` renders for each row, in order."""
    template = engines["django"].from_string("{% load work_rows %}{% for row in rows %}{% work_row row %}{% endfor %}")
    whole = engines["django"].from_string("{% load work_rows %}{% work_rows rows %}")
    tables = [t for t in work_table_lines(coordinator, forum=partnership) if t.rows]
    assert tables
    for table in tables:
        assert whole.render({"rows": table.rows}) == template.render({"rows": table.rows})


def test_work_tables__an_empty_table_says_so(client, coordinator, partnership):
    page = _page(client, coordinator, partnership)
    assert page.count("Inga rader ännu.") == 2
