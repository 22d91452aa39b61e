"""Local development: the embedded default of `make run` (SQLite, console e-mail)."""

from .base import *  # noqa: F403
from .env import env, env_int, env_list

DEBUG = True
# A fixed key is acceptable here only because dev settings never serve real users;
# production.py refuses to start without SECRET_KEY.
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Templates and content change all the time while developing: no page cache.
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 0)
