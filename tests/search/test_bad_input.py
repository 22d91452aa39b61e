"""Whatever a visitor or a script sends, the page and the API answer with a normal page
or a 4xx, never a 500 (property-based)."""

from django.urls import reverse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import rebuild_index

pytestmark = pytest.mark.django_db

QUERY_SYNTAX = [
    "NEAR(witwassen vastgoed, 2)",
    '"criminele jeugdgroepen"',
    "witwas*",
    "^vastgoed",
    "(bibob OR vastgoed) AND NOT drugs",
    "title_terms: witwassen",
    "{title_terms body_terms}: x",
    "witwassen & !vastgoed | (drugs <-> labs)",
    "'quote' \"dubbel\" `back`",
    "drugs:*A",
    "a" * 5000,
    "-- DROP TABLE search_searchdocument; --",
    "%_%",
    "\x00\x01",
    "😀 ondermijning 🚓",
    "日本語 العربية",
]
text = st.one_of(st.sampled_from(QUERY_SYNTAX), st.text(max_size=300))
params = st.fixed_dictionaries(
    {},
    optional={
        "q": text,
        "page": st.one_of(
            st.integers(min_value=-5, max_value=10**12).map(str),
            st.sampled_from(["", "1.5", "1e3", "abc", "٣", "0x10", " 2 "]),
        ),
        "sort": st.one_of(
            st.sampled_from(["relevance", "newest"]), st.text(max_size=20)
        ),
        "theme": st.lists(text, max_size=25),
        "year": st.lists(st.sampled_from(["2025", "1900", "-1", "x"]), max_size=3),
        "unknown": text,
    },
)


@pytest.fixture
def small_index(site_builder):
    site_builder.practice("Witwassen via vastgoed", themes=["witwassen"])
    site_builder.session("Leerbijeenkomst jeugdgroepen")
    rebuild_index()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(params=params)
def test_search_page_and_api_never_fail(client, small_index, params):
    page = client.get(reverse("search"), params)
    assert page.status_code in (200, 400, 404), params
    api = client.get(reverse("search_api"), params)
    assert api.status_code in (200, 400, 404), params
    body = api.json()
    assert ("results" in body) if api.status_code == 200 else ("error" in body)
    suggest = client.get(reverse("search_suggestions"), {"q": params.get("q", "")})
    assert suggest.status_code == 200


@pytest.mark.parametrize("query", QUERY_SYNTAX)
def test_query_syntax_is_searched_as_words(client, small_index, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
