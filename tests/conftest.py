"""Fixtures shared by the whole suite. Builders live in tests/factories.py."""

import pytest

from tests import factories


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
