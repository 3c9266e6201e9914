import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_settings__check_deploy_reports_nothing():
    result = _manage(
        "check",
        "--deploy",
        TRYGGSAM_SETTINGS="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="tryggsam.example.se",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings__refuse_the_development_secret_key():
    result = _manage("check", TRYGGSAM_SETTINGS="production")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_settings_name__unknown_value_is_refused():
    result = _manage("check", TRYGGSAM_SETTINGS="staging")
    assert result.returncode != 0
    assert "TRYGGSAM_SETTINGS" in (result.stderr + result.stdout)


def test_production_settings__refuse_a_short_secret_key():
    result = _manage("check", TRYGGSAM_SETTINGS="production", SECRET_KEY="kort-men-inte-dev-" + "x" * 20)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "50 tecken" in result.stderr


def test_load_demo__refuses_to_run_with_production_settings(tmp_path):
    database = tmp_path / "produktion.sqlite3"
    result = _manage(
        "load_demo",
        TRYGGSAM_SETTINGS="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="tryggsam.example.se",
        DATABASE_URL=f"sqlite:///{database}",
    )
    assert result.returncode == 2, result.stderr
    assert "produktionsinställningarna" in result.stderr
    assert not database.exists() or database.stat().st_size == 0  # nothing was written


def _shell(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "TRYGGSAM_MAP_TILES"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_map_tiles__openstreetmap_by_default_with_attribution_and_only_its_host_in_the_csp():
    code = (
        "from django.conf import settings as s;"
        "print(s.TRYGGSAM_MAP_TILES); print(s.TRYGGSAM_MAP_ATTRIBUTION);"
        "print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    result = _shell(code)
    assert result.returncode == 0, result.stderr
    tiles, attribution, img_src = result.stdout.strip().splitlines()
    assert tiles == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert "OpenStreetMap" in attribution
    assert "https://tile.openstreetmap.org" in img_src and "*" not in img_src.replace("'", "")


def test_map_tiles__off_with_one_setting():
    result = _shell(
        "from django.conf import settings as s; print(repr(s.TRYGGSAM_MAP_TILES));"
        "print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])",
        TRYGGSAM_MAP_TILES="",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "''"
    assert "openstreetmap" not in result.stdout


def _production_database(database_url: str, **env: str) -> dict:
    """The production settings' database entry for a URL, read in a fresh process."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "d = settings.DATABASES['default']; "
        "print(json.dumps({k: d.get(k) for k in ('CONN_MAX_AGE', 'CONN_HEALTH_CHECKS', 'OPTIONS')}))"
    )
    environment = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "CONN_MAX_AGE"}}
    environment.update(
        TRYGGSAM_SETTINGS="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="tryggsam.example.se",
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="tryggsam.config.settings.production",
        **env,
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings__persistent_connections_with_health_checks(tmp_path):
    database = _production_database(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
    assert "max_parallel" not in str(database["OPTIONS"])


def test_production_settings__postgresql_without_parallel_query_unless_asked():
    url = "postgres://u:p@127.0.0.1:5432/x"
    assert "max_parallel_workers_per_gather=0" in _production_database(url)["OPTIONS"]["options"]
    assert "options" not in _production_database(url, TRYGGSAM_PG_PARALLEL="1")["OPTIONS"]
    assert _production_database(url, CONN_MAX_AGE="0")["CONN_MAX_AGE"] == 0
