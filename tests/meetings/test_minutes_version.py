"""The minutes' content version kept per (meeting, audience) (issue 17, item 4): a download whose
meeting nothing was written to since serves the stored file without building the minutes' context;
every audited change of what the minutes show (an agenda item, a decision, a work-table row, a cause,
an item's classification) gives a new version, and the old file is not served; the version computed
from the cache is the one the job computes from the context it renders; two audiences never share a
file."""

from __future__ import annotations

import datetime as dt
import io
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.utils import timezone
from docx import Document

from tests.factories import AreaFactory
from tryggsam.casework.services import measure_update
from tryggsam.causes import services as causes
from tryggsam.core.models import Classification
from tryggsam.incidents.models import Incident, IncidentSource
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.meetings import agenda
from tryggsam.meetings.minutes import generated as minutes_generated
from tryggsam.situation.rollups import add_incidents

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def renders():
    with mock.patch.object(minutes_generated, "render_context", wraps=minutes_generated.render_context) as spy:
        yield spy


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return " ".join([p.text for p in document.paragraphs] + cells)


def _stored(root) -> list[str]:
    return sorted(p.name for p in root.rglob("*") if p.is_file())


def _download(client, meeting):
    response = client.get(f"/moten/{meeting.pk}/minnesanteckningar.docx")
    assert response.status_code == 200
    return response


def _item(meeting, heading_start: str):
    return next(i for i in meeting.items.order_by("position") if i.heading.startswith(heading_start))


def test_minutes_version__a_download_with_nothing_written_does_not_build_the_context(
    client, meeting, police_member, renders
):
    client.force_login(police_member)
    first = _download(client, meeting)
    with mock.patch.object(minutes_generated, "minutes_context", wraps=minutes_generated.minutes_context) as built:
        again = _download(client, meeting)
        assert again.content == first.content
        assert built.call_count == 0
    assert renders.call_count == 1


def _agenda_item(ctx):
    agenda.item_update_notes(
        actor=ctx["coordinator"], item=ctx["item"], notes="Rådet vill ha fler lampor i gångtunneln."
    )
    return "fler lampor i gångtunneln", True


def _decision(ctx):
    agenda.decision_record(actor=ctx["coordinator"], item=ctx["item"], text="Rådet ordnar en kvällsvandring i maj.")
    return "kvällsvandring i maj", True


def _work_table_row(ctx):
    measure_update(
        actor=ctx["coordinator"],
        measure=ctx["work_rows"]["open"],
        expected_version=None,
        title="Sanering på sex timmar",
    )
    return "Sanering på sex timmar", True


def _cause(ctx):
    causes.cause_add(actor=ctx["coordinator"], owner=ctx["problem"], title="Trasig belysning vid kvarnen")
    return "Trasig belysning vid kvarnen", True


def _classification(ctx):
    agenda.item_update_notes(
        actor=ctx["coordinator"],
        item=ctx["item"],
        notes=ctx["item"].notes,
        classification=Classification.RESTRICTED,
    )
    return "Kvarnens egen punkt", False


@pytest.mark.parametrize("change", [_agenda_item, _decision, _work_table_row, _cause, _classification])
def test_minutes_version__an_audited_change_gives_a_new_version_and_the_old_file_is_not_served(
    client,
    meeting,
    coordinator,
    police_member,
    work_rows,
    renders,
    generated_files,
    change,
    django_capture_on_commit_callbacks,
):
    problem = work_rows["open"].problem
    with django_capture_on_commit_callbacks(execute=True):
        item = agenda.item_add(actor=coordinator, meeting=meeting, heading="Kvarnens egen punkt", problem=problem)
        agenda.item_update_notes(actor=coordinator, item=item, notes="Kvarnens egen punkt har anteckningar.")
    client.force_login(police_member)
    before_text = _text(_download(client, meeting).content)
    before = _stored(generated_files)
    assert len(before) == 1 and renders.call_count == 1
    ctx = {"coordinator": coordinator, "item": item, "work_rows": work_rows, "problem": problem}
    with django_capture_on_commit_callbacks(execute=True):
        text, shown = change(ctx)
    assert (text in before_text) is not shown  # the change is what makes the difference
    after = _download(client, meeting)
    assert renders.call_count == 2
    assert (text in _text(after.content)) is shown
    now = _stored(generated_files)
    assert len(now) == 1 and now != before  # the old version is gone, and it is not what was served


def test_minutes_version__two_audiences_never_share_a_file(
    client, meeting, coordinator, police_member, generated_files
):
    client.force_login(police_member)  # the police own the restricted row
    police_text = _text(_download(client, meeting).content)
    client.force_login(coordinator)  # another organisation
    coordinator_text = _text(_download(client, meeting).content)
    client.force_login(police_member)  # served from the cache and storage again: still the police's file
    assert _text(_download(client, meeting).content) == police_text
    assert "Spaning i samverkan med värden" in police_text
    assert "Spaning i samverkan med värden" not in coordinator_text
    police_key = minutes_generated.minutes_version(meeting, police_member, fmt="docx", public=False)
    coordinator_key = minutes_generated.minutes_version(meeting, coordinator, fmt="docx", public=False)
    public_key = minutes_generated.minutes_version(meeting, police_member, fmt="docx", public=True)
    assert len({police_key.audience, coordinator_key.audience, public_key.audience}) == 3
    assert len({police_key.path, coordinator_key.path, public_key.path}) == 3
    assert len(_stored(generated_files)) == 2


def test_minutes_version__the_cached_version_is_the_one_the_job_computes(meeting, coordinator, council):
    """Including the situation summary, computed apart on every download (what incidents change)."""
    area = AreaFactory(name="Norrviken", level="district_area", geometry="")
    council.area = area
    council.save()
    robbery = ensure_default_categories()["robbery"]

    def robberies(days):
        when = timezone.make_aware(dt.datetime.combine(meeting.date - dt.timedelta(days=days), dt.time(21)))
        incident = Incident.objects.create(source=IncidentSource.PARTNER_REPORT, occurred_at=when, district_area=area)
        incident.categories.add(robbery)
        add_incidents([(incident, [robbery.pk])])

    robberies(3)
    contexts = []
    for reader, public in ((AnonymousUser(), True), (coordinator, False)):
        cached = minutes_generated.minutes_version(meeting, reader, fmt="pdf", public=public)
        full, context = minutes_generated.minutes_key(meeting, reader, fmt="pdf", public=public)
        assert cached == full
        contexts.append(context)
    summary = minutes_generated.situation_item(context["items"]).situation
    assert any("Norrviken" in line for line in summary)
    before = minutes_generated.minutes_version(meeting, coordinator, fmt="pdf", public=False)
    robberies(10)  # an incident changes the summary: a new version without any audited write
    after = minutes_generated.minutes_version(meeting, coordinator, fmt="pdf", public=False)
    assert after != before
    assert after == minutes_generated.minutes_key(meeting, coordinator, fmt="pdf", public=False)[0]
