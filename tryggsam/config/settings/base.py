"""Settings shared by every environment. Everything that differs between machines comes from the
environment: DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, TRYGGSAM_SETTINGS."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[3]
PACKAGE_DIR = BASE_DIR / "tryggsam"

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]

INSTALLED_APPS = [
    "tryggsam.accounts.admin_apps.TryggSamAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "tryggsam.core",  # before django_q: its `qcluster` command is the one that runs (core/management)
    "django_q",
    "tryggsam.accounts",
    "tryggsam.audit",
    "tryggsam.places",
    "tryggsam.forums",
    "tryggsam.casework",
    "tryggsam.plans",
    "tryggsam.meetings",
    "tryggsam.incidents",
    "tryggsam.situation",
    "tryggsam.crimestats",
    "tryggsam.causes",
    "tryggsam.goals",
    "tryggsam.effects",
    "tryggsam.priorities",
    "tryggsam.statutory",
    "tryggsam.privacy",
    "tryggsam.documents",
    "tryggsam.public",
    "tryggsam.home",
    "tryggsam.demo",
    "tryggsam.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (which serves static files pre-compressed), before anything that writes the body.
    # Django's GZip adds random bytes to each response against BREACH, and CSRF tokens are masked.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tryggsam.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tryggsam.core.middleware.PrivateResponsesMiddleware",
    "tryggsam.core.middleware.ContentSecurityPolicyMiddleware",  # django-csp's, the policy built once
    "tryggsam.core.middleware.RefuseNulBytesMiddleware",
    "axes.middleware.AxesMiddleware",
    "tryggsam.accounts.middleware.RequireTwoFactorMiddleware",
    "tryggsam.accounts.middleware.ResolvedUserMiddleware",
]

ROOT_URLCONF = "tryggsam.config.urls"
WSGI_APPLICATION = "tryggsam.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "transaction_mode": "IMMEDIATE"}
    )

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "tryggsam.accounts.backends.StaffModelBackend",  # model permissions of the database: staff only
]
PASSWORD_HASHERS = [
    "tryggsam.accounts.hashers.Argon2idHasher",  # also verifies hashes with Django's Argon2 defaults
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "tryggsam.accounts.password_validation.CommonSwedishPasswordValidator"},
    {"NAME": "tryggsam.accounts.password_validation.PersonalDetailsValidator"},
]
LOGIN_URL = "accounts:login"
# Two-factor login (TOTP) is optional for everyone; with this on, coordinators and admins must use it.
TRYGGSAM_REQUIRE_2FA = os.environ.get("TRYGGSAM_REQUIRE_2FA", "0") == "1"
LOGIN_REDIRECT_URL = "home:start"
LOGOUT_REDIRECT_URL = "home:start"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Documents generated off the request path (minutes, situation reports): `MEDIA_ROOT/generated` when empty.
TRYGGSAM_GENERATED_ROOT = os.environ.get("TRYGGSAM_GENERATED_ROOT", "")
# Generated documents older than this are removed by the daily clean-up (generated again when asked for).
TRYGGSAM_GENERATED_KEEP_DAYS = int(os.environ.get("TRYGGSAM_GENERATED_KEEP_DAYS", "30"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_ENGINE = "tryggsam.core.sessions"  # Django's database sessions, the read written once
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
# Lock out one account from one address: a colleague behind the same NAT or load balancer can still
# log in, and an attacker cannot lock a person out from everywhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "tryggsam.accounts.lockout.username_from_request"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Two-factor devices (django-otp): failed codes are throttled on the device in the database, so the
# wait (1, 2, 4, 8 … seconds) grows across logins and sessions, not per login.
OTP_TOTP_ISSUER = "TryggSam"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Enrolling a second factor first needs a one-time code sent to the account's e-mail address.
TRYGGSAM_ENROLMENT_CODE_MINUTES = 15
TRYGGSAM_ENROLMENT_CODE_TRIES = 5
# Set to True only by the production settings (load_demo refuses to run there).
TRYGGSAM_PRODUCTION = False
PASSWORD_RESET_TIMEOUT = 3600

# No inline script or style anywhere: every script is a static file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# The background worker (documents, imports, mail) runs at this lower CPU priority (`nice`, 0-19) when
# started as `manage.py qcluster`: on a host it shares with the web server, a PDF being rendered yields
# to the pages people are waiting for, and takes the CPU they leave (issue 17, item 1). 0 keeps it equal.
TRYGGSAM_BACKGROUND_NICE = int(os.environ.get("TRYGGSAM_BACKGROUND_NICE", "10"))

Q_CLUSTER = {
    "name": "tryggsam",
    "orm": "default",
    "workers": 1,
    "timeout": 600,
    "retry": 900,
    "catch_up": False,
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tryggsam@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"tryggsam": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")}},
}
# Unhandled exceptions (every 500) leave their traceback in the server log (stderr) in every
# environment: Django's own default only mails them to ADMINS when DEBUG is off, which we do not set.
LOGGING["handlers"]["server_errors"] = {  # type: ignore[index]
    "class": "logging.StreamHandler",
    "stream": "ext://sys.stderr",
}
LOGGING["loggers"]["django.request"] = {  # type: ignore[index]
    "handlers": ["server_errors"],
    "level": "ERROR",
    "propagate": False,
}

# Background map tiles for every map: OpenStreetMap's by default (its host is added to CSP img-src,
# and nothing else), another tile server by address, or none with TRYGGSAM_MAP_TILES="" (a plain map
# with the area boundaries only). Without a network the maps drop the tiles after a few failures and
# show the plain map.
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap-bidragsgivare</a>'
TRYGGSAM_MAP_TILES = os.environ.get("TRYGGSAM_MAP_TILES", OSM_TILES)
TRYGGSAM_MAP_ATTRIBUTION = os.environ.get(
    "TRYGGSAM_MAP_ATTRIBUTION", OSM_ATTRIBUTION if TRYGGSAM_MAP_TILES == OSM_TILES else ""
)
if TRYGGSAM_MAP_TILES:
    from urllib.parse import urlsplit

    _tiles = urlsplit(TRYGGSAM_MAP_TILES.replace("{s}", "tile-subdomain"))
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(
        f"{_tiles.scheme}://{_tiles.netloc.replace('tile-subdomain', '*')}"
    )

# The address used in links in e-mails (reminders, invitations, reports).
TRYGGSAM_BASE_URL = os.environ.get("TRYGGSAM_BASE_URL", "http://127.0.0.1:8000")
TRYGGSAM_RETENTION_MONTHS = int(os.environ.get("TRYGGSAM_RETENTION_MONTHS", "24"))
# Days a resident's e-mail address is kept after their tip is closed (privacy.retention).
TRYGGSAM_TIP_EMAIL_DAYS = int(os.environ.get("TRYGGSAM_TIP_EMAIL_DAYS", "30"))
POLICE_EVENTS_URL = os.environ.get("POLICE_EVENTS_URL", "https://polisen.se/api/events")

# Where the shared real data lives (tests and the demo read it from there, never from the repo).
SHARED_DIR = Path(os.environ.get("TRYGGSAM_SHARED_DIR", BASE_DIR.parent / "shared"))

# The number of proxies in front of the application servers that append to X-Forwarded-For (a TLS
# proxy or load balancer: 1). Per-address limits (residents' tips) read the client's address from there.
TRYGGSAM_PROXY_COUNT = int(os.environ.get("TRYGGSAM_PROXY_COUNT", "0"))
