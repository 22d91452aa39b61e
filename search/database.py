"""The database engine: full-text search over the search app's own tables.

The text is normalised once in Python (search.analysis); the database only matches
terms. SQLite uses the FTS5 table ``search_fts``, PostgreSQL the generated ``search_vector``
column ('simple' configuration). Both index the same term strings, so both find the
same documents for the same query, and search.ranking orders them the same way on
both. Facet counts come from the ORM in one grouped query.
"""

import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import replace

from django.core.cache import cache
from django.db import connection, connections, transaction
from django.db.models import BooleanField, Exists, OuterRef
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from search import bitmaps, ranking
from search.analysis import (
    AllOf,
    highlight,
    minimum_should_match,
    normalise,
    normalise_text,
    stem,
    words,
)
from search.engines import (
    FACETS,
    MAX_FACET_VALUES,
    PER_PAGE,
    Facet,
    FacetValue,
    Hit,
    PageOutOfRange,
    SearchEngine,
    SearchResults,
)
from search.models import (
    IndexedWord,
    SearchDocument,
    SearchFacet,
    SearchFacetKey,
    SearchIndexState,
)

logger = logging.getLogger(__name__)

# Facets whose labels are also searchable words of the document.
TEXT_FACETS = (
    "type",
    "theme",
    "tag",
    "municipality",
    "riec",
    "intervention",
    "partner",
    "track",
)
# Up to this many matches every match is ranked (search.ranking, in Python: the terms
# of every match are read). Above it the engine ranks in steps: the documents with
# every word in the title (ranked, or newest first when they too are more than this),
# the other documents with every word, then those with most words, newest first.
RANK_ALL_LIMIT = 500
# Facet counts by complement when the matches are more than this share of the base set
# (the documents that pass the filters): base counts minus the non-matches' counts.
COMPLEMENT_SHARE = 0.5
# Seconds that totals and facet counts stay cached. Every index write starts a new
# generation, so an entry is never stale; the timeout only bounds memory.
CACHE_TIMEOUT = 600
# Clause sets (search.bitmaps) kept per process while the cache is on: a repeated
# query reads its page without asking the database for its clauses again.
CLAUSE_SETS_KEPT = 64


def _fts5_clause(clause):
    alternatives = []
    for alternative in clause:
        if isinstance(alternative, AllOf):
            alternatives.append("(" + " AND ".join(f'"{t}"' for t in alternative) + ")")
        else:
            alternatives.append(f'"{" ".join(alternative)}"')
    return "(" + " OR ".join(alternatives) + ")"


def fts5_expression(parsed, column=None, clauses=None):
    """An FTS5 MATCH expression: every clause (``parsed.requires_all``) or any clause
    (the candidates of a "most words" query, see :func:`match_sql`). Every term is
    quoted, so FTS5 operators in the visitor's text (NEAR, AND, *, ^, ...) never
    reach FTS5 as syntax."""
    clauses = parsed.clauses if clauses is None else clauses
    operator = " AND " if parsed.requires_all else " OR "
    expression = operator.join(_fts5_clause(clause) for clause in clauses)
    return f"{{{column}}} : ({expression})" if column else expression


def _tsquery_clause(clause):
    alternatives = []
    for alternative in clause:
        if isinstance(alternative, AllOf):
            alternatives.append("(" + " & ".join(f"'{t}'" for t in alternative) + ")")
        else:
            alternatives.append(
                "(" + " <-> ".join(f"'{term}'" for term in alternative) + ")"
            )
    return "(" + " | ".join(alternatives) + ")"


def tsquery_expression(parsed, clauses=None):
    """A to_tsquery text; phrases use <-> (followed by) on the normalised positions;
    clauses are joined with & (every clause) or | (any clause, see match_sql)."""
    clauses = parsed.clauses if clauses is None else clauses
    operator = " & " if parsed.requires_all else " | "
    return operator.join(_tsquery_clause(clause) for clause in clauses)


def match_sql(parsed, alias, negate=False):
    """A condition on the document row ``alias``: it matches ``parsed``, that is at
    least ``parsed.required`` of its clauses (``negate``: it does not).

    "Most words" is the index match of *any* clause (FTS5 / GIN) plus the number of
    clauses matched, each one an index lookup too, compared with the minimum."""
    if vendor() == "sqlite":
        lookup = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
        sql = f"{alias}.id IN ({lookup})"  # noqa: S608
        params = [fts5_expression(parsed)]
        if not parsed.requires_all:
            each = " + ".join(f"({alias}.id IN ({lookup}))" for _c in parsed.clauses)  # noqa: S608
            sql = f"({sql} AND ({each}) >= %s)"
            params += [_fts5_clause(c) for c in parsed.clauses] + [parsed.required]
        return (f"NOT ({sql})" if negate else sql), params
    if negate:
        # NOT EXISTS: PostgreSQL makes it a hash anti-join, while NOT (...) would
        # evaluate the match on every row.
        inner, params = match_sql(parsed, "m")
        sql = (
            "NOT EXISTS (SELECT 1 FROM search_searchdocument m "  # noqa: S608
            f"WHERE m.id = {alias}.id AND {inner})"
        )
        return sql, params
    sql = f"{alias}.search_vector @@ to_tsquery('simple', %s)"
    params = [tsquery_expression(parsed)]
    if not parsed.requires_all:
        each = " + ".join(
            f"({alias}.search_vector @@ to_tsquery('simple', %s))::int"
            for _c in parsed.clauses
        )
        sql = f"({sql} AND ({each}) >= %s)"
        params += [_tsquery_clause(c) for c in parsed.clauses] + [parsed.required]
    return sql, params


