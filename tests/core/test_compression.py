"""HTML and JSON are compressed for clients that accept it (Django's GZip, with its BREACH padding)."""

from __future__ import annotations

import gzip

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/lagesbild/bild/", "/api/v1/openapi.json"])
def test_pages_and_json_are_gzipped_when_accepted(client, url: str) -> None:
    plain = client.get(url)
    packed = client.get(url, headers={"accept-encoding": "gzip"})
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert len(packed.content) < len(plain.content)
    assert len(gzip.decompress(packed.content)) > 0
