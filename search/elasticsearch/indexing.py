"""Keeping the Elasticsearch index current: bulk indexing, single updates, and rebuilds
into a new index followed by an atomic alias switch (search never goes down).

Index names are ``{ELASTICSEARCH_INDEX_PREFIX}-documents-{timestamp}``; searches use the
alias ``{ELASTICSEARCH_INDEX_PREFIX}-documents``.
"""

import contextlib
import datetime

from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.helpers import bulk

from search.elasticsearch.documents import facet_field, facet_label_field, index_body


def alias_name(prefix):
    return f"{prefix}-documents"


def new_index_name(prefix, now=None):
    now = now or datetime.datetime.now(datetime.UTC)
    return f"{alias_name(prefix)}-{now:%Y%m%d%H%M%S%f}"


def client(url, timeout):
    return Elasticsearch(
        url, request_timeout=timeout, retry_on_timeout=True, max_retries=2
    )


def source(document):
    """The Elasticsearch source of an engine-neutral document (see search.sources)."""
    from search.database import searchable_body

    body = {
        "page_id": document["page_id"],
        "kind": document["kind"],
        "title": document["title"],
        "title_suggest": {"input": [document["title"]]},
        "body": searchable_body(document),
        "snippet_source": document["snippet_source"],
        "url": document["url"],
        "date": document["date"].isoformat() if document["date"] else None,
        "municipality": document["municipality"],
        "themes": document["themes"],
    }
    for name, values in document["facets"].items():
        body[facet_field(name)] = [str(value) for value, _label in values]
        body[facet_label_field(name)] = [f"{value}\t{label}" for value, label in values]
    return body


def actions(documents, index):
    for document in documents:
        yield {"_index": index, "_id": document["page_id"], "_source": source(document)}


def index_documents(es, alias, documents):
    success, errors = bulk(
        es, actions(documents, alias), raise_on_error=False, refresh="wait_for"
    )
    if errors:
        raise RuntimeError(
            f"Elasticsearch weigerde {len(errors)} documenten: {errors[:3]}"
        )
    return success


def remove_pages(es, alias, page_ids):
    for page_id in page_ids:
        with contextlib.suppress(NotFoundError):
            es.delete(index=alias, id=page_id, refresh="wait_for")


def rebuild(es, prefix, synonym_groups, documents, batch_size, progress=None):
    """Build a complete new index, then move the alias to it in one atomic action and
    delete the old indices. A failure leaves the alias (and search) on the old index."""
    alias = alias_name(prefix)
    index = new_index_name(prefix)
    es.indices.create(index=index, **index_body(synonym_groups))
    count = 0
    try:
        batch = []
        for document in documents:
            batch.append(document)
            if len(batch) >= batch_size:
                count += _bulk(es, index, batch)
                if progress:
                    progress(count)
                batch = []
        if batch:
            count += _bulk(es, index, batch)
            if progress:
                progress(count)
        es.indices.refresh(index=index)
    except Exception:
        es.indices.delete(index=index, ignore_unavailable=True)
        raise
    old = (
        list(es.indices.get_alias(name=alias, ignore_unavailable=True).keys())
        if (es.indices.exists_alias(name=alias))
        else []
    )
    es.indices.update_aliases(actions=switch_actions(alias, index, old))
    for name in old:
        es.indices.delete(index=name, ignore_unavailable=True)
    return count


def switch_actions(alias, new_index, old_indices):
    return [
        *({"remove": {"index": name, "alias": alias}} for name in old_indices),
        {"add": {"index": new_index, "alias": alias}},
    ]


def _bulk(es, index, batch):
    success, errors = bulk(es, actions(batch, index), raise_on_error=False)
    if errors:
        raise RuntimeError(
            f"Elasticsearch weigerde {len(errors)} documenten: {errors[:3]}"
        )
    return success
