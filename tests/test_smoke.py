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


@pytest.mark.django_db
def test_language__swedish_even_for_an_english_browser_until_the_user_switches(client):
    html = client.get(reverse("home:start"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="sv"' in html and "Logga in" in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(reverse("home:start")).content.decode()
    assert 'lang="en"' in html and "Log in" in html


@pytest.mark.django_db
def test_error_pages__swedish_404_and_403(client, police_member):
    response = client.get("/arbete/atgard/999999/")
    assert response.status_code == 404 and "Sidan finns inte" in response.content.decode()  # open measures are public
    response = client.get("/arbete/problem/999999/")
    assert response.status_code == 302  # login first
    client.force_login(police_member)
    response = client.get("/arbete/atgard/999999/")
    assert response.status_code == 404 and "Sidan finns inte" in response.content.decode()
    response = client.get("/granskning/")
    assert response.status_code == 403 and "behörighet" in response.content.decode()
