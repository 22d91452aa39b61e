"""Fixtures shared by the whole suite. Builders live in tests/factories.py."""

import os
import uuid

from django.test.utils import override_settings

import pytest

from tests import factories


@pytest.fixture(autouse=True, scope="session")
def _mail_through_the_outbox(django_test_environment):
    """Every test sends mail the way the portal does: through the outbox.

    Django's test set-up swaps EMAIL_BACKEND for locmem; this puts the outbox back. The
    outbox delivers at once (immediate task backend) to OUTBOX_DELIVERY_BACKEND, which
    is locmem in tests, so `mailoutbox` and `django.core.mail.outbox` work as usual.
    """
    with override_settings(EMAIL_BACKEND="home.outbox.OutboxEmailBackend"):
        yield


@pytest.fixture
def home_page(db):
    """The home page as the default site's root."""
    return factories.make_home_page()


@pytest.fixture
def practice_index(home_page):
    """The live practice listing at /praktijken/, with the review workflow."""
    return factories.make_practice_index(home_page)


@pytest.fixture
def editor(db):
    """A ministry editor (Ministerie-redacteuren)."""
    return factories.make_editor()


@pytest.fixture
def contributor(practice_index):
    """A contributor for Rotterdam (GM0599)."""
    return factories.make_contributor("GM0599", index=practice_index)


@pytest.fixture
def government_user(db):
    """A signed-in government user who may read restricted details."""
    return factories.make_government_user()


def _running_in_ci():
    return os.environ.get("CI", "").strip().lower() not in ("", "false", "0")


@pytest.fixture
def redis_url():
    """The URL of the throw-away redis-server that `make test-sqlite`/`test-postgres` start.

    Outside CI a missing server skips the test loudly; in CI it fails, because nothing may be
    skipped there for lack of a service.
    """
    url = os.environ.get("REDIS_URL", "")
    if not url:
        message = (
            "REDIS_URL is not set: run the suite through `make test-sqlite` (it starts a "
            "throw-away redis-server with bin/redis-test-server)"
        )
        if _running_in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture
def redis_cache(redis_url, settings):
    """Django's default cache on that real Redis server, emptied before and after the test."""
    from django.core.cache import caches

    from portal.settings.env import cache_from_url

    settings.CACHES = {
        "default": cache_from_url(redis_url, key_prefix=f"test-{uuid.uuid4().hex}")
    }
    cache = caches["default"]
    cache.clear()
    yield cache
    cache.clear()
