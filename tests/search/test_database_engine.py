"""The database engine on the test database (SQLite, or PostgreSQL with DATABASE_URL)."""

import datetime

import pytest

from search.analysis import SynonymSet, parse_query
from search.database import fts5_expression, tsquery_expression
from search.engines import PageOutOfRange, SearchQuery
from search.models import SearchDocument, SearchFacet

from .conftest import rebuild_index

pytestmark = pytest.mark.django_db


def titles(results):
    return [hit.title for hit in results.hits]


def facet_counts(results, name):
    facet = next(f for f in results.facets if f.name == name)
    return {value.value: value.count for value in facet.values}


@pytest.fixture
def small_site(site_builder):
    site_builder.practice(
        "Aanpak criminele jeugdgroepen in Rotterdam-Zuid",
        "Gemeenten en politie pakken jeugdgroepen samen aan.",
        municipality="GM0599",
        themes=["criminele-jeugdgroepen"],
        tracks=["groep"],
        published=datetime.date(2024, 5, 1),
    )
    site_builder.practice(
        "Bibob bij vastgoed",
        "Integriteitstoets voor panden in de wijk.",
        municipality="GM0363",
        themes=["vastgoed-en-huisjesmelkers"],
        interventions=["bestuurlijk"],
        published=datetime.date(2025, 2, 1),
        restricted="Pand aan de Geheimstraat 12 van de familie Verborgen",
    )
    site_builder.practice(
        "Weerbare sportclubs in Fryslân",
        "Sportclubs leren criminele inmenging herkennen.",
        municipality="GM0080",
        themes=["weerbaarheid-van-ondernemers"],
        published=datetime.date(2023, 9, 1),
    )
    site_builder.practice("Nog niet gepubliceerd over jeugdgroepen", live=False)
    site_builder.session(
        "Leerbijeenkomst jeugdgroepen",
        "Gemeenten delen ervaringen met jeugdgroepen.",
        themes=["criminele-jeugdgroepen"],
    )
    return rebuild_index()


def test_rebuild_indexes_live_practices_and_sessions_only(small_site):
    assert small_site == 4
    assert not SearchDocument.objects.filter(title__startswith="Nog niet").exists()


def test_restricted_details_are_never_indexed(small_site, engine):
    document = SearchDocument.objects.get(title="Bibob bij vastgoed")
    assert "geheimstraat" not in document.body_terms
    assert "Geheimstraat" not in document.snippet_source
    assert engine.search(SearchQuery(q="Geheimstraat Verborgen")).total == 0


def test_stemmed_query_finds_plural_and_singular(small_site, engine):
    results = engine.search(SearchQuery(q="jeugdgroep"))
    assert set(titles(results)) == {
        "Aanpak criminele jeugdgroepen in Rotterdam-Zuid",
        "Leerbijeenkomst jeugdgroepen",
    }


def test_accents_are_folded_in_queries_and_documents(small_site, engine):
    assert titles(engine.search(SearchQuery(q="fryslan"))) == [
        "Weerbare sportclubs in Fryslân"
    ]
    assert titles(engine.search(SearchQuery(q="Fryslân"))) == [
        "Weerbare sportclubs in Fryslân"
    ]


def test_title_matches_rank_above_body_matches(site_builder, engine):
    site_builder.practice("Buurtpreventie", "Over witwassen via kappers en witwassen.")
    site_builder.practice("Witwassen aanpakken", "Een aanpak in de wijk.")
    rebuild_index()
    assert titles(engine.search(SearchQuery(q="witwassen")))[0] == "Witwassen aanpakken"


def test_query_without_match_returns_nothing(small_site, engine):
    results = engine.search(SearchQuery(q="kernenergie"))
    assert results.total == 0
    assert results.hits == []


def test_empty_query_lists_everything_newest_first(small_site, engine):
    results = engine.search(SearchQuery(q="", sort="relevance"))
    assert results.total == 4
    dates = [hit.date for hit in results.hits]
    assert dates == sorted(dates, reverse=True)


def test_snippet_marks_matched_words(small_site, engine):
    hit = engine.search(SearchQuery(q="sportclub")).hits[0]
    assert "<mark>Sportclubs</mark>" in hit.snippet


