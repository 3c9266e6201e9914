"""Production: secrets and hosts must come from the environment; HTTPS everywhere."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
if SECRET_KEY.startswith("dev-only"):  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY måste sättas i miljön i produktion.")
if len(SECRET_KEY) < 50:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY måste vara minst 50 tecken lång i produktion.")
TRYGGSAM_PRODUCTION = True

SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
TRYGGSAM_REQUIRE_2FA = os.environ.get("TRYGGSAM_REQUIRE_2FA", "1") == "1"
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# Persistent database connections: a new connection per request costs ~40 % of the throughput on
# PostgreSQL. Django checks a reused connection before the request (health checks), so a restarted
# database costs one failed check, not an error page.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
# The situation query reads a few thousand roll-up rows by index in about a millisecond; a parallel
# plan for it costs 20+ ms of worker start-up on a small host (issue 17). Parallel query stays off on
# PostgreSQL unless the host is large enough to want it (TRYGGSAM_PG_PARALLEL=1).
_postgresql = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"  # noqa: F405
if _postgresql and os.environ.get("TRYGGSAM_PG_PARALLEL", "0") != "1":
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = (_options.get("options", "") + " -c max_parallel_workers_per_gather=0").strip()