def vendor():
    if connection.vendor not in ("sqlite", "postgresql"):
        raise NotImplementedError(
            f"The database search engine supports SQLite and PostgreSQL, "
            f"not {connection.vendor}."
        )
    return connection.vendor


DOCUMENT_ID = '"search_searchdocument"."id"'


def raw(sql, params, output_field=None):
    """Raw SQL for what the ORM cannot say (FTS5 MATCH, tsquery, ranking). The SQL text
    is built only from constants in this module; the query travels as a parameter, and
    even that holds nothing but quoted [a-z0-9] terms."""
    return RawSQL(sql, params, output_field=output_field)  # noqa: S611


def text_filter(parsed):
    """A boolean expression: the search document matches ``parsed``."""
    sql, params = match_sql(parsed, '"search_searchdocument"')
    return raw(sql, params, BooleanField())


def facet_filter(name, values, outer="pk"):
    return Exists(
        SearchFacet.objects.filter(
            document=OuterRef(outer), facet=name, value__in=values
        )
    )


def title_filter(parsed):
    """A boolean expression: the whole query matches in the title."""
    if vendor() == "sqlite":
        sql = (
            f"{DOCUMENT_ID} IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"  # noqa: S608
        )
        return raw(sql, [fts5_expression(parsed, "title_terms")], BooleanField())
    sql = "\"search_searchdocument\".title_vector @@ to_tsquery('simple', %s)"
    return raw(sql, [tsquery_expression(parsed)], BooleanField())


def alternatives_source(alternatives):
    """SQL (one column ``id``) and parameters for the documents that match any of
    ``alternatives`` (a clause, or the part of it not kept in memory)."""
    if vendor() == "sqlite":
        sql = "SELECT rowid AS id FROM search_fts WHERE search_fts MATCH %s"
        return sql, [_fts5_clause(alternatives)]
    sql = (
        "SELECT id FROM search_searchdocument "
        "WHERE search_vector @@ to_tsquery('simple', %s)"
    )
    return sql, [_tsquery_clause(alternatives)]


def clause_source(parsed, index=None, column=None):
    """SQL (one column ``id``) and parameters for the documents that match clause
    ``index`` of ``parsed``, or, with ``column="title"``, every clause in the title."""
    if vendor() == "sqlite":
        if column:
            expression = fts5_expression(parsed.with_minimum(None), "title_terms")
        else:
            expression = _fts5_clause(parsed.clauses[index])
        sql = "SELECT rowid AS id FROM search_fts WHERE search_fts MATCH %s"
        return sql, [expression]
    if column:
        vector, expression = (
            "title_vector",
            tsquery_expression(parsed.with_minimum(None)),
        )
    else:
        vector, expression = "search_vector", _tsquery_clause(parsed.clauses[index])
    sql = f"SELECT id FROM search_searchdocument WHERE {vector} @@ to_tsquery('simple', %s)"  # noqa: S608
    return sql, [expression]


_kept_sets = OrderedDict()
_kept_lock = threading.Lock()
# The clause sets of the search running in this thread: the "most words" steps, the
# counts, the ranking statistics and the page all use the same sets.
_scope = threading.local()


@contextmanager
def search_scope():
    """Within one search, each clause's set of documents is read once."""
    outer = getattr(_scope, "sets", None)
    if outer is None:
        _scope.sets = {}
    try:
        yield
    finally:
        if outer is None:
            _scope.sets = None


# --- sets of documents as SQL conditions on a document id column -----------------


def filter_conditions(filters, keys=None):
    """Each selected facet as a condition on the document ``d``: on PostgreSQL an
    overlap of its facet value numbers (GIN), on SQLite a semi-join on SearchFacet."""
    conditions = []
    for name in sorted(filters):
        values = sorted(filters[name])
        if keys is not None:
            numbers = [keys[(name, v)][0] for v in values if (name, v) in keys]
            conditions.append(("d.facet_keys && %s::integer[]", [numbers]))
            continue
        marks = ", ".join(["%s"] * len(values))
        sql = (
            "d.id IN (SELECT document_id FROM search_searchfacet "  # noqa: S608
            f"WHERE facet = %s AND value IN ({marks}))"
        )
        conditions.append((sql, [name, *values]))
    return conditions


def document_match(parsed, negate=False):
    """The document ``d`` matches (or, with ``negate``, does not match) the words."""
    return match_sql(parsed, "d", negate=negate)


