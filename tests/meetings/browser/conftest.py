"""Reuse the browser fixtures of tests/browser (system Chromium through Playwright; skipped without it)."""

from tests.browser.conftest import browser, console, log_in, page, shot  # noqa: F401
