"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Playwright cannot download browsers here, so the system Chromium is used; without it every browser
test is skipped with a reason that shows in ``-ra`` output. Screenshots of each step are written to
``test-artifacts/browser/`` (gitignored) for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SKIP_REASON = "Chromium saknas: installera Debians paket chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
PASSWORD = "losenord-123"  # UserFactory's password


def chromium_path() -> str | None:
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """One Chromium for all browser tests, stopped when they are done.

    Playwright's sync API keeps an asyncio loop running in the test thread while it is started, so
    Django refuses ORM calls made there (fixtures, assertions) unless DJANGO_ALLOW_ASYNC_UNSAFE is
    set. Both are confined to this package: scoped to the whole session, the running loop and the
    variable would reach every later test (and `manage.py check --deploy` in a subprocess fails on
    the variable)."""
    executable = chromium_path()
    if executable is None:
        pytest.skip(SKIP_REASON)
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
            try:
                yield chromium
            finally:
                chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@dataclass
class Console:
    """Everything the page said on its console, plus uncaught errors."""

    messages: list[str] = field(default_factory=list)

    @property
    def csp_violations(self) -> list[str]:
        return [m for m in self.messages if "Content Security Policy" in m]

    @property
    def errors(self) -> list[str]:
        return [m for m in self.messages if m.startswith(("error:", "pageerror:"))]


@pytest.fixture
def console() -> Console:
    return Console()


def _new_page(browser: Any, console: Console, **context_options: Any) -> Any:
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm", **context_options)
    context.set_default_timeout(5_000)
    page = context.new_page()
    page.on("console", lambda msg: console.messages.append(f"{msg.type}: {msg.text} [{page.url}]"))
    page.on("pageerror", lambda exc: console.messages.append(f"pageerror: {exc}"))
    in_flight: set[Any] = set()
    page.on("request", lambda request: in_flight.add(request))
    page.on("requestfinished", lambda request: in_flight.discard(request))
    page.on("requestfailed", lambda request: in_flight.discard(request))
    page.in_flight = in_flight
    return page


def _close(page: Any) -> None:
    """Close the page once no request of it is still on the live server: a request cut off at
    teardown holds the in-memory database while the test database is flushed, and the flush fails.
    Quiet means nothing in flight for 200 ms: a fragment swapped in by the test's last step may start
    its own request a moment later (htmx's `hx-trigger="load"` after the settle), which a single look
    finds not yet begun."""
    quiet = 0
    for _ in range(600):  # at most ~30 s (a loaded machine serves a heavy fragment slowly)
        quiet = 0 if page.in_flight else quiet + 1
        if quiet >= 4:
            break
        page.wait_for_timeout(50)
    page.context.close()


@pytest.fixture
def page(browser: Any, console: Console, live_server: Any) -> Iterator[Any]:
    """A desktop-size page in a fresh browser context (own cookies), Swedish locale."""
    page = _new_page(browser, console, viewport={"width": 1280, "height": 900})
    yield page
    _close(page)


@pytest.fixture
def phone_page(browser: Any, console: Console, live_server: Any) -> Iterator[Any]:
    """A phone-size page: 375 x 740 CSS pixels, touch, as on a small Android phone."""
    page = _new_page(browser, console, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    yield page
    _close(page)


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Callable[[Any, str], Path]:
    """``shot(page, "step")`` saves a full-page screenshot as test-artifacts/browser/<test>-NN-<step>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    test_name = re.sub(r"[^A-Za-z0-9_-]+", "-", request.node.name).strip("-")
    for old in ARTIFACTS.glob(f"{test_name}-*.png"):
        old.unlink()
    counter = iter(range(1, 100))

    def take(page: Any, step: str) -> Path:
        path = ARTIFACTS / f"{test_name}-{next(counter):02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def log_in(live_server: Any) -> Callable[[Any, Any], None]:
    """Log in through the real login form, the way a person does."""

    def do(page: Any, user: Any) -> None:
        page.goto(f"{live_server.url}/konto/logga-in/")
        page.get_by_label("E-postadress").fill(user.email)
        page.get_by_label("Lösenord").fill(PASSWORD)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url(f"{live_server.url}/")

    return do