def test_facets_or_within_and_across(small_site, engine):
    results = engine.search(
        SearchQuery(filters={"theme": ("criminele-jeugdgroepen", "witwassen")})
    )
    assert results.total == 2
    results = engine.search(
        SearchQuery(
            filters={
                "theme": ("criminele-jeugdgroepen", "vastgoed-en-huisjesmelkers"),
                "type": ("practice",),
            }
        )
    )
    assert set(titles(results)) == {
        "Aanpak criminele jeugdgroepen in Rotterdam-Zuid",
        "Bibob bij vastgoed",
    }


def test_facet_counts_apply_the_other_facets_only(small_site, engine):
    results = engine.search(SearchQuery(filters={"type": ("session",)}))
    # Type counts ignore the type filter itself: the visitor sees what widening adds.
    assert facet_counts(results, "type") == {"practice": 3, "session": 1}
    # Theme counts take the type filter into account.
    assert facet_counts(results, "theme") == {"criminele-jeugdgroepen": 1}
    selected = [v for f in results.facets for v in f.values if v.selected]
    assert [(v.value, v.selected) for v in selected] == [("session", True)]


def test_unknown_facet_value_gives_no_results_and_a_way_out(small_site, engine):
    results = engine.search(
        SearchQuery(q="jeugdgroepen", filters={"theme": ("bestaat-niet",)})
    )
    assert results.total == 0
    assert [s.kind for s in results.suggestions] == ["remove-filter"]
    assert results.suggestions[0].count == 2


def test_a_typo_finds_the_indexed_word_and_says_so(small_site, engine):
    # A word no document contains also matches the closest indexed word, and the
    # result says which (the page shows "Gezocht op … in plaats van …").
    results = engine.search(SearchQuery(q="sportlcubs"))
    assert results.total >= 1
    assert results.parsed.corrections == (("sportlcubs", "sportclubs"),)
    assert engine.search(SearchQuery(q="sportclubs")).total == results.total


def test_page_past_the_end_raises(small_site, engine):
    with pytest.raises(PageOutOfRange) as error:
        engine.search(SearchQuery(page=2))
    assert error.value.num_pages == 1
    assert engine.search(SearchQuery(page=1)).num_pages == 1


def test_title_suggestions_complete_the_last_word(small_site, engine):
    found = [s["title"] for s in engine.suggest_titles("weerbare sportc")]
    assert found == ["Weerbare sportclubs in Fryslân"]
    assert engine.suggest_titles("x") == []
    assert engine.suggest_titles("zzzz") == []


def test_remove_pages_and_index_documents(small_site, engine, site_builder):
    page = site_builder.practice("Zorgfraude in de wijk", themes=["zorgfraude"])
    from search.sources import document_for

    engine.index_documents([document_for(page)])
    assert engine.search(SearchQuery(q="zorgfraude")).total == 1
    engine.index_documents([document_for(page)])
    assert SearchDocument.objects.filter(page_id=page.pk).count() == 1
    engine.remove_pages([page.pk])
    assert engine.search(SearchQuery(q="zorgfraude")).total == 0
    assert not SearchFacet.objects.filter(document__page_id=page.pk).exists()


def test_query_syntax_is_quoted_for_both_databases():
    parsed = parse_query('NEAR("a" b) c* ^d:* !e', SynonymSet())
    assert fts5_expression(parsed) == (
        '("near") AND ("a") AND ("b") AND ("c") AND ("d") AND ("e")'
    )
    assert tsquery_expression(parsed) == (
        "(('near')) & (('a')) & (('b')) & (('c')) & (('d')) & (('e'))"
    )


def test_phrases_compile_to_adjacent_terms():
    parsed = parse_query("OM", SynonymSet([["OM", "Openbaar Ministerie"]]))
    assert fts5_expression(parsed) == '("om" OR "open ministerie")'
    assert tsquery_expression(parsed) == "(('om') | ('open' <-> 'ministerie'))"


def test_spelling_suggestion_drops_filters_when_needed(small_site, engine):
    results = engine.search(
        SearchQuery(q="sportlcubs", filters={"theme": ("onbekend",)})
    )
    spelling = [s for s in results.suggestions if s.kind == "spelling"]
    assert spelling[0].query.filters == {}
    assert spelling[0].count == 1
