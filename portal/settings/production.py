"""Production: PostgreSQL, secrets from the environment, HTTPS everywhere.

Refuses to start without SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; never invents a key.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.http.request import validate_host

import dj_database_url

from .base import *  # noqa: F403
from .env import base_url, env_bool, env_int, env_list, env_required

SQLITE_PRODUCTION_URL = (
    "sqlite:////srv/kennisportaal/db.sqlite3?transaction_mode=IMMEDIATE&timeout=20"
    "&init_command=PRAGMA+journal_mode%3DWAL%3B+PRAGMA+synchronous%3DNORMAL"
)


def refuse_unsafe_sqlite(database):
    """A SQLite DATABASE_URL only with the options of the embedded default.

    Without IMMEDIATE transactions, WAL and a busy timeout, simultaneous writers fail
    half-way with "database is locked" (76 of 200 simultaneous registrations did).
    """
    if not database["ENGINE"].endswith("sqlite3"):
        return
    options = database.get("OPTIONS", {})
    problems = []
    if str(options.get("transaction_mode", "")).upper() != "IMMEDIATE":
        problems.append("transaction_mode=IMMEDIATE")
    timeout = options.get("timeout", 0)
    if not isinstance(timeout, int | float) or timeout < 5:
        problems.append("timeout=20 (seconds; at least 5)")
    if "journal_mode=wal" not in str(options.get("init_command", "")).lower():
        problems.append("init_command=PRAGMA journal_mode=WAL")
    if problems:
        raise ImproperlyConfigured(
            "DATABASE_URL points to SQLite without " + ", ".join(problems) + ". "
            "Without them, simultaneous writes (registrations) fail with 'database is "
            "locked'. Use PostgreSQL, or the embedded default's options, e.g. "
            f"{SQLITE_PRODUCTION_URL} (see docs/deployment.md)."
        )


DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
env_required("ALLOWED_HOSTS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
# Mails are sent by a worker, without a request to take a host name from: the public
# address is never guessed (see docs/deployment.md).
PORTAL_BASE_URL = base_url("PORTAL_BASE_URL", env_required("PORTAL_BASE_URL"))
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
WAGTAILAPI_BASE_URL = PORTAL_BASE_URL
if not validate_host(urlsplit(PORTAL_BASE_URL).hostname, ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        f"The host of PORTAL_BASE_URL ({PORTAL_BASE_URL}) is not in ALLOWED_HOSTS."
    )
DATABASES = {
    "default": dj_database_url.parse(
        env_required("DATABASE_URL"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
refuse_unsafe_sqlite(DATABASES["default"])
# Django's own admin stays off (base.py); the Wagtail admin is the one admin.
DJANGO_ADMIN_ENABLED = False

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
if SECURE_SSL_REDIRECT and not PORTAL_BASE_URL.startswith("https://"):
    raise ImproperlyConfigured(
        "PORTAL_BASE_URL must start with https:// while SECURE_SSL_REDIRECT is on."
    )
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
