import pytest
from django.test import override_settings

from tests.accounts.two_factor_helpers import enable, next_code
from tests.factories import user_with_role
from tryggsam.accounts.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_with_device():
    admin = user_with_role(Role.ADMIN, email="chef@exempel.se", is_superuser=True)
    return admin, enable(admin)


def test_admin_login__posting_the_password_creates_no_session(client, admin_with_device):
    """Finding 6: /admin/login/ took the password only and its session was valid everywhere."""
    admin, _device = admin_with_device
    response = client.post("/admin/login/", {"username": admin.email, "password": "losenord-123", "next": "/admin/"})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")
    assert client.get("/admin/").status_code == 302
    assert client.get("/forum/").context["user"].is_anonymous


def test_admin_login__goes_through_the_login_with_the_second_factor(client, admin_with_device):
    admin, device = admin_with_device
    login_page = client.get("/admin/login/?next=/admin/")
    assert login_page["Location"] == "/konto/logga-in/?next=%2Fadmin%2F"
    client.post("/konto/logga-in/", {"username": admin.email, "password": "losenord-123", "next": "/admin/"})
    assert client.post("/konto/logga-in/kod/", {"code": next_code(device)})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@override_settings(TRYGGSAM_REQUIRE_2FA=True)
def test_admin_login__admin_who_must_enrol_gets_no_admin_session_from_the_password(client):
    admin = user_with_role(Role.ADMIN, email="ny-chef@exempel.se", is_superuser=True)
    client.post("/admin/login/", {"username": admin.email, "password": "losenord-123", "next": "/admin/"})
    assert "_auth_user_id" not in client.session
    client.post("/konto/logga-in/", {"username": admin.email, "password": "losenord-123", "next": "/admin/"})
    assert client.get("/admin/")["Location"] == "/konto/tvastegsverifiering/"  # enrol first, then the admin
