"""Settings behave as docs/configuration.md promises, in every settings module."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

import pytest

from portal.settings.env import cache_from_url

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 20 + "-production-test-key-with-enough-entropy-1234567890",
    "ALLOWED_HOSTS": "portal.example",
    "PORTAL_BASE_URL": "https://portal.example",
    "DATABASE_URL": "postgres://user:secret@localhost:5432/portal",
}


def run_with_production_settings(code, **env_overrides):
    env = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    env.pop("DATABASE_URL", None)
    env.update(env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.production"
    return subprocess.run(  # noqa: S603 (fixed interpreter and arguments)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


SETUP = "import django; django.setup(); from django.conf import settings; "


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_refuses_to_start_without_each_secret(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = run_with_production_settings(SETUP + "print(settings.DEBUG)", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_starts_with_its_secrets_and_uses_postgresql():
    result = run_with_production_settings(
        SETUP + "print(settings.DEBUG, settings.DATABASES['default']['ENGINE'], "
        "settings.STORAGES['staticfiles']['BACKEND'])",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    debug, engine, storage = result.stdout.split()
    assert debug == "False"
    assert engine == "django.db.backends.postgresql"
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_check_deploy_is_clean_with_production_settings():
    result = run_with_production_settings(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_language_time_zone_and_middleware_order():
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.USE_I18N and settings.USE_TZ
    assert [code for code, _name in settings.LANGUAGES] == ["nl", "en"]
    middleware = settings.MIDDLEWARE
    assert middleware[0] == "django.middleware.security.SecurityMiddleware"
    assert middleware[1] == "whitenoise.middleware.WhiteNoiseMiddleware"


def test_sqlite_takes_the_write_lock_at_begin():
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            SETUP
            + "print(settings.DATABASES['default']['OPTIONS']['transaction_mode'])",
        ],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "IMMEDIATE"


def test_database_url_switches_to_postgresql():
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            SETUP + "print(settings.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": "postgres://u:p@localhost:5432/x",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql"


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        ("locmem://pages", "django.core.cache.backends.locmem.LocMemCache", "pages"),
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache", "kennisportaal"),
        (
            "redis://:secret@cache:6379/1",
            "portal.cache.SharedClientRedisCache",
            "redis://:secret@cache:6379/1",
        ),
        (
            "rediss://cache:6380/0",
            "portal.cache.SharedClientRedisCache",
            "rediss://cache:6380/0",
        ),
        ("dummy://", "django.core.cache.backends.dummy.DummyCache", None),
    ],
)
def test_cache_url_picks_the_backend(url, backend, location):
    cache = cache_from_url(url, key_prefix="portal")
    assert cache["BACKEND"] == backend
    assert cache.get("LOCATION") == location
    assert cache["KEY_PREFIX"] == "portal"


@pytest.mark.parametrize("url", ["memcached://cache:11211", "cache:6379", ""])
def test_cache_url_refuses_what_it_does_not_know(url):
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_from_url(url)


def test_production_settings_take_redis_from_cache_url():
    result = run_with_production_settings(
        SETUP + "print(settings.CACHES['default']['BACKEND'], "
        "settings.CACHES['default']['LOCATION'])",
        CACHE_URL="redis://cache.internal:6379/2",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "portal.cache.SharedClientRedisCache",
        "redis://cache.internal:6379/2",
    ]


def test_the_shared_cache_works_against_a_real_redis_server(redis_cache):
    # Two cache handles on the same server see each other's writes, as two app server
    # processes do in production.
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(redis_cache, RedisCache)
    redis_cache.set("seats:42", 5, timeout=30)
    other_process = RedisCache(
        settings.CACHES["default"]["LOCATION"], {"KEY_PREFIX": redis_cache.key_prefix}
    )
    assert other_process.get("seats:42") == 5
    assert other_process.incr("seats:42") == 6
    assert redis_cache.get("seats:42") == 6


def test_the_redis_cache_keeps_one_client_for_every_call(redis_cache):
    """Django's RedisCache built a redis.Redis for every call (about 1 ms of CPU for a
    page-cache hit); ours keeps one per server, shared by threads, and still works."""
    import threading

    from portal.cache import SharedClientRedisCache

    assert isinstance(redis_cache, SharedClientRedisCache)
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client

    def count(n):
        for _ in range(50):
            redis_cache.incr(f"hits:{n % 2}")

    redis_cache.set_many({"hits:0": 0, "hits:1": 0})
    threads = [threading.Thread(target=count, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert redis_cache.get_many(["hits:0", "hits:1"]) == {"hits:0": 100, "hits:1": 100}
    assert redis_cache._cache.get_client() is client


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////tmp/kennisportaal.sqlite3",
        "sqlite:////tmp/k.sqlite3?transaction_mode=IMMEDIATE&timeout=20",
        "sqlite:////tmp/k.sqlite3?init_command=PRAGMA+journal_mode%3DWAL&timeout=20",
        "sqlite:////tmp/k.sqlite3?transaction_mode=IMMEDIATE&timeout=1"
        "&init_command=PRAGMA+journal_mode%3DWAL",
    ],
)
def test_production_refuses_sqlite_without_the_embedded_options(url):
    result = run_with_production_settings(
        SETUP + "print(settings.DEBUG)", **{**PRODUCTION_ENV, "DATABASE_URL": url}
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "database is locked" in result.stderr  # it says why


def test_production_accepts_sqlite_configured_like_the_embedded_default():
    # The example in the error message and docs/deployment.md.
    url = (
        "sqlite:////tmp/k.sqlite3?transaction_mode=IMMEDIATE&timeout=20"
        "&init_command=PRAGMA+journal_mode%3DWAL%3B+PRAGMA+synchronous%3DNORMAL"
    )
    result = run_with_production_settings(
        SETUP + "print(settings.DATABASES['default']['OPTIONS']['transaction_mode'])",
        **{**PRODUCTION_ENV, "DATABASE_URL": url},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "IMMEDIATE"


def test_production_has_no_django_admin_and_security_middleware():
    result = run_with_production_settings(
        SETUP + "from django.urls import resolve\n"
        # Only Wagtail's page serving (a 404 there) catches the path.
        "print(resolve('/django-admin/').url_name)\n"
        "print('axes.middleware.AxesMiddleware' == settings.MIDDLEWARE[-1])",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wagtail_serve", "True"]
