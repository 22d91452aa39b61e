"""Reading settings from environment variables (each one is listed in docs/configuration.md)."""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in TRUE_VALUES


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, not {value!r}"
        ) from error


def env_list(name, default=""):
    value = os.environ.get(name, default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_required(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required in production "
            "(see docs/configuration.md)."
        )
    return value


CACHE_BACKENDS = {
    "locmem": "django.core.cache.backends.locmem.LocMemCache",
    "redis": "portal.cache.SharedClientRedisCache",
    "rediss": "portal.cache.SharedClientRedisCache",
    "dummy": "django.core.cache.backends.dummy.DummyCache",
}


def cache_from_url(url, key_prefix=""):
    """One Django cache from a URL: `locmem://NAME`, `redis://HOST:PORT/DB`, `dummy://`.

    Redis URLs are passed to Django's RedisCache as they are (password, database number and
    `rediss://` for TLS included).
    """
    scheme, separator, rest = url.partition("://")
    backend = CACHE_BACKENDS.get(scheme.lower()) if separator else None
    if backend is None:
        raise ImproperlyConfigured(
            f"CACHE_URL must start with one of "
            f"{', '.join(name + '://' for name in CACHE_BACKENDS)}, not {url!r}"
        )
    cache = {"BACKEND": backend, "KEY_PREFIX": key_prefix}
    if scheme.lower() in ("redis", "rediss"):
        cache["LOCATION"] = url
    elif scheme.lower() == "locmem":
        cache["LOCATION"] = rest or "kennisportaal"
    return cache


def base_url(name, value):
    """Checks a site base URL (`https://portal.example`) and returns it without a
    trailing slash. Only what Wagtail's Site can express is accepted: a scheme and a host
    name, a port only when it is not the scheme's default, no path."""
    from urllib.parse import urlsplit

    problem = None
    try:
        parts = urlsplit(value or "")
        port = parts.port
    except ValueError:
        parts, port, problem = None, None, "it is not a valid URL"
    if problem is None:
        if parts.scheme not in ("http", "https") or not parts.hostname:
            problem = "it must start with http:// or https:// and name a host"
        elif parts.path not in ("", "/") or parts.query or parts.fragment:
            problem = "it may not have a path, query or fragment"
        elif parts.username or parts.password:
            problem = "it may not contain a user name or password"
        elif parts.scheme == "https" and port not in (None, 443):
            problem = "https is supported on port 443 only"
        elif parts.scheme == "http" and port == 443:
            problem = "port 443 needs https"
    if problem:
        raise ImproperlyConfigured(
            f"{name} must be the portal's public address, e.g. "
            f"https://portal.example or http://127.0.0.1:8000, not {value!r}: {problem}."
        )
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    default_port = 443 if parts.scheme == "https" else 80
    suffix = f":{port}" if port not in (None, default_port) else ""
    return f"{parts.scheme}://{host}{suffix}"
