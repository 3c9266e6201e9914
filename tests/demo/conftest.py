import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker) -> Iterator[str]:
    """Load the demo from the real ../shared data once per module (importing the districts takes a
    few seconds) inside a transaction that is rolled back when the module is done. Each test still
    runs in its own savepoint through the `db` fixture."""
    if not Path(settings.SHARED_DIR, "data", "geo").is_dir():
        pytest.fail(f"../shared saknas ({settings.SHARED_DIR}); demotesterna läser riktiga data därifrån")
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output, db) -> str:
    return demo_output
