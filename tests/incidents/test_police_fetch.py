"""Fetching the feed over HTTP, against a local server on 127.0.0.1 (no network): the recorded sample,
an HTTP error, malformed JSON and a server too slow for the timeout. A failed fetch changes nothing."""

import contextlib
import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from tryggsam.audit.models import AuditEvent
from tryggsam.incidents.jobs import fetch_police_events_job
from tryggsam.incidents.models import Incident
from tryggsam.incidents.police_import import USER_AGENT, import_police_source


class FeedServer:
    """Serves one canned response per path; records the User-Agent of each request."""

    def __init__(self, sample: bytes):
        self.user_agents: list[str] = []
        routes = {
            "/api/events": (200, sample, 0.0),
            "/error": (500, b"Internal Server Error", 0.0),
            "/broken": (200, sample[: len(sample) // 2], 0.0),
            "/slow": (200, sample, 2.0),
        }
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.user_agents.append(self.headers.get("User-Agent", ""))
                status, body, delay = routes.get(self.path, (404, b"", 0.0))
                time.sleep(delay)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"


@pytest.fixture
def feed(police_sample_path):
    server = FeedServer(police_sample_path.read_bytes())
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def state() -> tuple[int, int]:
    return Incident.objects.count(), AuditEvent.objects.count()


def test_import_police_source__over_http(db, feed, police_sample):
    result = import_police_source(feed.url("/api/events"))
    assert not result.fatal
    assert result.read == len(police_sample) and result.created == len(police_sample) - result.rejected
    assert Incident.objects.count() == result.created
    assert feed.user_agents == [USER_AGENT]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/error", "HTTP-status 500"),
        ("/broken", "inte giltig JSON"),
        ("/slow", "inget svar inom 0.5 sekunder"),
        ("/saknas", "HTTP-status 404"),
    ],
)
def test_import_police_source__failure_changes_nothing(db, feed, caplog, path, message):
    before = state()
    with caplog.at_level(logging.ERROR, logger="tryggsam.incidents.police"):
        result = import_police_source(feed.url(path), timeout=0.5)
    assert result.fatal and result.created == 0
    assert len(result.errors) == 1 and message in result.errors[0]
    assert any(message in r.getMessage() for r in caplog.records)
    assert state() == before


def test_import_police_events__command_exit_code_2_on_http_error(db, feed):
    out = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import_police_events", feed.url("/error"), "--json", stdout=out)
    assert exc.value.returncode == 2
    printed = json.loads(out.getvalue())
    assert printed["read"] == 0 and "HTTP-status 500" in printed["errors"][0]
    assert Incident.objects.count() == 0


def test_fetch_police_events_job__reads_url_from_settings(db, feed, police_sample):
    with override_settings(POLICE_EVENTS_URL=feed.url("/api/events")):
        first = fetch_police_events_job()
        second = fetch_police_events_job()
    assert first["created"] == len(police_sample) - first["rejected"]
    assert second["created"] == 0 and second["duplicates"] == first["created"]
