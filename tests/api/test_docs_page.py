"""The API documentation page is served from our own static files: it names no other host, so it
renders offline and under the CSP (scripts from 'self' only)."""

import re

from django.contrib.staticfiles import finders


def test_docs_page__references_no_external_host(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources, html
    external = [s for s in sources if re.match(r"^(?:[a-z]+:)?//", s)]
    assert external == [], f"docs-sidan hämtar från andra värdar: {external}"
    assert "cdn.jsdelivr" not in html and "unpkg" not in html
    # Every script and stylesheet it names exists among our static files.
    for path in re.findall(r'(?:src|href)="/static/([^"]+)"', html):
        assert finders.find(path), f"saknas bland de statiska filerna: {path}"
    assert '"url": "/api/v1/openapi.json"' in html


def test_docs_page__settings_turn_off_the_remote_validator():
    with open(finders.find("js/api-docs.js"), encoding="utf-8") as script:
        assert "validatorUrl = null" in script.read()
