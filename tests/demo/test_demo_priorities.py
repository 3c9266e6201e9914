"""The demo's prioritisation: the council's list for the last ended tertial (decided in the council
meeting the demo has held), and its page for the demo's coordinator."""

from django.urls import reverse
from django.utils import timezone

from tryggsam.accounts.models import User
from tryggsam.forums.models import Forum, ForumKind
from tryggsam.meetings.models import Meeting
from tryggsam.priorities.models import PriorityList, PriorityStatus
from tryggsam.priorities.periods import last_ended


def test_demo__council_has_a_list_for_the_last_ended_tertial(demo, client):
    council = Forum.objects.get(kind=ForumKind.COUNCIL)
    period = last_ended("tertial", timezone.localdate())
    priority_list = PriorityList.objects.get(council=council, year=period.year, number=period.number)
    assert priority_list.entries.count() == 3
    assert all(e.justification for e in priority_list.entries.all())
    held = Meeting.objects.filter(forum=council, date__lt=timezone.localdate()).exists()
    assert priority_list.status == (PriorityStatus.DECIDED if held else PriorityStatus.DRAFT)
    client.force_login(User.objects.get(email__startswith="samordnare"))
    response = client.get(reverse("priorities:table", args=[council.pk]))
    assert response.status_code == 200 and "Förslag till prioritering" in response.content.decode()
    assert client.get(reverse("priorities:list_detail", args=[priority_list.pk])).status_code == 200
