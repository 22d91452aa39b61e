"""The database engine's paths for large result sets, pinned on a small corpus by
lowering their thresholds: two-step ranking, facet counts by complement, the cache
of totals and facet counts, and a constant number of queries per search page."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from search.database import DatabaseEngine
from search.engines import SearchQuery
from search.models import SearchIndexState, Synonym
from search.sources import document_for

from .conftest import rebuild_index
from .relevance import CASES, build_corpus

pytestmark = pytest.mark.django_db


def engine_with(**settings):
    engine = DatabaseEngine()
    engine.use_cache = False
    for name, value in settings.items():
        setattr(engine, name, value)
    return engine


def facet_table(results):
    return {
        facet.name: [(v.value, v.label, v.count, v.selected) for v in facet.values]
        for facet in results.facets
    }


FACET_QUERIES = [
    SearchQuery(),
    SearchQuery(q="jeugdgroepen"),
    SearchQuery(q="aanpak"),
    SearchQuery(q="gemeente"),
    SearchQuery(q="RIEC"),
    SearchQuery(q="ondermijning", filters={"type": ("practice",)}),
    SearchQuery(q="aanpak", filters={"theme": ("criminele-jeugdgroepen", "witwassen")}),
    SearchQuery(
        q="wijk",
        filters={"type": ("practice", "session"), "track": ("groep",)},
    ),
    SearchQuery(filters={"municipality": ("GM0363",), "type": ("practice",)}),
    SearchQuery(q="aanpak", filters={"municipality": ("GM9999",)}),
]


@pytest.fixture
def corpus(site_builder):
    build_corpus(site_builder)
    return rebuild_index()


@pytest.mark.parametrize("query", FACET_QUERIES, ids=repr)
def test_facet_counts_by_complement_equal_the_exact_counts(corpus, query):
    exact = engine_with(complement_share=2.0).search(query)  # never the complement
    complement = engine_with(complement_share=0.0).search(query)  # always
    assert complement.total == exact.total
    assert facet_table(complement) == facet_table(exact)
    assert [hit.title for hit in complement.hits] == [hit.title for hit in exact.hits]


def test_the_total_equals_the_number_of_documents_found(corpus):
    engine = engine_with()
    for query in FACET_QUERIES:
        results = engine.search(
            SearchQuery(q=query.q, filters=query.filters, per_page=100)
        )
        assert results.total == len(results.hits), query


def test_the_relevance_suite_holds_with_every_threshold_at_its_lowest(corpus):
    # Two-step ranking reorders, so only the result sets are compared here; the
    # relevance suite itself runs with the real thresholds (test_relevance.py).
    exact = engine_with()
    low = engine_with(rank_all_limit=1, complement_share=0.0)
    for case in CASES:
        query = SearchQuery(q=case.q, filters=case.filters, per_page=100)
        assert {h.title for h in low.search(query).hits} == {
            h.title for h in exact.search(query).hits
        }, case.q


@pytest.fixture
def witwassen(site_builder):
    site_builder.practice(
        "Witwassen in de haven", "Over de haven.", published=datetime.date(2020, 1, 1)
    )
    site_builder.practice(
        "Aanpak in de wijk",
        "Signalen van witwassen in de wijk.",
        published=datetime.date(2025, 3, 1),
    )
    site_builder.practice(
        "Buurtaanpak", "Witwassen bij kappers.", published=datetime.date(2024, 6, 1)
    )
    site_builder.practice(
        "Witwassen via vastgoed",
        "Witwassen en nog eens witwassen via panden.",
        published=datetime.date(2023, 5, 1),
    )
    site_builder.practice("Iets anders", "Geen treffer.")
    rebuild_index()


def all_pages(engine, q, per_page):
    titles = []
    page = 1
    while True:
        results = engine.search(SearchQuery(q=q, per_page=per_page, page=page))
        titles += [hit.title for hit in results.hits]
        if page >= results.num_pages:
            return titles, results.total
        page += 1


@pytest.mark.parametrize("per_page", [1, 3, 10])
def test_large_match_sets_list_title_matches_then_the_rest_newest_first(
    witwassen, per_page
):
    # Above the limit and with more title matches than the limit: title matches
    # newest first, then the other matches newest first.
    titles, total = all_pages(engine_with(rank_all_limit=1), "witwassen", per_page)
    assert total == 4
    assert titles == [
        "Witwassen via vastgoed",
        "Witwassen in de haven",
        "Aanpak in de wijk",
        "Buurtaanpak",
    ]


def test_title_matches_are_ranked_when_they_are_few(witwassen):
    # Four matches, limit 3: two steps. The two title matches are within the limit,
    # so they keep the order of full ranking; the body matches follow newest first.
    titles, _ = all_pages(engine_with(rank_all_limit=3), "witwassen", 10)
    exact, _ = all_pages(engine_with(), "witwassen", 10)
    assert titles[:2] == [t for t in exact if t.startswith("Witwassen")]
    assert titles[2:] == ["Aanpak in de wijk", "Buurtaanpak"]


def test_small_match_sets_are_ranked_as_before(witwassen):
    titles, _ = all_pages(engine_with(), "witwassen", 10)
    assert titles[0].startswith("Witwassen")
    assert set(titles) == {
        "Witwassen via vastgoed",
        "Witwassen in de haven",
        "Aanpak in de wijk",
        "Buurtaanpak",
    }


def test_every_index_write_starts_a_new_generation(witwassen, site_builder):
    engine = engine_with(use_cache=True)
    query = SearchQuery(q="witwassen")
    assert engine.search(query).total == 4
    generation = SearchIndexState.current()

    page = site_builder.practice("Witwassen bij sportclubs", "Kantine.")
    engine.index_documents([document_for(page)])
    assert SearchIndexState.current() != generation
    assert engine.search(query).total == 5
    assert engine.count(query) == 5

    generation = SearchIndexState.current()
    engine.remove_pages([page.pk])
    assert SearchIndexState.current() != generation
    assert engine.search(query).total == 4

    generation = SearchIndexState.current()
    Synonym.objects.create(term="kantine", equivalents="sportkantine")
    assert SearchIndexState.current() != generation

    generation = SearchIndexState.current()
    rebuild_index()
    assert SearchIndexState.current() != generation


def test_a_repeated_search_is_answered_from_the_cache(witwassen):
    engine = engine_with(use_cache=True)
    query = SearchQuery(q="witwassen", filters={"type": ("practice",)})
    first = engine.search(query)
    with CaptureQueriesContext(connection) as repeated:
        second = engine.search(query)
    assert second.total == first.total
    assert facet_table(second) == facet_table(first)
    assert not any("COUNT(" in q["sql"].upper() for q in repeated.captured_queries)


def search_page_queries(client, params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("search"), params)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.fixture
def uncached_engine():
    from search.engines import get_engine

    engine = get_engine("database")
    engine.use_cache = False
    yield engine
    engine.use_cache = True


def test_the_search_page_runs_a_constant_number_of_queries(
    site_builder, client, uncached_engine
):
    site_builder.practice("Witwassen via vastgoed", "Panden.", themes=["witwassen"])
    rebuild_index()
    params = {"q": "witwassen", "theme": "witwassen"}
    # The first search of a generation also reads the facet value numbers and the
    # base counts (then cached per generation), and the site and settings once.
    search_page_queries(client, params)
    one = search_page_queries(client, params)
    for number in range(12):
        site_builder.practice(
            f"Witwassen {number}",
            "Witwassen via vastgoed.",
            themes=["witwassen"],
            municipality="GM0599" if number % 2 else "GM0363",
        )
    rebuild_index()
    search_page_queries(client, params)
    # More results and more facet values: the same number of queries.
    assert search_page_queries(client, params) == one
