"""Fixtures shared by the whole suite. Builders live in tests/factories.py."""

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
