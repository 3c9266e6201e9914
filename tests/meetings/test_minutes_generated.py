"""The minutes as DOCX and PDF served from what was generated off the request path (issue 17, item 4):
a stored current version is served without rendering, a changed meeting gets a new job and its old
file is removed, a reader who may see less never gets the file of one who may see more, and while a
job runs the download answers at once with a page that shows its progress."""

from __future__ import annotations

import io
from unittest import mock

import pytest
from docx import Document

from tryggsam.core import generated
from tryggsam.meetings.minutes import generated as minutes_generated

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    return " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)


def _stored(root) -> list[str]:
    return sorted(p.name for p in root.rglob("*") if p.is_file())


@pytest.fixture
def renders():
    """Counts the renderings (the expensive part: WeasyPrint or python-docx)."""
    with mock.patch.object(minutes_generated, "render_context", wraps=minutes_generated.render_context) as spy:
        yield spy


def test_minutes_generated__stored_current_version_is_served_without_rendering(
    client, meeting, police_member, renders, generated_files
):
    client.force_login(police_member)
    url = f"/moten/{meeting.pk}/minnesanteckningar.docx"
    first = client.get(url)
    assert first.status_code == 200 and renders.call_count == 1
    second = client.get(url)
    assert second.status_code == 200 and second.content == first.content
    assert renders.call_count == 1  # served from storage
    assert len(_stored(generated_files)) == 1


def test_minutes_generated__changed_content_starts_a_job_and_removes_the_old_version(
    client, meeting, police_member, coordinator, renders, generated_files, django_capture_on_commit_callbacks
):
    from tryggsam.meetings.agenda import item_update_notes

    client.force_login(police_member)
    url = f"/moten/{meeting.pk}/minnesanteckningar.docx"
    client.get(url)
    before = _stored(generated_files)
    item = meeting.items.order_by("position").first()
    with django_capture_on_commit_callbacks(execute=True):  # an audited write, as in the UI
        item_update_notes(
            actor=coordinator, item=item, notes="Rådet beslutade att sätta upp fler lampor vid gångtunneln."
        )
    after = client.get(url)
    assert renders.call_count == 2
    assert "fler lampor vid gångtunneln" in " ".join(p.text for p in Document(io.BytesIO(after.content)).paragraphs)
    now = _stored(generated_files)
    assert len(now) == 1 and now != before  # the old version is gone


def test_minutes_generated__less_access_never_gets_the_more_privileged_file(
    client, meeting, police_member, coordinator, renders, generated_files
):
    url = f"/moten/{meeting.pk}/minnesanteckningar.docx"
    client.force_login(police_member)  # the police own the restricted row
    assert "Spaning i samverkan med värden" in _text(client.get(url).content)
    client.force_login(coordinator)  # another organisation: may not read it
    served = client.get(url)
    assert served.status_code == 200
    assert "Spaning i samverkan med värden" not in _text(served.content)
    assert "Fältgruppen går kvällspass" in _text(served.content)
    assert renders.call_count == 2  # rendered for the coordinator's own audience
    assert len(_stored(generated_files)) == 2


def test_minutes_generated__same_audience_and_content_share_one_file(client, meeting, police_member, renders):
    from tests.factories import user_with_role
    from tryggsam.accounts.models import Role

    colleague = user_with_role(Role.MEMBER, police_member.memberships.first().organisation, full_name="Kim Kollega")
    url = f"/moten/{meeting.pk}/minnesanteckningar.docx"
    client.force_login(police_member)
    client.get(url)
    client.force_login(colleague)
    assert client.get(url).status_code == 200
    assert renders.call_count == 1


def test_minutes_generated__a_running_job_shows_progress_then_the_link(client, meeting, police_member):
    client.force_login(police_member)
    url = f"/moten/{meeting.pk}/minnesanteckningar.pdf"
    with mock.patch("django_q.tasks.async_task") as queued:  # the cluster has not taken the job yet
        response = client.get(url)
        again = client.get(url)
    assert response.status_code == 202
    assert queued.call_count == 1  # the second download found the running job
    page = response.content.decode()
    assert "Dokumentet skapas" in page and 'hx-trigger="every 1s"' in page
    assert again.status_code == 202
    status_url = response.context["status_url"]
    assert "Dokumentet skapas" in client.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    generated.run_job(*queued.call_args.args[1:])  # the cluster runs it
    ready = client.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    assert "Dokumentet är klart" in ready and url in ready
    served = client.get(url)
    assert served.status_code == 200 and served.content.startswith(b"%PDF")


def test_minutes_generated__a_failed_job_says_so(client, meeting, police_member):
    client.force_login(police_member)
    url = f"/moten/{meeting.pk}/minnesanteckningar.docx"
    with mock.patch.object(minutes_generated, "render_context", side_effect=OSError("disk")):
        response = client.get(url)
    assert response.status_code == 202
    status = client.get(response.context["status_url"]).content.decode()
    assert "kunde inte skapas" in status and "Försök igen" in status
    assert client.get(url).status_code == 200  # trying again renders


def test_minutes_generated__status_asks_the_policy(client, meeting, police_member, restricted_reader):
    client.force_login(police_member)
    with mock.patch("django_q.tasks.async_task"):
        status_url = client.get(f"/moten/{meeting.pk}/minnesanteckningar.pdf").context["status_url"]
    client.force_login(restricted_reader)
    assert client.get(status_url).status_code == 404
    client.logout()
    assert client.get(status_url).status_code == 302
    client.force_login(police_member)
    assert client.get(status_url.replace("v=", "v=../")).status_code == 404


@pytest.fixture
def restricted_reader(meeting, school):
    """A reporter of an organisation outside the collaboration's reading of an internal meeting."""
    from tests.factories import UserFactory

    return UserFactory(full_name="Utan Medlemskap")
