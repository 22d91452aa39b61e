"""Local development: the embedded default of `make run` (SQLite, console e-mail)."""

from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import PORTAL_BASE_URL
from .env import env, env_int, env_list

DEBUG = True
# A fixed key is acceptable here only because dev settings never serve real users;
# production.py refuses to start without SECRET_KEY.
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
# The outbox's worker (started by `make run`) prints mail on the console.
OUTBOX_DELIVERY_BACKEND = env(
    "OUTBOX_DELIVERY_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
# `make run HOST=...` serves on another address: it must answer there too.
ALLOWED_HOSTS.append(urlsplit(PORTAL_BASE_URL).hostname)
# Django's own admin at /django-admin/, for inspecting data while developing.
DJANGO_ADMIN_ENABLED = True
# Templates and content change all the time while developing: no page cache.
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 0)
