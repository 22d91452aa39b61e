"""The database engine's sets of documents in memory (search.bitmaps): the counts,
totals and pages they give equal the SQL reference (``use_bitmaps = False``) on the
database the tests run on (SQLite, or PostgreSQL with DATABASE_URL), and the sets
follow every index write exactly."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from search import bitmaps
from search.database import DatabaseEngine
from search.engines import PageOutOfRange, SearchQuery
from search.models import (
    SearchDocument,
    SearchFacet,
    SearchFacetKey,
    SearchIndexState,
    Synonym,
)
from search.sources import document_for

from .conftest import rebuild_index
from .relevance import CASES, build_corpus
from .test_scaling import FACET_QUERIES, facet_table

pytestmark = pytest.mark.django_db


def engine_with(**settings):
    engine = DatabaseEngine()
    engine.use_cache = False
    for name, value in settings.items():
        setattr(engine, name, value)
    return engine


def same_results(fast, reference, query):
    assert fast.total == reference.total, query
    assert facet_table(fast) == facet_table(reference), query
    assert [(h.title, h.missing) for h in fast.hits] == [
        (h.title, h.missing) for h in reference.hits
    ], query


@pytest.fixture
def corpus(site_builder):
    build_corpus(site_builder)
    return rebuild_index()


QUERIES = [
    *FACET_QUERIES,
    SearchQuery(q="aanpak", sort="newest"),
    SearchQuery(q="aanpak", page=2, per_page=1),
    SearchQuery(q="wijk", page=2, per_page=2),
    SearchQuery(q="aanpak", page=50),
    SearchQuery(q="aanpak ondermijning jongeren"),
    SearchQuery(q="hoe pakken gemeenten ondermijning in de wijk aan"),
    SearchQuery(filters={"type": ("session",)}),
    SearchQuery(q="wijk", filters={"theme": ("Witwassen",)}),  # a label, unknown
]


@pytest.mark.parametrize(
    "thresholds",
    [{}, {"rank_all_limit": 1}, {"rank_all_limit": 3}],
    ids=["ranked", "newest", "titles-ranked"],
)
def test_sets_give_the_same_counts_and_pages_as_sql(corpus, thresholds):
    # One corpus for every query: building it is the slow part.
    fast = engine_with(**thresholds)
    reference = engine_with(use_bitmaps=False, **thresholds)
    for query in QUERIES:
        try:
            expected = reference.search(query)
        except PageOutOfRange:
            with pytest.raises(PageOutOfRange):
                fast.search(query)
            continue
        same_results(fast.search(query), expected, query)


def test_sets_give_the_same_results_as_sql_for_the_relevance_suite(corpus):
    fast, reference = engine_with(), engine_with(use_bitmaps=False)
    for case in CASES:
        query = SearchQuery(q=case.q, filters=case.filters)
        same_results(fast.search(query), reference.search(query), query)
        assert fast.count(query) == reference.count(query)


def test_every_page_of_a_large_result_set_is_the_same_as_sql(corpus):
    fast = engine_with(rank_all_limit=2)
    reference = engine_with(rank_all_limit=2, use_bitmaps=False)
    query = SearchQuery(q="aanpak wijk gemeente", per_page=2)
    first = reference.search(query)
    assert first.num_pages > 2
    for page in range(1, first.num_pages + 1):
        paged = SearchQuery(q=query.q, per_page=2, page=page)
        same_results(fast.search(paged), reference.search(paged), paged)


def loaded():
    return DatabaseEngine().bitmaps(SearchIndexState.current())


def fresh_sets():
    """The sets as a full read from the database gives them."""
    engine = DatabaseEngine()
    return bitmaps.refresh(None, 0, engine.keys(SearchIndexState.current()))


def assert_sets_are_exact(index):
    fresh = fresh_sets()
    assert index.documents == fresh.documents
    assert {n: b for n, b in index.facets.items() if b} == {
        n: b for n, b in fresh.facets.items() if b
    }
    assert index.order == fresh.order


def facet_reads(captured):
    return [
        q["sql"]
        for q in captured.captured_queries
        if "FROM search_searchfacet" in q["sql"] and "GROUP BY facet" in q["sql"]
    ]


def test_publishing_updates_the_sets_without_reading_every_facet(corpus, site_builder):
    engine = engine_with()
    engine.search(SearchQuery(q="aanpak"))
    before = loaded()
    page = site_builder.practice(
        "Aanpak van witwassen in de haven",
        themes=["witwassen"],
        published=datetime.date(2026, 1, 2),
    )
    engine.index_documents([document_for(page)])
    with CaptureQueriesContext(connection) as captured:
        results = engine.search(SearchQuery(q="aanpak", sort="newest"))
    after = loaded()
    assert after is not before
    assert results.hits[0].title == "Aanpak van witwassen in de haven"
    # Only the new document's facet values were read.
    assert [("document_id >" in sql) for sql in facet_reads(captured)] == [True]
    assert_sets_are_exact(after)

    engine.remove_pages([page.pk])
    engine.search(SearchQuery(q="aanpak"))
    assert_sets_are_exact(loaded())
    assert SearchDocument.objects.filter(page_id=page.pk).count() == 0


def test_a_synonym_change_keeps_the_sets(corpus):
    engine = engine_with()
    engine.search(SearchQuery(q="aanpak"))
    before = loaded()
    Synonym.objects.create(term="kantine", equivalents="sportkantine")
    with CaptureQueriesContext(connection) as captured:
        engine.search(SearchQuery(q="aanpak"))
    assert loaded().facets is before.facets
    assert loaded().generation != before.generation
    assert not facet_reads(captured)


def test_a_document_rewritten_in_place_makes_the_sets_read_again(corpus):
    # A restored database (or a rolled-back test) can hold other documents under
    # ids the process has seen: the newest of them were written at another time.
    engine = engine_with()
    engine.search(SearchQuery(q="aanpak"))
    document = SearchDocument.objects.order_by("id").last()
    SearchFacet.objects.filter(document=document, facet="year").update(value="1999")
    SearchFacetKey.objects.create(facet="year", value="1999", label="1999")
    later = timezone.now() + datetime.timedelta(minutes=1)
    SearchDocument.objects.filter(pk=document.pk).update(indexed_at=later)
    SearchIndexState.bump()
    results = engine_with().search(SearchQuery(filters={"year": ("1999",)}))
    assert results.total == 1
    assert_sets_are_exact(loaded())


def test_sets_of_numbers():
    assert bitmaps.from_ids([0, 3, 64, 65]) == (1 | 1 << 3 | 1 << 64 | 1 << 65)
    assert bitmaps.from_ids([]) == 0
    assert bitmaps.members(1 << 70 | 1 << 2) == [2, 70]
    assert bitmaps.from_words([(0, 5), (2, 1)]) == 5 | 1 << 64
    assert bitmaps.from_words([(1, -(1 << 31))]) == 1 << 63  # bigint bit_or
    a, b, c = 0b0111, 0b0110, 0b1100
    assert bitmaps.at_least([a, b, c], 1) == 0b1111
    assert bitmaps.at_least([a, b, c], 2) == 0b0110 | 0b0100
    assert bitmaps.at_least([a, b, c], 3) == 0b0100
    with pytest.raises(ValueError):
        bitmaps.at_least([a], 0)


def test_newest_first_lists_and_scans_the_same_order(corpus, monkeypatch):
    index = loaded()
    every = index.documents
    listed = index.newest(every, 2, 7)
    monkeypatch.setattr(bitmaps, "SORT_LIMIT", 0)
    assert index.newest(every, 2, 7) == listed
    assert listed == list(
        SearchDocument.objects.order_by("-date", "-id").values_list("id", flat=True)[
            2:7
        ]
    )


def test_a_search_runs_no_count_query_and_as_many_queries_after_publishing(
    corpus, site_builder
):
    engine = engine_with()
    query = SearchQuery(q="wijk", filters={"type": ("practice",)})
    engine.search(query)
    with CaptureQueriesContext(connection) as steady:
        engine.search(query)
    # No facet or count query per search: one lookup per clause plus the page.
    assert not any("COUNT(" in q["sql"].upper() for q in steady.captured_queries)
    page = site_builder.practice("Wijkaanpak in de haven", published=timezone.now())
    engine.index_documents([document_for(page)])
    engine.search(query)
    with CaptureQueriesContext(connection) as again:
        engine.search(query)
    assert len(again.captured_queries) == len(steady.captured_queries)


def test_ranking_statistics_equal_the_sql_ones(corpus):
    fast, reference = engine_with(), engine_with(use_bitmaps=False)
    for text in ("aanpak ondermijning jongeren", "witwassen", "RIEC", "gemeente"):
        parsed = fast.parse(text)
        mine, sql = fast.statistics(parsed), reference.statistics(parsed)
        assert mine.documents == sql.documents
        assert mine.document_frequency == sql.document_frequency, text
        # PostgreSQL's AVG is a numeric: equal up to the last bit of a float.
        assert mine.average_length == pytest.approx(sql.average_length, rel=1e-12)
