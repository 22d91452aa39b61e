"""No 5xx from bad input: Hypothesis fuzzes every public endpoint.

Pages, the practice listing with its filters and feed, learning sessions (listing,
page, calendar file, registration form, manage link), the search page, search API and
suggestions, following a search (form, feed, links from the mails), the Wagtail API and
security.txt. Every answer must be below 500; the
Django test client re-raises a view's exception, so a failure shows the traceback and
Hypothesis the smallest input. Runs on SQLite and, with DATABASE_URL, on PostgreSQL.
bench/fuzz.py does the same at volume against a running portal.
"""

import string

from django.core.cache import cache
from django.test import Client

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories
from tests.events.conftest import EventsBuilder, register
from tests.fuzz_inputs import (
    API_PARAMETERS,
    FOLLOW_FIELDS,
    MANAGE_FIELDS,
    NASTY,
    PRACTICE_FILTERS,
    REGISTRATION_FIELDS,
    SEARCH_PARAMETERS,
    SESSION_FILTERS,
)

EXAMPLES = 40
fuzz_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same inputs in every run: a red run can be repeated
)

# Values that broke something before (tests/fuzz_inputs.py), and the kinds of text
# that tend to.
values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.text(alphabet=string.printable, max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


# Query strings: known parameter names of the endpoint plus any other name.
def query(names):
    name = st.one_of(st.sampled_from(names), st.text(max_size=10))
    return st.lists(st.tuples(name, values), max_size=6)


class Portal:
    """The smallest site with every public endpoint and something behind it."""

    def __init__(self):
        events = EventsBuilder()  # home page, default site, session index
        self.home = events.home
        self.practice_index = factories.make_practice_index(self.home)
        self.practice = factories.make_practice(
            "Wijkaanpak Rotterdam", municipality="GM0599", restricted_details="<p>x</p>"
        )
        self.session = events.session("Leerbijeenkomst witwassen")
        self.sessions = events.index
        _registration, self.token = register(self.session, 1)

    def get_paths(self):
        return [
            self.home.url,
            self.practice_index.url,
            f"{self.practice_index.url}feed/",
            self.practice.url,
            self.sessions.url,
            self.session.url,
            f"{self.session.url}agenda.ics",
            "/zoeken/",
            "/zoeken/suggesties/",
            "/api/zoeken/",
            "/api/v2/praktijken/",
            "/api/v2/praktijken/find/",
            f"/api/v2/praktijken/{self.practice.pk}/",
            "/.well-known/security.txt",
            "/sitemap.xml",
        ]


@pytest.fixture
def portal(db):
    cache.clear()  # the registration rate limit counts in the cache
    return Portal()


def as_form(pairs):
    """POST data: repeated names become lists."""
    form = {}
    for name, value in pairs:
        form.setdefault(name, []).append(value)
    return form


def check(response, what):
    assert response.status_code < 500, (what, response.status_code)


@pytest.fixture
def fuzz_client():
    return Client(raise_request_exception=True)


@fuzz_settings
@given(data=query(PRACTICE_FILTERS))
def test_practice_listing_and_feed(portal, fuzz_client, data):
    for path in (portal.practice_index.url, f"{portal.practice_index.url}feed/"):
        check(fuzz_client.get(path, data), (path, data))


@fuzz_settings
@given(data=query(SESSION_FILTERS))
def test_session_listing_and_calendar(portal, fuzz_client, data):
    for path in (
        portal.sessions.url,
        portal.session.url,
        f"{portal.session.url}agenda.ics",
    ):
        check(fuzz_client.get(path, data), (path, data))


@fuzz_settings
@given(data=query(SEARCH_PARAMETERS))
def test_search_page_api_and_suggestions(portal, fuzz_client, data):
    for path in ("/zoeken/", "/api/zoeken/", "/zoeken/suggesties/"):
        check(fuzz_client.get(path, data), (path, data))


@fuzz_settings
@given(data=query(API_PARAMETERS), pk=values)
def test_wagtail_api(portal, fuzz_client, data, pk):
    for path in ("/api/v2/praktijken/", "/api/v2/praktijken/find/"):
        check(fuzz_client.get(path, data), (path, data))
    if pk.isascii() and pk.isdigit():
        check(fuzz_client.get(f"/api/v2/praktijken/{pk}/", data), (pk, data))


@fuzz_settings
@given(
    data=query(["page", "q", "x"]),
    segment=st.text(alphabet=string.ascii_lowercase + "-_", min_size=1, max_size=20),
)
def test_pages_and_unknown_paths(portal, fuzz_client, data, segment):
    for path in (
        portal.home.url,
        portal.practice.url,
        f"/{segment}/",
        f"{portal.practice_index.url}{segment}/",
    ):
        check(fuzz_client.get(path, data), (path, data))


@fuzz_settings
@given(data=query(REGISTRATION_FIELDS))
def test_registration_form(portal, fuzz_client, data):
    cache.clear()
    check(fuzz_client.post(portal.session.url, as_form(data)), data)


@fuzz_settings
@given(
    data=query(MANAGE_FIELDS),
    token=st.one_of(
        st.sampled_from(NASTY[:20]),
        st.text(alphabet=string.ascii_letters + string.digits + "-_", max_size=60),
    ),
)
def test_manage_link(portal, fuzz_client, data, token):
    for value in (portal.token, token):
        if not value or "/" in value:
            continue
        path = f"{portal.sessions.url}aanmelding/{value}/"
        check(fuzz_client.get(path, data), (path, data))
        check(fuzz_client.post(path, as_form(data)), (path, data))


@fuzz_settings
@given(data=query(FOLLOW_FIELDS))
def test_follow_a_search_and_its_feed(portal, fuzz_client, data):
    cache.clear()  # the follow rate limit counts in the cache
    check(fuzz_client.get("/zoeken/feed/", data), ("feed", data))
    check(fuzz_client.post("/zoeken/volgen/", as_form(data)), ("follow", data))


@fuzz_settings
@given(
    data=query(["actie", "frequency"]),
    token=st.one_of(
        st.sampled_from(NASTY[:20]),
        st.text(alphabet=string.ascii_letters + string.digits + "-_.:", max_size=80),
    ),
)
def test_follow_links_from_the_mails(portal, fuzz_client, data, token):
    if not token or "/" in token:
        return
    for kind in ("bevestigen", "beheren", "afmelden"):
        path = f"/zoeken/volgen/{kind}/{token}/"
        check(fuzz_client.get(path, data), (path, data))
        check(fuzz_client.post(path, as_form(data)), (path, data))
    path = "/zoeken/volgen/abonnement/99999999999999999999/"
    check(fuzz_client.get(path, data), (path, data))
