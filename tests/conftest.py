from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import ForumFactory, MeasureFactory, OrganisationFactory, ProblemFactory, user_with_role
from tryggsam.accounts.models import OrganisationKind, Role

SHARED = Path(settings.SHARED_DIR)


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.fail(f"../shared saknas ({SHARED}); testerna läser riktiga data därifrån")
    return SHARED


@pytest.fixture
def district_admin(db):
    return OrganisationFactory(name="Stadsdelsförvaltningen", kind=OrganisationKind.DISTRICT_ADMINISTRATION)


@pytest.fixture
def police(db):
    return OrganisationFactory(name="Lokalpolisområdet", kind=OrganisationKind.POLICE)


@pytest.fixture
def coordinator(district_admin):
    return user_with_role(Role.COORDINATOR, district_admin, full_name="Sam Ordnare")


@pytest.fixture
def police_member(police):
    return user_with_role(Role.MEMBER, police, full_name="Kim Kommunpolis")


@pytest.fixture
def partnership(db):
    return ForumFactory(name="Platssamverkan Torget")


@pytest.fixture
def measure(partnership, district_admin):
    problem = ProblemFactory(forum=partnership, owner_organisation=district_admin, title="Torget: stök på kvällar")
    return MeasureFactory(problem=problem, title="Gemensam kvällsnärvaro", responsible_organisation=district_admin)


@pytest.fixture(autouse=True)
def generated_files(tmp_path_factory, settings) -> Path:
    """Each test keeps its generated documents (core.generated) in a folder of its own."""
    root = tmp_path_factory.mktemp("generated")
    settings.TRYGGSAM_GENERATED_ROOT = str(root)
    return root
