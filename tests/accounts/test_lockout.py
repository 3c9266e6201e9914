import pytest
from django.test import override_settings

from tests.factories import user_with_role
from tryggsam.accounts.models import Role

pytestmark = pytest.mark.django_db
OFFICE = "192.0.2.10"  # a town hall's NAT: everyone comes from one address


def _try(client, email, password, address=OFFICE):
    return client.post("/konto/logga-in/", {"username": email, "password": password}, REMOTE_ADDR=address)


@override_settings(AXES_ENABLED=True)
def test_lockout__by_user_and_address_together(client, coordinator):
    """Finding 8: five failures locked every user behind the same address out for 15 minutes."""
    colleague = user_with_role(Role.MEMBER, email="kollega@exempel.se")
    for _ in range(5):
        _try(client, coordinator.email, "fel-losenord")
    assert _try(client, colleague.email, "losenord-123").status_code == 302  # a colleague still logs in
    client.logout()
    locked = _try(client, coordinator.email, "losenord-123")
    assert locked.status_code == 429
    assert "För många inloggningsförsök" in locked.content.decode()
    assert _try(client, coordinator.email.upper(), "losenord-123").status_code == 429  # same account
    assert _try(client, coordinator.email, "losenord-123", address="198.51.100.7").status_code == 302
