"""Start-up stays light (issue 17, item 6): every management command pays for `django.setup()` and the
server for the URL configuration, so the libraries that cost a large part of a second each (numpy and
shapely, statsmodels/scipy/pandas, openpyxl, python-docx, WeasyPrint, Pillow, icalendar, DuckDB, the
PDF reader) are imported by the functions that use them, never when a module is imported. Each case
runs in a fresh interpreter; the times are in `bench/startup.py`, not here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

HEAVY = (
    "numpy",
    "shapely",
    "statsmodels",
    "scipy",
    "pandas",
    "openpyxl",
    "docx",
    "weasyprint",
    "PIL",
    "icalendar",
    "duckdb",
    "pypdfium2",
)

PROGRAM = """
import importlib, json, sys
import django
django.setup()
if sys.argv[1] == "urls":
    from django.conf import settings
    importlib.import_module(settings.ROOT_URLCONF)
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def _loaded(stage: str, settings_module: str) -> set[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module}
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM, stage], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("settings_module", ["tryggsam.config.settings.development", "tryggsam.config.settings.test"])
@pytest.mark.parametrize("stage", ["setup", "urls"])
def test_startup__imports_no_heavy_library(stage: str, settings_module: str) -> None:
    loaded = _loaded(stage, settings_module)
    assert "django" in loaded and "tryggsam" in loaded
    assert sorted(loaded & set(HEAVY)) == []
