import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_start_page__anonymous_sees_public_page(client):
    response = client.get(reverse("home:start"))
    assert response.status_code == 200
    assert "Logga in" in response.content.decode()


@pytest.mark.django_db
def test_start_page__coordinator_sees_sections(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("home:start"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mina uppföljningar" in html and "Mina forum" in html and "Senaste ändringar" in html
