import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import ForumMemberFactory, user_with_role
from tryggsam.accounts.models import Role
from tryggsam.meetings.services import meeting_schedule

pytestmark = pytest.mark.django_db


def test_start_page__shows_next_meeting_of_my_forum(client, coordinator, partnership):
    ForumMemberFactory(forum=partnership, user=coordinator)
    meeting_schedule(
        actor=coordinator,
        forum=partnership,
        date=timezone.localdate() + dt.timedelta(days=9),
        start_time=dt.time(9),
        end_time=dt.time(11),
        location="Stadsdelshuset, rum 4",
    )
    client.force_login(coordinator)
    html = client.get("/").content.decode()
    assert "Stadsdelshuset, rum 4" in html and "kl. 09.00–11.00" in html


def test_admin__only_staff_administrators(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/admin/").status_code == 302
    admin_user = user_with_role(Role.ADMIN)
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200
