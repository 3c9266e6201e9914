"""The demo's council areas have populations of our own ("inskrivet", the year before the demo's today),
so its prioritisation table shows rates per 1 000 inhabitants and states the population's year."""

import io

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tryggsam.accounts.models import User
from tryggsam.forums.models import Forum, ForumKind
from tryggsam.places.models import AreaLevel, AreaPopulation, PopulationSource


def test_demo__council_areas_have_entered_populations(demo):
    council = Forum.objects.get(kind=ForumKind.COUNCIL)
    year = timezone.localdate().year - 1
    assert AreaPopulation.objects.filter(area=council.area, year=year).exists()
    districts = AreaPopulation.objects.filter(area__parent=council.area, area__level=AreaLevel.DISTRICT)
    assert districts.count() >= 7
    assert set(AreaPopulation.objects.values_list("source", flat=True)) == {PopulationSource.ENTERED}


def test_demo__loading_again_adds_no_population(demo):
    count = AreaPopulation.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert AreaPopulation.objects.count() == count


def test_demo__priority_table_shows_rates_with_the_populations_year(demo, client):
    council = Forum.objects.get(kind=ForumKind.COUNCIL)
    client.force_login(User.objects.get(email__startswith="samordnare"))
    text = client.get(reverse("priorities:table", args=[council.pk])).content.decode()
    year = timezone.localdate().year - 1
    assert "Per 1 000 invånare" in text and f"invånare {year}, inskrivet" in text
