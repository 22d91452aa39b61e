"""The relevance suite against a live Elasticsearch 8 cluster.

Runs only when ELASTICSEARCH_URL is set (e.g. ``ELASTICSEARCH_URL=http://localhost:9200
pytest tests/search/test_elasticsearch_live.py``; docs/search.md shows how to start a
cluster). Uses its own throw-away index prefix and deletes it afterwards.
"""

import os
import uuid

import pytest

from search.elasticsearch.engine import ElasticsearchEngine
from search.engines import SearchQuery
from search.sources import all_documents

from .relevance import build_corpus, check

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.django_db,
    pytest.mark.skipif(
        not os.environ.get("ELASTICSEARCH_URL"),
        reason="*** ELASTICSEARCH TESTS SKIPPED: set ELASTICSEARCH_URL to run the "
        "relevance suite against a live cluster ***",
    ),
]


@pytest.fixture
def live_engine(settings):
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX_PREFIX = f"kennisportaal-test-{uuid.uuid4().hex[:8]}"
    engine = ElasticsearchEngine()
    yield engine
    engine.es.indices.delete(
        index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-documents-*",
        ignore_unavailable=True,
    )


def test_relevance_suite_on_elasticsearch(site_builder, live_engine):
    build_corpus(site_builder)
    live_engine.rebuild(all_documents())
    failures = check(live_engine)
    assert not failures, "on Elasticsearch:\n" + "\n".join(failures)


def test_rebuild_twice_keeps_one_index_behind_the_alias(site_builder, live_engine):
    build_corpus(site_builder)
    live_engine.rebuild(all_documents())
    live_engine.rebuild(all_documents())
    indices = live_engine.es.indices.get_alias(name=live_engine.alias)
    assert len(indices) == 1
    assert live_engine.search(SearchQuery(q="witwassen")).total >= 3
