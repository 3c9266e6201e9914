"""An unhandled exception in production leaves its traceback in the server log (stderr), not only a
500 page: production settings, a real settings loader, a view that raises, in a fresh process."""

import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys, types
import django
django.setup()
from django.conf import settings
from django.urls import path

def broken(request):
    raise RuntimeError("trasig vy for loggtestet")

urls = types.ModuleType("raising_urls")
urls.urlpatterns = [path("fel/", broken)]
sys.modules["raising_urls"] = urls
settings.ROOT_URLCONF = "raising_urls"

from django.test import Client
response = Client(raise_request_exception=False).get("/fel/", secure=True)
print("status", response.status_code)
"""


def test_production_logging__an_unhandled_exception_is_logged_with_its_traceback():
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    with tempfile.TemporaryDirectory() as tmp:
        env.update(
            TRYGGSAM_SETTINGS="production",
            DJANGO_SETTINGS_MODULE="tryggsam.config.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="testserver",
            DATABASE_URL=f"sqlite:///{tmp}/db.sqlite3",
        )
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
    assert "status 500" in result.stdout, result.stdout + result.stderr
    assert "Traceback (most recent call last)" in result.stderr, result.stderr
    assert "trasig vy for loggtestet" in result.stderr
    assert "/fel/" in result.stderr