def run(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def count_documents(conditions):
    where, params = _where(conditions)
    sql = f"SELECT COUNT(*) FROM search_searchdocument d {where}"  # noqa: S608
    return run(sql, params)[0][0]


def count_facets(names, conditions, keys=None):
    """{(facet, value): count} over the documents ``d`` that satisfy every condition.
    PostgreSQL unnests the documents' facet value numbers; SQLite joins SearchFacet."""
    where, params = _where(conditions)
    if keys is not None:
        sql = (
            "SELECT k, COUNT(*) FROM search_searchdocument d, "  # noqa: S608
            f"unnest(d.facet_keys) k {where} GROUP BY k"
        )
        by_number = {number: key for key, (number, _label) in keys.items()}
        wanted = set(names)
        counts = {}
        for number, count in run(sql, params):
            key = by_number.get(number)
            if key and key[0] in wanted:
                counts[key] = count
        return counts
    marks = ", ".join(["%s"] * len(names))
    # With conditions, "+facet" keeps SQLite from scanning every row of the facets
    # through the (facet, value) index: it looks the documents' rows up by document
    # instead (250 -> 60 ms for a rare word at 100,000 documents).
    column = "+facet" if conditions and vendor() == "sqlite" else "facet"
    sql = f"SELECT facet, value, COUNT(*) FROM search_searchfacet WHERE {column} IN ({marks})"  # noqa: S608
    if conditions:
        sql += f" AND document_id IN (SELECT d.id FROM search_searchdocument d {where})"  # noqa: S608
    sql += " GROUP BY facet, value"
    return {
        (facet, value): count for facet, value, count in run(sql, [*names, *params])
    }


def estimated_rows(conditions):
    """PostgreSQL's estimate of the number of documents ``d`` that satisfy every
    condition: a plan, not a count (well under a millisecond)."""
    where, params = _where(conditions)
    sql = f"EXPLAIN (FORMAT JSON) SELECT 1 FROM search_searchdocument d {where}"  # noqa: S608
    plan = run(sql, params)[0][0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return plan[0]["Plan"]["Plan Rows"]


def total_from_type_counts(counts, filters):
    """The number of matches from the facet counts: every document has exactly one
    type (see ``with_one_type``), counted with all other filters applied."""
    selected = filters.get("type")
    return sum(
        count
        for (facet, value), count in counts.items()
        if facet == "type" and (not selected or value in selected)
    )


def count_facet_groups(groups, group_conditions, text_condition, keys):
    """PostgreSQL: facet counts of several groups in one pass. Group ``i`` counts the
    values of the facets ``groups[i]`` over the documents that satisfy
    ``text_condition`` and all of ``group_conditions[i]``; each document is read
    once, with a flag per group."""
    flags, flag_params = [], []
    for conditions in group_conditions:
        sql, params = _where(conditions)
        flags.append(sql.removeprefix("WHERE ") or "TRUE")
        flag_params.extend(params)
    text_sql, text_params = text_condition
    columns = ", ".join(f"({flag}) AS g{i}" for i, flag in enumerate(flags))
    counts = ", ".join(f"COUNT(*) FILTER (WHERE s.g{i})" for i in range(len(flags)))
    sql = (
        f"SELECT k, {counts} FROM (SELECT d.facet_keys, {columns} "  # noqa: S608
        f"FROM search_searchdocument d WHERE {text_sql} AND ("
        + " OR ".join(f"({flag})" for flag in flags)
        + ")) s, unnest(s.facet_keys) k GROUP BY k"
    )
    params = [*flag_params, *text_params, *flag_params]
    by_number = {number: key for key, (number, _label) in keys.items()}
    found = [{} for _group in groups]
    for number, *group_counts in run(sql, params):
        key = by_number.get(number)
        if key is None:
            continue
        for i, names in enumerate(groups):
            if key[0] in names and group_counts[i]:
                found[i][key] = group_counts[i]
    return found


def _where(conditions):
    if not conditions:
        return "", []
    params = []
    for _sql, extra in conditions:
        params.extend(extra)
    return "WHERE " + " AND ".join(sql for sql, _ in conditions), params


@contextmanager
def planner():
    """On PostgreSQL: prefer the GIN index to a sequential scan for text matches.

    The planner prices ``@@`` like any cheap operator, so for a word in most documents
    it reads the whole table and de-TOASTs every tsvector (~250 ms at 100,000
    documents) instead of the GIN bitmap and the narrow heap (~15 ms). ``SET LOCAL``
    lasts until the end of the transaction; inside a caller's transaction the setting
    is put back afterwards (on an error the rollback puts it back)."""
    if vendor() != "postgresql":
        yield
        return
    nested = connection.in_atomic_block
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield
        if nested:
            with connection.cursor() as cursor:
                cursor.execute("RESET enable_seqscan")


class DatabaseEngine(SearchEngine):
    name = "database"
    rank_all_limit = RANK_ALL_LIMIT
    # Fewer matches than this (a page): widen to documents with fewer of the words.
    enough = PER_PAGE
    complement_share = COMPLEMENT_SHARE
    # The cache of totals and facet counts per (query, filters, generation); the
    # benchmark switches it off to measure cold searches.
    use_cache = True
    # Count and page with sets of documents in memory (search.bitmaps); False uses
    # the SQL counts, kept as the reference the tests compare the sets with.
    use_bitmaps = True

    # --- searching -------------------------------------------------------------

    def _filtered(self, parsed, filters, keys=None):
        documents = SearchDocument.objects.all()
        for name, values in filters.items():
            if not values:
                continue
            if keys is None:
                documents = documents.filter(facet_filter(name, values))
            else:
                numbers = [keys[(name, v)][0] for v in values if (name, v) in keys]
                documents = documents.filter(
                    raw(
                        '"search_searchdocument".facet_keys && %s::integer[]',
                        [numbers],
                        BooleanField(),
                    )
                )
        return documents

    def count(self, query):
        filters = selected_filters(query.filters)
        with planner(), search_scope():
            parsed, summary = self.matching(self.parse(query.q), filters)
            return summary["total"]

    def parse(self, text):
        return self.corrected(super().parse(text))

    def synonyms(self):
        """The editors' synonyms, read once per index generation (every synonym
        change starts a new one, search.signals)."""
        key = (connection.alias, vendor(), SearchIndexState.current())
        kept = getattr(self, "_synonyms", None)
        if kept is not None and kept[0] == key and key[2]:
            return kept[1]
        synonyms = super().synonyms()
        self._synonyms = (key, synonyms)
        return synonyms

    def clause_exists(self, parsed, index):
        if self.use_bitmaps:
            generation = SearchIndexState.current()
            found, left = self.bitmaps(generation).clause(parsed.clauses[index])
            if found or not left:
                return bool(found)
        one = replace(parsed, clauses=(parsed.clauses[index],), minimum=None)
        key = cache_key("exists", SearchIndexState.current(), expression(one), {})
        found = cache.get(key)
        if found is None:
            where, params = _where([document_match(one)])
            sql = f"SELECT 1 FROM search_searchdocument d {where} LIMIT 1"  # noqa: S608
            found = bool(run(sql, params))
            cache.set(key, found, CACHE_TIMEOUT)
        return found

    def matching(self, parsed, filters, generation=None):
        """(parsed, summary) with the minimum number of clauses to match: "most
        words" (:func:`minimum_should_match`), and fewer, down to one, while that
        finds less than a page of results (``enough``). Never empty-handed when any
        word matches; the documents with every word still come first."""
        if generation is None:
            generation = SearchIndexState.current()
        minimum = minimum_should_match(len(parsed.clauses))
        while True:
            parsed = parsed.with_minimum(minimum)
            summary = self.summary(parsed, filters, generation)
            if summary["total"] >= self.enough or minimum <= 1:
                return parsed, summary
            minimum -= 1

    def search(self, query):
        filters = selected_filters(query.filters)
        with planner(), search_scope():
            generation = SearchIndexState.current()
            parsed, summary = self.matching(self.parse(query.q), filters, generation)
            total = summary["total"]
            num_pages = max(1, -(-total // query.per_page))
            if query.page > num_pages:
                raise PageOutOfRange(num_pages)
            keys = None if self.use_bitmaps else self.array_keys(generation)
            page = self.page(parsed, query, total, keys, generation)
        hits = [
            Hit(
                page_id=document.page_id,
                kind=document.kind,
                title=document.title,
                url=document.url,
                snippet=highlight(document.snippet_source, parsed.terms),
                municipality=document.municipality,
                themes=document.themes,
                date=document.date,
                missing=(
                    ranking.missing_labels(parsed, candidate(document))
                    if parsed and not parsed.requires_all
                    else []
                ),
            )
            for document in page
        ]
        results = SearchResults(
            query=query,
            parsed=parsed,
            hits=hits,
            total=total,
            facets=build_facets(summary["facets"], query.filters),
        )
        if not total:
            results.suggestions = self.suggestions(query, parsed)
        return results

    def page(self, parsed, query, total, keys=None, generation=None):
        """The documents of one page of results.

        Up to ``rank_all_limit`` matches, every match is ranked by
        :mod:`search.ranking` (all words first, then BM25F). Above it ranking every
        match costs more than the page is worth: the documents matching every word
        come first — ranked when they are at most the limit, else those with every
        word in the title first, then newest first — then the documents that match
        most words, newest first. Only the documents of the page are read."""
        if self.use_bitmaps:
            return self._bitmap_page(parsed, query, total, generation)
        documents = self._filtered(parsed, query.filters, keys)
        start, stop = query.offset, query.offset + query.per_page
        if not parsed or query.sort != "relevance":
            if parsed:
                documents = documents.filter(text_filter(parsed))
            return list(documents.order_by("-date", "-id")[start:stop])
        if total <= self.rank_all_limit:
            return self.ranked_page(
                documents.filter(text_filter(parsed)), parsed, start, stop, generation
            )
        every = parsed.with_minimum(None)
        segments = []
        all_words = documents.filter(text_filter(every))
        all_total = all_words.count() if not parsed.requires_all else total
        if all_total <= self.rank_all_limit:
            segments.append(("ranked", all_words, all_total))
        else:
            # A title match is a match: no need to intersect with the (large) set of
            # all matches.
            in_title = documents.filter(title_filter(every))
            in_title_total = in_title.count()
            if in_title_total <= self.rank_all_limit:
                segments.append(("ranked", in_title, in_title_total))
            else:
                segments.append(("newest", in_title, in_title_total))
            segments.append(
                (
                    "newest",
                    all_words.exclude(title_filter(every)),
                    all_total - in_title_total,
                )
            )
        if not parsed.requires_all:
            segments.append(
                (
                    "newest",
                    documents.filter(text_filter(parsed)).exclude(text_filter(every)),
                    total - all_total,
                )
            )
        return _page_of_segments(
            segments,
            start,
            stop,
            ranked=lambda documents, first, last: self.ranked_page(
                documents, every, first, last, generation
            ),
            newest=lambda documents, first, last, count: list(
                documents.order_by("-date", "-id")[first:last]
            ),
        )

    def ranked_page(self, documents, parsed, start, stop, generation=None):
        """Rank every document of ``documents`` (a query set, or a list of ids) with
        search.ranking and read the page."""
        if isinstance(documents, list):
            documents = SearchDocument.objects.filter(pk__in=documents)
        candidates = [
            ranking.Candidate(*row)
            for row in documents.values_list("id", "title_terms", "body_terms", "date")
        ]
        order = ranking.rank(parsed, candidates, self.statistics(parsed, generation))
        wanted = order[start:stop]
        by_id = SearchDocument.objects.in_bulk(wanted)
        return [by_id[pk] for pk in wanted if pk in by_id]

    def statistics(self, parsed, generation=None):
        """The index statistics the ranking needs: the number of documents, the
        average field lengths (per index generation) and the documents per clause
        (per generation and clause): the same numbers on every database."""
        if generation is None:
            generation = SearchIndexState.current()
        key = cache_key("lengths", generation, "", {})
        lengths = cache.get(key)
        if lengths is None:
            row = run(
                "SELECT COUNT(*), AVG(title_length), AVG(body_length) "
                "FROM search_searchdocument",
                [],
            )[0]
            lengths = (row[0], float(row[1] or 1), float(row[2] or 1))
            cache.set(key, lengths, CACHE_TIMEOUT)
        frequencies = []
        for clause in parsed.clauses:
            one = parsed.with_minimum(None)
            one = replace(one, clauses=(clause,))
            key = cache_key("df", generation, expression(one), {})
            frequency = cache.get(key)
            if frequency is None and self.use_bitmaps:
                frequency = self.clause_set(one, 0, generation).bit_count()
            elif frequency is None:
                frequency = count_documents([document_match(one)])
                cache.set(key, frequency, CACHE_TIMEOUT)
            frequencies.append(frequency)
        return ranking.Statistics(
            documents=lengths[0],
            average_length={"title": lengths[1] + 1, "body": lengths[2] + 1},
            document_frequency=tuple(frequencies),
        )

    # --- totals and facet counts -----------------------------------------------

    def summary(self, parsed, filters, generation=None):
        """{"total": matches, "facets": {facet: [rows]}}, from the cache when an
        earlier search asked the same in the same index generation."""
        if generation is None:
            generation = SearchIndexState.current()
        key = None
        if self.use_cache:
            key = cache_key("summary", generation, expression(parsed), filters)
            cached = cache.get(key)
            if cached is not None:
                return cached
        summary = self._summary(parsed, filters, generation)
        if key:
            cache.set(key, summary, CACHE_TIMEOUT)
        return summary

    def keys(self, generation):
        """{(facet, value): (number, label)} of every facet value, per generation."""
        key = cache_key("keys", generation, "", {})
        keys = cache.get(key)
        if keys is None:
            keys = {
                (facet, value): (number, label)
                for number, facet, value, label in SearchFacetKey.objects.values_list(
                    "id", "facet", "value", "label"
                )
            }
            cache.set(key, keys, CACHE_TIMEOUT)
        return keys

    def array_keys(self, generation):
        """The facet value numbers when the database counts with arrays (PostgreSQL),
        else None (SQLite counts over SearchFacet)."""
        return self.keys(generation) if vendor() == "postgresql" else None

    def base_counts(self, filters, generation):
        """Facet counts over every document that passes ``filters``. Cached per index
        generation whatever ``use_cache`` says: they do not depend on the words, so
        they are computed once after each index write."""
        key = cache_key("base", generation, "", filters)
        counts = cache.get(key)
        if counts is None:
            keys = self.array_keys(generation)
            conditions = filter_conditions(filters, keys)
            counts = count_facets(list(FACETS), conditions, keys)
            cache.set(key, counts, CACHE_TIMEOUT)
        return counts

    def _summary(self, parsed, filters, generation):
        """Values of one facet widen (OR), facets narrow (AND): the count of a value is
        taken with the filters of the *other* facets applied, so a visitor sees what
        ticking it would add. One count over the facets without a selection (all
        filters apply) and one per facet with a selection (all filters but its own).

        The total is counted once. With no words the counts are the base counts (per
        generation). When the words match more than ``complement_share`` of the
        filtered documents, counts are base counts minus the counts over the
        documents that do *not* match: fewer facet values to read."""
        if self.use_bitmaps:
            return self._bitmap_summary(parsed, filters, generation)
        keys = self.array_keys(generation)
        base = self.base_counts(filters, generation)
        base_total = sum(count for (facet, _), count in base.items() if facet == "type")
        total = None
        if not parsed:
            total = estimate = base_total
        elif keys is not None:
            # PostgreSQL: the planner's estimate (from the tsvector and array
            # statistics) picks the path; the total comes from the facet pass.
            conditions = filter_conditions(filters, keys)
            conditions.append(document_match(parsed))
            estimate = estimated_rows(conditions)
        else:
            conditions = filter_conditions(filters, keys)
            conditions.append(document_match(parsed))
            total = estimate = count_documents(conditions)
        complement = bool(parsed) and estimate > self.complement_share * base_total
        groups = [([name for name in FACETS if name not in filters], None)]
        groups += [([name], name) for name in filters]
        groups = [(names, own) for names, own in groups if names]
        others = [
            {name: v for name, v in filters.items() if name != own}
            for _names, own in groups
        ]
        if not parsed:
            found = [{} for _group in groups]
        elif keys is not None:
            # PostgreSQL: every group in one pass over the (non-)matching documents.
            found = count_facet_groups(
                [names for names, _own in groups],
                [filter_conditions(o, keys) for o in others],
                document_match(parsed, negate=complement),
                keys,
            )
        else:
            found = []
            for (names, _own), group_filters in zip(groups, others, strict=True):
                conditions = filter_conditions(group_filters, keys)
                conditions.append(document_match(parsed, negate=complement))
                found.append(count_facets(names, conditions, keys))
        counts = {}
        for (names, own), group_filters, group_found in zip(
            groups, others, found, strict=True
        ):
            if parsed and not complement:
                counts.update(group_found)
                continue
            group_base = (
                base if own is None else self.base_counts(group_filters, generation)
            )
            for key, count in group_base.items():
                if key[0] in names and count > group_found.get(key, 0):
                    counts[key] = count - group_found.get(key, 0)
        if total is None:
            total = total_from_type_counts(counts, filters)
        labels = self.keys(generation)
        facets = {}
        for (facet, value), count in counts.items():
            facets.setdefault(facet, []).append(
                {
                    "facet": facet,
                    "value": value,
                    "count": count,
                    "label": labels.get((facet, value), (0, value))[1],
                }
            )
        return {"total": total, "facets": facets}

    # --- counting and paging with sets of documents (search.bitmaps) ----------

    def bitmaps(self, generation):
        return bitmaps.for_generation(generation, lambda: self.keys(generation))

    def _set(self, sql, params, generation):
        key = (connection.alias, vendor(), generation, sql, tuple(params))
        scope = getattr(_scope, "sets", None)
        if scope is not None and key in scope:
            return scope[key]
        keep = self.use_cache and generation
        found = None
        if keep:
            with _kept_lock:
                found = _kept_sets.get(key)
                if found is not None:
                    _kept_sets.move_to_end(key)
        if found is None:
            found = bitmaps.fetch(sql, params)
            if keep:
                with _kept_lock:
                    _kept_sets[key] = found
                    while len(_kept_sets) > CLAUSE_SETS_KEPT:
                        _kept_sets.popitem(last=False)
        if scope is not None:
            scope[key] = found
        return found

    def clause_set(self, parsed, index, generation):
        """The documents that match clause ``index`` of ``parsed``: the frequent
        terms' sets from memory (search.bitmaps), the rest from the database."""
        found, left = self.bitmaps(generation).clause(parsed.clauses[index])
        if left:
            sql, params = alternatives_source(left)
            found |= self._set(sql, params, generation)
        return found

    def title_set(self, parsed, generation):
        """The documents with every clause of ``parsed`` in the title: from memory
        when every alternative is a frequent title term, else one lookup."""
        index = self.bitmaps(generation)
        found = index.documents
        for clause in parsed.clauses:
            in_title, left = index.clause(clause, "title")
            if left:
                sql, params = clause_source(parsed, column="title")
                return self._set(sql, params, generation)
            found &= in_title
        return found

    def match_set(self, parsed, generation):
        """The documents that match at least ``parsed.required`` clauses: the same
        rule as :func:`match_sql`, one index lookup per clause."""
        sets = [
            self.clause_set(parsed, index, generation)
            for index in range(len(parsed.clauses))
        ]
        if parsed.requires_all:
            found = sets[0]
            for other in sets[1:]:
                found &= other
            return found
        return bitmaps.at_least(sets, parsed.required)

    def filter_set(self, filters, index, without=None):
        """The documents that pass every filter (but the one of facet ``without``):
        OR within a facet, AND across facets."""
        found = index.documents
        for name, values in filters.items():
            if name != without and values:
                found &= index.any_of(index.numbers(name, values))
        return found

    def _bitmap_summary(self, parsed, filters, generation):
        """The same numbers as the SQL counts of :meth:`_summary`, from sets: the
        count of a value is |matches ∩ filters of the other facets ∩ value|."""
        index = self.bitmaps(generation)
        matches = self.match_set(parsed, generation) if parsed else index.documents
        by_facet = index.by_facet
        groups = [([name for name in FACETS if name not in filters], None)]
        groups += [([name], name) for name in filters]
        facets = {}
        for names, own in groups:
            passing = self.filter_set(filters, index, own)
            group = matches & passing if parsed else passing
            if not group:
                continue
            everything = group is index.documents  # no words, no filters
            for name in names:
                for value, number, label in by_facet.get(name, ()):
                    if everything:
                        count = index.sizes.get(number, 0)
                    else:
                        count = (group & index.facets.get(number, 0)).bit_count()
                    if count:
                        facets.setdefault(name, []).append(
                            {
                                "facet": name,
                                "value": value,
                                "count": count,
                                "label": label,
                            }
                        )
        total = (matches & self.filter_set(filters, index)).bit_count()
        return {"total": total, "facets": facets}

    def _bitmap_page(self, parsed, query, total, generation):
        """:meth:`page` with sets: the same segments and order, computed in memory;
        only the documents to rank (at most ``rank_all_limit``) and those of the
        page are read from the database."""
        index = self.bitmaps(generation)
        passing = self.filter_set(selected_filters(query.filters), index)
        start, stop = query.offset, query.offset + query.per_page
        if not parsed:
            return self._read(index.newest(passing, start, stop))
        matches = self.match_set(parsed, generation) & passing
        if query.sort != "relevance":
            return self._read(index.newest(matches, start, stop, total))
        if total <= self.rank_all_limit:
            return self.ranked_page(
                bitmaps.members(matches), parsed, start, stop, generation
            )
        every = parsed.with_minimum(None)
        segments = []
        all_words = self.match_set(every, generation) & passing
        all_total = all_words.bit_count() if not parsed.requires_all else total
        if all_total <= self.rank_all_limit:
            segments.append(("ranked", all_words, all_total))
        else:
            in_title = self.title_set(every, generation) & passing
            in_title_total = in_title.bit_count()
            kind = "ranked" if in_title_total <= self.rank_all_limit else "newest"
            segments.append((kind, in_title, in_title_total))
            segments.append(
                ("newest", all_words & ~in_title, all_total - in_title_total)
            )
        if not parsed.requires_all:
            segments.append(("newest", matches & ~all_words, total - all_total))
        return _page_of_segments(
            segments,
            start,
            stop,
            ranked=lambda documents, first, last: self.ranked_page(
                bitmaps.members(documents), every, first, last, generation
            ),
            newest=lambda documents, first, last, count: self._read(
                index.newest(documents, first, last, count)
            ),
        )

    def _read(self, ids):
        by_id = SearchDocument.objects.in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]

    # --- typing ahead, spelling ------------------------------------------------

    def suggest_titles(self, prefix, limit=8):
        typed = words(prefix)
        if not typed or len(typed[-1]) < 2:
            return []
        complete = normalise(" ".join(typed[:-1]))
        last = typed[-1].lower()
        prefixes = sorted({last, stem(last)})
        if vendor() == "sqlite":
            parts = [f'"{term}"' for term in complete]
            parts.append("(" + " OR ".join(f'"{p}" *' for p in prefixes) + ")")
            expression = "{title_terms} : (" + " AND ".join(parts) + ")"
            where = (
                '"search_searchdocument"."id" IN '
                "(SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
            )
            condition = raw(where, [expression], BooleanField())
        else:
            parts = [f"'{term}':A" for term in complete]
            parts.append("(" + " | ".join(f"'{p}':*A" for p in prefixes) + ")")
            condition = RawSQL(
                '"search_searchdocument"."search_vector" @@ to_tsquery(\'simple\', %s)',
                [" & ".join(parts)],
                output_field=BooleanField(),
            )
        documents = (
            SearchDocument.objects.filter(condition)
            .order_by("-date", "-id")
            .values("title", "url", "kind")[:limit]
        )
        return list(documents)

    def vocabulary_candidates(self, word):
        if not word:
            return []
        return list(
            IndexedWord.objects.annotate(length=Length("word"))
            .filter(
                word__startswith=word[0],
                length__gte=len(word) - 2,
                length__lte=len(word) + 2,
            )
            .values_list("word", flat=True)[:5000]
        )

    # --- indexing --------------------------------------------------------------

    # Every write bumps the index generation in its own transaction, so cached totals
    # and facet counts of the old generation are never read again.

    def index_documents(self, documents):
        with transaction.atomic():
            for document in documents:
                SearchDocument.objects.filter(page_id=document["page_id"]).delete()
                self._create([document])
            SearchIndexState.bump()

    def remove_pages(self, page_ids):
        with transaction.atomic():
            SearchDocument.objects.filter(page_id__in=list(page_ids)).delete()
            SearchIndexState.bump()

    def rebuild(self, documents, batch_size=500, progress=None):
        """Replace the whole index in one transaction: readers keep seeing the old
        index until the new one is committed."""
        count = 0
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            batch = []
            for document in documents:
                batch.append(document)
                if len(batch) >= batch_size:
                    self._create(batch)
                    count += len(batch)
                    if progress:
                        progress(count)
                    batch = []
            if batch:
                self._create(batch)
                count += len(batch)
                if progress:
                    progress(count)
            SearchIndexState.bump()
        self.optimise()
        return count

    def optimise(self):
        if vendor() == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")

    def _create(self, documents):
        created = SearchDocument.objects.bulk_create(
            [self._model(document) for document in documents]
        )
        facets = []
        vocabulary = set()
        for model, document in zip(created, documents, strict=True):
            for name, values in with_one_type(document).items():
                for value, label in values:
                    facets.append(
                        SearchFacet(
                            document=model,
                            facet=name,
                            value=str(value)[:120],
                            label=str(label)[:255],
                        )
                    )
            vocabulary.update(vocabulary_words(document))
        SearchFacet.objects.bulk_create(facets, batch_size=2000)
        labels = {(f.facet, f.value): f.label for f in facets}
        SearchFacetKey.objects.bulk_create(
            [
                SearchFacetKey(facet=f, value=v, label=label)
                for (f, v), label in labels.items()
            ],
            update_conflicts=True,
            unique_fields=["facet", "value"],
            update_fields=["label"],
            batch_size=2000,
        )
        if vendor() == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE search_searchdocument d SET facet_keys = ARRAY("
                    "SELECT k.id FROM search_searchfacet f JOIN search_searchfacetkey k "
                    "ON k.facet = f.facet AND k.value = f.value "
                    "WHERE f.document_id = d.id ORDER BY k.id) WHERE d.id = ANY(%s)",
                    [[model.pk for model in created]],
                )
        IndexedWord.objects.bulk_create(
            [IndexedWord(word=word) for word in vocabulary],
            ignore_conflicts=True,
            batch_size=2000,
        )

    def _model(self, document):
        title_terms = normalise_text(document["title"])
        body_terms = normalise_text(searchable_body(document))
        return SearchDocument(
            page_id=document["page_id"],
            kind=document["kind"],
            title=document["title"][:255],
            url=document["url"][:500],
            date=document["date"],
            snippet_source=document["snippet_source"],
            municipality=document["municipality"][:200],
            themes=document["themes"],
            title_terms=title_terms,
            body_terms=body_terms,
            title_length=len(title_terms),
            body_length=len(body_terms),
        )


def with_one_type(document):
    """The document's facets with exactly one "type" value: the engine takes the
    total from the type counts of the facet pass."""
    facets = dict(document["facets"])
    types = list(facets.get("type", ()))[:1]
    facets["type"] = types or [(document["kind"], document["kind"])]
    return facets


def selected_filters(filters):
    """Only the facets with a selection, values de-duplicated and sorted."""
    return {
        name: tuple(sorted(set(values))) for name, values in filters.items() if values
    }


def expression(parsed):
    """The query as the database sees it, with the minimum of clauses (cache keys)."""
    if not parsed:
        return ""
    if vendor() == "sqlite":
        text = fts5_expression(parsed)
    else:
        text = tsquery_expression(parsed)
    return f"{text}~{parsed.required}"


def candidate(document):
    return ranking.Candidate(
        document.pk, document.title_terms, document.body_terms, document.date
    )


def cache_key(kind, generation, text, filters):
    """A cache key for ``kind`` ("summary", "base", "labels"): the database, the index
    generation and a digest of the normalised query expression and the filters."""
    filter_text = "&".join(
        f"{name}={','.join(values)}" for name, values in sorted(filters.items())
    )
    digest = hashlib.sha256(
        f"{connection.vendor}|{connection.settings_dict['NAME']}|{text}|{filter_text}".encode()
    ).hexdigest()[:32]
    return f"search:{kind}:{generation}:{digest}"


def searchable_body(document):
    """Body text plus the labels of the descriptive facets (municipality, themes, ...),
    so that "Rotterdam jeugdgroepen" finds a Rotterdam practice on that theme."""
    labels = [
        label
        for name in TEXT_FACETS
        for _value, label in document["facets"].get(name, ())
    ]
    return "\n".join([document["body"], *labels])


def vocabulary_words(document):
    text = " ".join(
        [document["title"], document["snippet_source"][:2000]]
        + [label for values in document["facets"].values() for _v, label in values]
    )
    return {w.lower() for w in words(text) if 4 <= len(w) <= 60 and w.isalpha()}


def build_facets(by_facet, filters):
    """Facet objects in page order; selected values are always shown."""
    facets = []
    for name, label in FACETS.items():
        selected = set(filters.get(name, ()))
        rows = by_facet.get(name, [])
        if name == "year":
            rows.sort(key=lambda row: row["value"], reverse=True)
        else:
            rows.sort(key=lambda row: (-row["count"], row["label"].lower()))
        values = [
            FacetValue(
                row["value"], row["label"], row["count"], row["value"] in selected
            )
            for row in rows[:MAX_FACET_VALUES]
        ]
        shown = {v.value for v in values}
        for row in rows[MAX_FACET_VALUES:]:
            if row["value"] in selected:
                values.append(
                    FacetValue(row["value"], row["label"], row["count"], True)
                )
                shown.add(row["value"])
        for value in sorted(selected - shown):
            values.append(FacetValue(value, value, 0, True))
        facets.append(Facet(name, label, values))
    return facets


def warm_up():
    """Read what the first search of a process would otherwise read: the sets of
    documents of the current index generation (search.bitmaps: every facet value's
    documents, the date order, the frequent terms), the word list and the synonyms.

    Called once per web worker before it serves requests (``portal/wsgi.py``,
    ``portal/asgi.py``), so no visitor waits for it; ``manage.py`` commands and tests
    never call it. Does nothing for another engine; a failure (no database yet, no
    tables) is logged and the worker starts anyway: the first search reads the sets
    then. Closes its database connection, so that a master process that loads the
    application before forking (gunicorn ``--preload``) hands no connection to its
    workers."""
    from search.engines import get_engine

    started = time.perf_counter()
    try:
        engine = get_engine()
        if not isinstance(engine, DatabaseEngine) or not engine.use_bitmaps:
            return None
        with planner():
            generation = SearchIndexState.current()
            index = engine.bitmaps(generation)
            engine.statistics(engine.parse("aanpak jeugdgroepen"), generation)
        seconds = time.perf_counter() - started
        logger.info(
            "search warm-up: %d documents, %d facet values, %d frequent terms in "
            "%.1f s",
            index.documents.bit_count(),
            len(index.facets),
            len(index.terms),
            seconds,
        )
        return seconds
    except Exception:
        logger.exception("search warm-up failed; the first search reads the sets")
        return None
    finally:
        for alias in connections:
            if not connections[alias].in_atomic_block:
                connections[alias].close()


def _page_of_segments(segments, start, stop, *, ranked, newest):
    """The results [start, stop) of segments shown one after the other: each segment is
    (kind, documents, count), "ranked" (read with ``ranked(documents, first, last)``)
    or "newest" (``newest(documents, first, last, count)``). Shared by the SQL and the
    in-memory sets' way of finding the segments."""
    page, offset = [], 0
    for kind, segment, count in segments:
        if len(page) >= stop - start:
            break
        first = max(0, start + len(page) - offset)
        last = first + stop - start - len(page)
        if first < count:
            if kind == "ranked":
                page += ranked(segment, first, last)
            else:
                page += newest(segment, first, last, count)
        offset += count
    return page
