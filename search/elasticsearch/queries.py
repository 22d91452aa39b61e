"""Request bodies for the Elasticsearch engine, and reading its responses.

Facets follow the same rules as the database engine: the hits are narrowed by a
``post_filter`` with every selected value (OR within a facet, AND across facets); each
facet's aggregation applies the filters of the *other* facets only.
"""

from elasticsearch_dsl import A, Q, Search

from search.analysis import MINIMUM_SHOULD_MATCH
from search.elasticsearch.documents import facet_field, facet_label_field
from search.engines import (
    FACETS,
    MAX_FACET_VALUES,
    Hit,
)
from search.ranking import FIELD_WEIGHTS

SNIPPET_LENGTH = 240
# The database engine's field weights (search.ranking), as multi_match boosts.
FIELDS = [f"{name}^{weight:g}" for name, weight in FIELD_WEIGHTS.items()]
# Documents with every word come first, as on the database engine.
ALL_WORDS_BOOST = 10


def text_query(q, minimum=MINIMUM_SHOULD_MATCH):
    """Most words must match (``minimum``, the database engine's rule); documents
    that have every word get a large boost, so they come first."""
    most = Q(
        "multi_match",
        query=q,
        fields=FIELDS,
        type="cross_fields",
        operator="or",
        minimum_should_match=minimum,
        auto_generate_synonyms_phrase_query=True,
    )
    every = Q(
        "multi_match",
        query=q,
        fields=FIELDS,
        type="cross_fields",
        operator="and",
        boost=ALL_WORDS_BOOST,
        auto_generate_synonyms_phrase_query=True,
    )
    return Q("bool", must=[most], should=[every])


def filter_query(filters, exclude=None):
    clauses = [
        Q("terms", **{facet_field(name): list(values)})
        for name, values in filters.items()
        if values and name != exclude
    ]
    return Q("bool", filter=clauses) if clauses else Q("match_all")


def search_body(query, index, minimum=MINIMUM_SHOULD_MATCH):
    """The request body for a SearchQuery (query.q non-empty means ranked by text)."""
    search = Search(index=index)
    has_text = bool(query.q.strip())
    if has_text:
        search = search.query(text_query(query.q, minimum))
    if query.filters:
        search = search.post_filter(filter_query(query.filters))
    for name in FACETS:
        aggregation = A("filter", filter_query(query.filters, exclude=name))
        aggregation.bucket(
            "values",
            "terms",
            field=facet_label_field(name),
            size=MAX_FACET_VALUES,
        )
        search.aggs.bucket(name, aggregation)
    if has_text and query.sort == "relevance":
        search = search.sort({"_score": "desc"}, {"date": "desc"}, {"page_id": "desc"})
    else:
        search = search.sort({"date": "desc"}, {"page_id": "desc"})
    search = search.highlight_options(
        pre_tags=["<mark>"],
        post_tags=["</mark>"],
        encoder="html",
        number_of_fragments=1,
        fragment_size=SNIPPET_LENGTH,
        no_match_size=SNIPPET_LENGTH,
    ).highlight("snippet_source")
    search = search.source(
        ["page_id", "kind", "title", "url", "date", "municipality", "themes"]
    )
    search = search.extra(track_total_hits=True)
    return search[query.offset : query.offset + query.per_page].to_dict()


def count_body(query, minimum=MINIMUM_SHOULD_MATCH):
    must = [text_query(query.q, minimum)] if query.q.strip() else []
    return {
        "query": Q("bool", must=must, filter=[filter_query(query.filters)]).to_dict()
    }


def suggest_body(prefix, limit):
    return {
        "_source": ["title", "url", "kind"],
        "suggest": {
            "titles": {
                "prefix": prefix,
                "completion": {
                    "field": "title_suggest",
                    "size": limit,
                    "skip_duplicates": True,
                },
            }
        },
    }


def spelling_body(text):
    return {
        "size": 0,
        "suggest": {
            "text": text,
            "spelling": {
                "term": {
                    "field": "body.plain",
                    "suggest_mode": "missing",
                    "min_word_length": 4,
                }
            },
        },
    }


def parse_hits(response):
    hits = []
    for item in response["hits"]["hits"]:
        source = item["_source"]
        fragments = item.get("highlight", {}).get("snippet_source", [])
        hits.append(
            Hit(
                page_id=source.get("page_id"),
                kind=source["kind"],
                title=source["title"],
                url=source["url"],
                snippet=_safe(fragments[0]) if fragments else "",
                municipality=source.get("municipality") or "",
                themes=source.get("themes") or [],
                date=_date(source.get("date")),
                score=item.get("_score"),
            )
        )
    return hits


def parse_total(response):
    return response["hits"]["total"]["value"]


def parse_facets(response, filters):
    """{facet: [{"value", "label", "count"}]} from the aggregations."""
    by_facet = {}
    for name in FACETS:
        buckets = response.get("aggregations", {}).get(name, {}).get("values", {})
        rows = []
        for bucket in buckets.get("buckets", []):
            value, _tab, label = bucket["key"].partition("\t")
            rows.append(
                {"value": value, "label": label or value, "count": bucket["doc_count"]}
            )
        by_facet[name] = rows
    return by_facet


def parse_suggestions(response):
    options = response.get("suggest", {}).get("titles", [{}])[0].get("options", [])
    return [
        {
            "title": o["_source"]["title"],
            "url": o["_source"]["url"],
            "kind": o["_source"]["kind"],
        }
        for o in options
    ]


def parse_spelling(text, response):
    corrected = []
    changed = False
    for entry in response.get("suggest", {}).get("spelling", []):
        options = entry.get("options", [])
        if options:
            corrected.append(options[0]["text"])
            changed = True
        else:
            corrected.append(entry["text"])
    return " ".join(corrected) if changed else ""


def _safe(fragment):
    from django.utils.safestring import mark_safe

    # Elasticsearch escaped the text (encoder "html") and added only <mark> tags.
    return mark_safe(fragment)  # noqa: S308


def _date(value):
    import datetime

    return datetime.date.fromisoformat(value[:10]) if value else None
