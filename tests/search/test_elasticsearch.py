"""The Elasticsearch engine without a cluster: generated mappings and request bodies are
compared with reviewed fixtures, recorded responses are parsed, and the rebuild's alias
switch is checked against a fake client."""

import json
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import pytest
from elasticsearch import ConnectionError as TransportConnectionError

from search.elasticsearch import indexing, queries
from search.elasticsearch.documents import index_body, synonym_rules
from search.elasticsearch.engine import ElasticsearchEngine
from search.engines import PageOutOfRange, SearchQuery, SearchUnavailable
from search.lexicon import decompound_word_list

FIXTURES = Path(__file__).parent / "fixtures"
GROUPS = [
    ["RIEC", "Regionaal Informatie- en Expertisecentrum"],
    ["OM", "Openbaar Ministerie"],
    ["Den Haag", "'s-Gravenhage"],
]


def fixture(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def test_index_body_matches_the_reviewed_mapping():
    body = index_body(GROUPS)
    # The decompounder's word list is wordfreq's (tens of thousands of words): the
    # fixture holds a placeholder, the list is checked here.
    decompounder = body["settings"]["analysis"]["filter"]["dutch_decompounder"]
    word_list = decompounder["word_list"]
    assert list(word_list) == list(decompound_word_list())
    assert {"jeugd", "groepen", "drugs", "overlast", "woning"} <= set(word_list)
    assert not {"ver", "eren", "heid"} & set(word_list)
    decompounder["word_list"] = ["(search.lexicon.decompound_word_list)"]
    if os.environ.get("RECORD_ES_FIXTURES"):
        (FIXTURES / "es_index_body.json").write_text(
            json.dumps(body, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
            encoding="utf-8",
        )
    assert body == fixture("es_index_body.json")


def test_search_body_matches_the_reviewed_request():
    query = SearchQuery(
        q="criminele jeugdgroepen",
        filters={
            "theme": ("criminele-jeugdgroepen", "witwassen"),
            "municipality": ("rotterdam",),
        },
        page=2,
    )
    body = queries.search_body(query, "kennisportaal-documents")
    if os.environ.get("RECORD_ES_FIXTURES"):
        (FIXTURES / "es_search_body.json").write_text(
            json.dumps(body, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
            encoding="utf-8",
        )
    assert body == fixture("es_search_body.json")


def test_each_facet_aggregation_leaves_out_its_own_filter():
    query = SearchQuery(filters={"theme": ("witwassen",), "year": ("2025",)})
    aggs = queries.search_body(query, "x")["aggs"]
    assert aggs["theme"]["filter"] == {
        "bool": {"filter": [{"terms": {"f_year": ["2025"]}}]}
    }
    assert aggs["year"]["filter"] == {
        "bool": {"filter": [{"terms": {"f_theme": ["witwassen"]}}]}
    }
    assert aggs["track"]["filter"]["bool"]["filter"] == [
        {"terms": {"f_theme": ["witwassen"]}},
        {"terms": {"f_year": ["2025"]}},
    ]


def test_empty_query_sorts_newest_first_without_a_text_query():
    body = queries.search_body(SearchQuery(q="  "), "x")
    assert "query" not in body
    assert "post_filter" not in body
    assert body["sort"] == [{"date": "desc"}, {"page_id": "desc"}]
    assert body["from"] == 0


def test_synonym_rules_keep_acronyms_and_drop_stop_words():
    assert synonym_rules(GROUPS) == [
        "OM, openbaar ministerie",
        "RIEC, regionaal informatie expertisecentrum",
        "den haag, gravenhage",
    ]
    assert synonym_rules([["de", "het"], ["RIEC"]]) == []


class FakeElasticsearch:
    """Answers with recorded responses and remembers what it was asked."""

    def __init__(self, search_response=None, error=None):
        self.search_response = search_response
        self.error = error
        self.calls = []
        self.indices = FakeIndices(self.calls)

    def search(self, index, body):
        self.calls.append(("search", index, body))
        if self.error:
            raise self.error
        return self.search_response

    def count(self, index, body):
        self.calls.append(("count", index, body))
        return {"count": 0}


class FakeIndices:
    def __init__(self, calls, existing=("kennisportaal-documents-old",)):
        self.calls = calls
        self.existing = list(existing)

    def create(self, index, **body):
        self.calls.append(("create", index, sorted(body)))

    def refresh(self, index):
        self.calls.append(("refresh", index))

    def exists_alias(self, name):
        return bool(self.existing)

    def get_alias(self, name, ignore_unavailable):
        return {index: {"aliases": {name: {}}} for index in self.existing}

    def update_aliases(self, actions):
        self.calls.append(("update_aliases", actions))

    def delete(self, index, ignore_unavailable):
        self.calls.append(("delete", index))


@pytest.fixture
def es_settings(settings):
    settings.ELASTICSEARCH_URL = "http://elasticsearch.invalid:9200"
    settings.ELASTICSEARCH_INDEX_PREFIX = "kennisportaal"
    return settings


@pytest.mark.django_db
def test_recorded_response_becomes_search_results(es_settings):
    engine = ElasticsearchEngine(FakeElasticsearch(fixture("es_search_response.json")))
    results = engine.search(SearchQuery(q="criminele jeugdgroepen", page=2))
    assert results.total == 12
    first, second = results.hits
    assert first.title == "Aanpak criminele jeugdgroepen in Rotterdam-Zuid"
    assert str(first.snippet) == (
        "Gemeente &amp; politie pakken <mark>criminele</mark> <mark>jeugdgroepen</mark>"
        " aan &lt;samen&gt;"
    )
    assert first.date.isoformat() == "2025-03-14"
    assert (second.kind, second.date, second.snippet) == ("session", None, "")
    facets = {facet.name: facet for facet in results.facets}
    assert [(v.value, v.label, v.count) for v in facets["type"].values] == [
        ("practice", "Praktijk", 10),
        ("session", "Leerbijeenkomst", 2),
    ]
    # Years newest first, as on the database engine.
    assert [v.value for v in facets["year"].values] == ["2025", "2024"]
    assert engine.es.calls[0][1] == "kennisportaal-documents"


@pytest.mark.django_db
def test_page_past_the_end_is_reported(es_settings):
    engine = ElasticsearchEngine(FakeElasticsearch(fixture("es_search_response.json")))
    with pytest.raises(PageOutOfRange):
        engine.search(SearchQuery(q="x", page=3))


@pytest.mark.django_db
def test_cluster_down_is_search_unavailable_and_a_503(client, es_settings, monkeypatch):
    engine = ElasticsearchEngine(
        FakeElasticsearch(error=TransportConnectionError("down"))
    )
    with pytest.raises(SearchUnavailable):
        engine.search(SearchQuery(q="x"))
    monkeypatch.setattr("search.views.get_engine", lambda: engine)
    response = client.get("/zoeken/", {"q": "witwassen"})
    assert response.status_code == 503
    assert "niet beschikbaar" in response.content.decode()
    assert client.get("/api/zoeken/", {"q": "x"}).status_code == 503
    assert client.get("/zoeken/suggesties/", {"q": "wit"}).json()["suggestions"] == []


def test_engine_needs_a_url(settings):
    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(ImproperlyConfigured, match="ELASTICSEARCH_URL"):
        ElasticsearchEngine()


def document(page_id):
    import datetime

    return {
        "page_id": page_id,
        "kind": "practice",
        "title": f"Praktijk {page_id}",
        "url": f"/p/{page_id}/",
        "date": datetime.date(2025, 1, 1),
        "snippet_source": "Samenvatting",
        "body": "Tekst",
        "municipality": "Rotterdam",
        "themes": ["Witwassen"],
        "facets": {"theme": [("witwassen", "Witwassen")], "year": [("2025", "2025")]},
    }


def test_source_has_facet_values_and_labels():
    source = indexing.source(document(7))
    assert source["f_theme"] == ["witwassen"]
    assert source["fl_theme"] == ["witwassen\tWitwassen"]
    assert source["date"] == "2025-01-01"
    assert "Witwassen" in source["body"]


def test_rebuild_fills_a_new_index_then_switches_the_alias(monkeypatch):
    batches = []
    monkeypatch.setattr(
        indexing,
        "bulk",
        lambda es, actions, **kw: (
            batches.append(list(actions)) or (len(batches[-1]), [])
        ),
    )
    es = FakeElasticsearch()
    progress = []
    count = indexing.rebuild(
        es, "kennisportaal", GROUPS, (document(i) for i in range(5)), 2, progress.append
    )
    assert count == 5
    assert [len(b) for b in batches] == [2, 2, 1]
    assert progress == [2, 4, 5]
    create, *_rest = es.calls
    new_index = create[1]
    assert new_index.startswith("kennisportaal-documents-")
    assert all(action["_index"] == new_index for batch in batches for action in batch)
    switch = next(call for call in es.calls if call[0] == "update_aliases")
    assert switch[1] == [
        {
            "remove": {
                "index": "kennisportaal-documents-old",
                "alias": "kennisportaal-documents",
            }
        },
        {"add": {"index": new_index, "alias": "kennisportaal-documents"}},
    ]
    assert es.calls[-1] == ("delete", "kennisportaal-documents-old")


def test_failed_rebuild_leaves_the_alias_alone(monkeypatch):
    def failing_bulk(es, actions, **kwargs):
        list(actions)
        return 0, [{"index": {"error": "mapper_parsing_exception"}}]

    monkeypatch.setattr(indexing, "bulk", failing_bulk)
    es = FakeElasticsearch()
    with pytest.raises(RuntimeError, match="weigerde"):
        indexing.rebuild(es, "kennisportaal", GROUPS, [document(1)], 10)
    assert not any(call[0] == "update_aliases" for call in es.calls)
    assert es.calls[-1][0] == "delete"
    assert es.calls[-1][1].startswith("kennisportaal-documents-")
    assert es.calls[-1][1] != "kennisportaal-documents-old"
