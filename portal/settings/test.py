"""The pytest suite: SQLite unless DATABASE_URL is set, fast hashing, in-memory e-mail."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, STORAGES

SECRET_KEY = "test-only-key"  # noqa: S105 (test settings never serve real users)
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Mail goes through the outbox (tests/conftest.py puts EMAIL_BACKEND back after Django's
# test set-up replaces it); the immediate task backend delivers it at once to locmem,
# so django.core.mail.outbox fills as before.
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The host name of Django's test client; tests of another address override all three.
PORTAL_BASE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
WAGTAILAPI_BASE_URL = PORTAL_BASE_URL
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
DEBUG_PROPAGATE_EXCEPTIONS = False

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not :memory:, so that threaded tests (concurrent registrations, the live
    # server of the browser tests) share one database; one file per test run, so that
    # two runs at the same time do not overwrite each other's database.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")
    }

# Serve static files straight from the finders: tests never run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Other areas' tests sign in with force_login and open admin pages: they would all stop
# at the second-factor page. tests/practices/test_two_factor.py switches it on.
TWO_FACTOR_REQUIRED_FOR_EDITORS = False
# Django's test client logs in without a request, which django-axes refuses;
# tests/practices/test_login_throttle.py switches it on.
AXES_ENABLED = False
# Pages and shared data are not cached (tests change data without publishing); the
# caching tests switch the caches on. The caching headers are set as in production.
PAGE_CACHE_TIMEOUT = 0
DATA_CACHE_TIMEOUT = 0
