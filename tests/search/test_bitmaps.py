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
from search.database import DatabaseEngine, warm_up
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


@pytest.fixture(autouse=True)
def frequent_terms_in_memory(monkeypatch):
    # The small corpus has no term in thousands of documents: keep the sets of the
    # terms in at least two documents, so that every query below mixes terms from
    # memory with terms the database finds.
    monkeypatch.setattr(bitmaps, "TERM_MIN_DOCUMENTS", 2)


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
    # Removed documents may stay in the order (they are in no set).
    assert index.live_order() == fresh.order
    # Each kept term's set is what the full-text index finds for it now (which
    # terms are kept is chosen when the sets are read in full).
    assert index.terms
    for (where, term), kept in index.terms.items():
        assert kept == bitmaps.fetch(*bitmaps.term_source(where, term)), term


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
    # Only the new document's facet values were read, and not the date order.
    assert not facet_reads(captured)
    assert [
        q["sql"]
        for q in captured.captured_queries
        if "FROM search_searchfacet WHERE document_id >" in q["sql"]
    ]
    assert not full_reads(captured)
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


def full_reads(captured):
    return [
        q["sql"] for q in captured.captured_queries if "ORDER BY date DESC" in q["sql"]
    ]


def text_lookups(captured):
    return [
        q["sql"]
        for q in captured.captured_queries
        if "MATCH" in q["sql"] or "to_tsquery" in q["sql"]
    ]


def test_removed_documents_are_found_without_reading_every_document(corpus):
    engine = engine_with()
    engine.search(SearchQuery(q="aanpak"))
    ids = list(SearchDocument.objects.order_by("id").values_list("id", flat=True))
    SearchDocument.objects.filter(pk__in=[ids[1], ids[len(ids) // 2]]).delete()
    SearchIndexState.bump()
    with CaptureQueriesContext(connection) as captured:
        results = engine.search(SearchQuery(q="aanpak", sort="newest"))
    assert not full_reads(captured)
    assert_sets_are_exact(loaded())
    assert (
        results.total
        == engine_with(use_bitmaps=False).search(SearchQuery(q="aanpak")).total
    )


def test_removed_documents_gives_up_on_documents_it_never_saw(corpus):
    index = loaded()
    last = max(index.order)
    missing_one = index.documents & ~(1 << min(index.order))
    # The table holds a document the sets do not know (a late commit): no update.
    assert bitmaps.removed_documents(missing_one, last, 0) is None
    # Nothing removed, nothing found; one removed, that one.
    assert bitmaps.removed_documents(index.documents, last, 0) == 0
    pk = sorted(index.order)[3]
    SearchDocument.objects.filter(pk=pk).delete()
    assert bitmaps.removed_documents(index.documents, last, 1) == 1 << pk
    # A wrong expectation is never taken for the truth.
    assert bitmaps.removed_documents(index.documents, last, 2) is None


def test_frequent_terms_are_answered_from_memory(corpus):
    engine = engine_with()
    generation = SearchIndexState.current()
    parsed = engine.parse("aanpak")
    assert ("all", "aanpak") in loaded().terms
    with CaptureQueriesContext(connection) as captured:
        found = engine.clause_set(parsed, 0, generation)
    assert not text_lookups(captured)
    assert found == bitmaps.fetch(*bitmaps.term_source("all", "aanpak"))


def test_rare_terms_are_asked_from_the_database(corpus, monkeypatch):
    monkeypatch.setattr(bitmaps, "TERM_MIN_DOCUMENTS", 10**9)
    bitmaps.forget()
    engine = engine_with()
    generation = SearchIndexState.current()
    assert not loaded().terms
    parsed = engine.parse("aanpak")
    with CaptureQueriesContext(connection) as captured:
        found = engine.clause_set(parsed, 0, generation)
    assert len(text_lookups(captured)) == 1
    assert found == bitmaps.fetch(*bitmaps.term_source("all", "aanpak"))


def test_warm_up_reads_the_sets_before_the_first_search(corpus):
    bitmaps.forget()
    assert warm_up() is not None
    assert bitmaps._loaded
    engine = engine_with()
    with CaptureQueriesContext(connection) as captured:
        engine.search(SearchQuery(q="aanpak", filters={"type": ("practice",)}))
    assert not facet_reads(captured)
    assert not full_reads(captured)


def test_warm_up_does_nothing_for_elasticsearch(corpus, settings):
    settings.SEARCH_ENGINE = "elasticsearch"
    bitmaps.forget()
    assert warm_up() is None
    assert not bitmaps._loaded


def test_a_failing_warm_up_is_logged_and_the_first_search_reads_the_sets(
    corpus, monkeypatch, caplog
):
    def broken(self, generation):
        raise RuntimeError("database not there yet")

    bitmaps.forget()
    monkeypatch.setattr(DatabaseEngine, "bitmaps", broken)
    assert warm_up() is None
    assert "search warm-up failed" in caplog.text
    monkeypatch.undo()
    assert engine_with().search(SearchQuery(q="aanpak")).total


def test_written_documents_take_their_place_in_the_date_order(corpus, site_builder):
    # Without a date (NULL sorts last on SQLite, first on PostgreSQL), with an old
    # one and with today's: each is inserted where ORDER BY date DESC puts it.
    engine = engine_with()
    engine.search(SearchQuery(q="aanpak"))
    documents = []
    for title, date in [
        ("Aanpak zonder datum", None),
        ("Aanpak van lang geleden", datetime.date(1999, 5, 1)),
        ("Aanpak van vandaag", timezone.now().date()),
    ]:
        page = site_builder.practice(title, published=datetime.date(2026, 1, 2))
        document = document_for(page)
        document["date"] = date
        documents.append(document)
    engine.index_documents(documents)
    results = engine.search(SearchQuery(q="aanpak", sort="newest", per_page=100))
    assert_sets_are_exact(loaded())
    reference = engine_with(use_bitmaps=False).search(
        SearchQuery(q="aanpak", sort="newest", per_page=100)
    )
    assert [h.title for h in results.hits] == [h.title for h in reference.hits]
