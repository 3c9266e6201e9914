"""Our CSP middleware gives every response the headers django-csp's own would give (it only builds the
unchanged policy once per process)."""

import pytest
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.decorators import csp_exempt, csp_update
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory

from tryggsam.core.middleware import ContentSecurityPolicyMiddleware


def _plain(request):
    return HttpResponse("x")


def _with_nonce(request):
    return HttpResponse(f"<script nonce='{request.csp_nonce}'>")


@csp_update({"img-src": ["https://example.org"]})
def _updated(request):
    return HttpResponse("x")


@csp_exempt()
def _exempt(request):
    return HttpResponse("x")


def _has_header(request):
    response = HttpResponse("x")
    response[HEADER] = "default-src 'none'"
    return response


def _not_found(request):
    return HttpResponse("x", status=404)


def _headers(middleware_class, view, path="/"):
    request = RequestFactory().get(path)
    response = middleware_class(view)(request)
    return {h: response.get(h) for h in (HEADER, HEADER_REPORT_ONLY)}


VIEWS = [_plain, _with_nonce, _updated, _exempt, _has_header, _not_found]


@pytest.mark.parametrize("view", VIEWS)
def test_csp_middleware__same_headers_as_django_csp(view):
    assert _headers(ContentSecurityPolicyMiddleware, view) == _headers(CSPMiddleware, view)
    if view is _plain:
        assert "default-src 'self'" in _headers(ContentSecurityPolicyMiddleware, view)[HEADER]


@pytest.mark.parametrize("view", VIEWS)
def test_csp_middleware__same_headers_with_report_only_debug_and_excluded_paths(view, settings):
    settings.DEBUG = True
    settings.CONTENT_SECURITY_POLICY = {
        **settings.CONTENT_SECURITY_POLICY,
        "EXCLUDE_URL_PREFIXES": ["/undantag/"],
    }
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    for path in ("/", "/undantag/sida"):
        assert _headers(ContentSecurityPolicyMiddleware, view, path) == _headers(CSPMiddleware, view, path)
    ours = _headers(ContentSecurityPolicyMiddleware, _plain)
    assert ours[HEADER_REPORT_ONLY] == "default-src 'none'"  # the changed settings, not the kept policy


def test_csp_middleware__a_nonce_asked_after_the_response_is_refused():
    request = RequestFactory().get("/")
    ContentSecurityPolicyMiddleware(_plain)(request)
    with pytest.raises(Exception, match="csp_nonce"):
        str(request.csp_nonce)
