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


def test_openapi__every_operation_has_a_swedish_summary(client, db):
    """The docs page lists every operation by its summary: none may fall back to the function's name."""
    schema = client.get("/api/v1/openapi.json").json()
    operations = [(path, method, op) for path, ops in schema["paths"].items() for method, op in ops.items()]
    assert len(operations) >= 16
    for path, method, op in operations:
        summary = op.get("summary", "")
        assert summary and "_" not in summary, f"{method.upper()} {path}: {summary!r}"
        assert any(ch in summary.lower() for ch in "åäö") or " " in summary, f"{method.upper()} {path}: {summary!r}"
