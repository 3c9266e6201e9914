import io

import pytest
from django.core.management import call_command

from tryggsam.casework.models import Measure, Problem
from tryggsam.demo.places import FALLBACK_DISTRICTS
from tryggsam.forums.models import Forum, ForumKind
from tryggsam.places.models import Area, AreaAlias, AreaLevel


@pytest.fixture
def no_shared(settings, tmp_path):
    """A fresh machine: SHARED_DIR points at an empty directory."""
    settings.SHARED_DIR = tmp_path
    return tmp_path


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_load_demo__without_shared_data_invents_a_small_district(no_shared):
    output = load()
    assert "Demodata skapad" in output
    district_area = Area.objects.get(level=AreaLevel.DISTRICT_AREA)
    districts = Area.objects.filter(level=AreaLevel.DISTRICT)
    assert set(districts.values_list("name", flat=True)) == set(FALLBACK_DISTRICTS)
    assert all(d.parent == district_area and d.geometry and d.centroid_lat for d in districts)
    assert AreaAlias.objects.filter(name="F/V/H").count() == 3
    for forum in Forum.objects.filter(kind=ForumKind.PARTNERSHIP):
        assert forum.area is not None
        assert Problem.objects.filter(forum=forum).count() >= 10
        assert Measure.objects.filter(problem__forum=forum).count() >= 10


@pytest.mark.django_db
def test_load_demo__without_shared_data_is_idempotent(no_shared):
    load()
    areas, problems = Area.objects.count(), Problem.objects.count()
    assert "finns redan" in load()
    assert (Area.objects.count(), Problem.objects.count()) == (areas, problems)


@pytest.mark.django_db
def test_load_demo__dry_run_saves_nothing(no_shared):
    output = load("--dry-run")
    assert "ingenting sparades" in output
    assert not Area.objects.exists() and not Forum.objects.exists()
