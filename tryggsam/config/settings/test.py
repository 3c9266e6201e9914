import os

# Tests have no network: a plain map unless a test asks for tiles (set before base reads it).
os.environ.setdefault("TRYGGSAM_MAP_TILES", "")

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405

WHITENOISE_USE_FINDERS = True

# The public minutes are not generated ahead on every committed write in the tests (issue 17, item 4:
# the tests of that turn it on); it would render PDFs inline (sync queue) in browser tests.
TRYGGSAM_MINUTES_AHEAD = False
