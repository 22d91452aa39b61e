"""The Elasticsearch engine behind the one search interface."""

import functools
import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from elasticsearch import ApiError, TransportError

from search.database import build_facets
from search.elasticsearch import indexing, queries
from search.engines import (
    PER_PAGE,
    PageOutOfRange,
    SearchEngine,
    SearchResults,
    SearchUnavailable,
)

logger = logging.getLogger(__name__)


def unavailable_on_error(method):
    """Cluster and index errors while searching become SearchUnavailable (a 503 page),
    never a 500."""

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except (ApiError, TransportError) as error:
            logger.exception("Elasticsearch did not answer a search")
            raise SearchUnavailable(str(error)) from error

    return wrapper


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, es=None):
        if es is None:
            if not settings.ELASTICSEARCH_URL:
                raise ImproperlyConfigured(
                    "SEARCH_ENGINE is 'elasticsearch' but ELASTICSEARCH_URL is empty."
                )
            es = indexing.client(
                settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT
            )
        self.es = es
        self.alias = indexing.alias_name(settings.ELASTICSEARCH_INDEX_PREFIX)

    @unavailable_on_error
    def search(self, query):
        parsed = self.parse(query.q)
        body = queries.search_body(query, self.alias)
        response = _body(self.es.search(index=self.alias, body=body))
        if len(parsed.clauses) > 1 and queries.parse_total(response) < PER_PAGE:
            # Less than a page with most words: widen to any word, as the database
            # engine does (the documents with every word still come first).
            body = queries.search_body(query, self.alias, minimum="1")
            response = _body(self.es.search(index=self.alias, body=body))
        return self.results(query, parsed, response)

    def results(self, query, parsed, response):
        total = queries.parse_total(response)
        num_pages = max(1, -(-total // query.per_page))
        if query.page > num_pages:
            raise PageOutOfRange(num_pages)
        results = SearchResults(
            query=query,
            parsed=parsed,
            hits=queries.parse_hits(response),
            total=total,
            facets=build_facets(
                queries.parse_facets(response, query.filters), query.filters
            ),
        )
        if not total:
            results.suggestions = self.suggestions(query, parsed)
        return results

    @unavailable_on_error
    def count(self, query):
        return _body(self.es.count(index=self.alias, body=queries.count_body(query)))[
            "count"
        ]

    @unavailable_on_error
    def suggest_titles(self, prefix, limit=8):
        if len(prefix.strip()) < 2:
            return []
        response = self.es.search(
            index=self.alias, body=queries.suggest_body(prefix, limit)
        )
        return queries.parse_suggestions(_body(response))

    @unavailable_on_error
    def spelling_correction(self, text):
        if not text.strip():
            return ""
        response = self.es.search(index=self.alias, body=queries.spelling_body(text))
        return queries.parse_spelling(text, _body(response))

    def vocabulary_candidates(self, word):
        return []  # spelling_correction asks Elasticsearch's term suggester instead

    def index_documents(self, documents):
        return indexing.index_documents(self.es, self.alias, documents)

    def remove_pages(self, page_ids):
        indexing.remove_pages(self.es, self.alias, page_ids)

    def rebuild(self, documents, batch_size=500, progress=None):
        from search.models import Synonym

        groups = [synonym.forms for synonym in Synonym.objects.all()]
        return indexing.rebuild(
            self.es,
            settings.ELASTICSEARCH_INDEX_PREFIX,
            groups,
            documents,
            batch_size,
            progress,
        )


def _body(response):
    return getattr(response, "body", response)
