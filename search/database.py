"""The database engine: full-text search over the search app's own tables.

The text is normalised once in Python (search.analysis); the database only matches
terms. SQLite uses the FTS5 table ``search_fts`` (bm25, title weighted 10 : 1),
PostgreSQL the generated ``search_vector`` column ('simple' configuration, title weight
A, body weight B, ts_rank). Both index the same term strings, so both find the same
documents for the same query. Facet counts come from the ORM in one grouped query.
"""

from collections import defaultdict

from django.db import connection, transaction
from django.db.models import BooleanField, Count, Exists, Max, OuterRef
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from search.analysis import highlight, normalise, normalise_text, stem, words
from search.engines import (
    FACETS,
    MAX_FACET_VALUES,
    Facet,
    FacetValue,
    Hit,
    PageOutOfRange,
    SearchEngine,
    SearchResults,
)
from search.models import IndexedWord, SearchDocument, SearchFacet

# Facets whose labels are also searchable words of the document.
TEXT_FACETS = (
    "theme",
    "tag",
    "municipality",
    "riec",
    "intervention",
    "partner",
    "track",
)
# SQLite bm25 column weights: title, body.
FTS5_WEIGHTS = (10.0, 1.0)
# ts_rank normalisation 1: divide by 1 + log(length), so long texts do not win on size.
TS_RANK_NORMALISATION = 1


def fts5_expression(parsed, column=None):
    """An FTS5 MATCH expression. Every term is quoted, so FTS5 operators in the
    visitor's text (NEAR, AND, *, ^, ...) never reach FTS5 as syntax."""
    clauses = []
    for clause in parsed.clauses:
        alternatives = " OR ".join(f'"{" ".join(phrase)}"' for phrase in clause)
        clauses.append(f"({alternatives})")
    expression = " AND ".join(clauses)
    return f"{{{column}}} : ({expression})" if column else expression


def tsquery_expression(parsed):
    """A to_tsquery text; phrases use <-> (followed by) on the normalised positions."""
    clauses = []
    for clause in parsed.clauses:
        alternatives = " | ".join(
            "(" + " <-> ".join(f"'{term}'" for term in phrase) + ")"
            for phrase in clause
        )
        clauses.append(f"({alternatives})")
    return " & ".join(clauses)


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


def text_filter(parsed, column=DOCUMENT_ID):
    """A boolean expression: the document whose id is in ``column`` matches."""
    if vendor() == "sqlite":
        sql = f"{column} IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"  # noqa: S608
        return raw(sql, [fts5_expression(parsed)], BooleanField())
    match = "search_vector @@ to_tsquery('simple', %s)"
    if column == DOCUMENT_ID:
        sql = f'"search_searchdocument".{match}'
    else:
        sql = f"{column} IN (SELECT id FROM search_searchdocument WHERE {match})"  # noqa: S608
    return raw(sql, [tsquery_expression(parsed)], BooleanField())


def ranked(queryset, parsed):
    """``queryset`` restricted to matches of ``parsed`` and ordered by relevance."""
    if vendor() == "sqlite":
        weights = ", ".join(str(w) for w in FTS5_WEIGHTS)
        return queryset.extra(  # noqa: S610 (fixed SQL; the expression is a parameter)
            tables=["search_fts"],
            where=[
                "search_fts.rowid = search_searchdocument.id",
                "search_fts MATCH %s",
            ],
            params=[fts5_expression(parsed)],
            select={"score": f"-bm25(search_fts, {weights})"},
        ).order_by("-score", "-date", "-id")
    rank = raw(
        'ts_rank("search_searchdocument"."search_vector", to_tsquery(\'simple\', %s), '
        f"{TS_RANK_NORMALISATION})",
        [tsquery_expression(parsed)],
    )
    return (
        queryset.filter(text_filter(parsed))
        .annotate(score=rank)
        .order_by("-score", "-date", "-id")
    )


def facet_filter(name, values, outer="pk"):
    return Exists(
        SearchFacet.objects.filter(
            document=OuterRef(outer), facet=name, value__in=values
        )
    )


class DatabaseEngine(SearchEngine):
    name = "database"

    # --- searching -------------------------------------------------------------

    def _filtered(self, parsed, filters):
        documents = SearchDocument.objects.all()
        for name, values in filters.items():
            if values:
                documents = documents.filter(facet_filter(name, values))
        return documents

    def count(self, query):
        parsed = self.parse(query.q)
        documents = self._filtered(parsed, query.filters)
        if parsed:
            documents = documents.filter(text_filter(parsed))
        return documents.count()

    def search(self, query):
        parsed = self.parse(query.q)
        documents = self._filtered(parsed, query.filters)
        if parsed and query.sort == "relevance":
            documents = ranked(documents, parsed)
        else:
            if parsed:
                documents = documents.filter(text_filter(parsed))
            documents = documents.order_by("-date", "-id")
        total = documents.order_by().count() if not parsed else self._count(documents)
        num_pages = max(1, -(-total // query.per_page))
        if query.page > num_pages:
            raise PageOutOfRange(num_pages)
        page = list(documents[query.offset : query.offset + query.per_page])
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
                score=getattr(document, "score", None),
            )
            for document in page
        ]
        results = SearchResults(
            query=query,
            parsed=parsed,
            hits=hits,
            total=total,
            facets=self.facets(parsed, query.filters),
        )
        if not total:
            results.suggestions = self.suggestions(query, parsed)
        return results

    def _count(self, documents):
        # A count over the ranked queryset would compute the rank of every match.
        return documents.order_by().values("id").count()

    def facets(self, parsed, filters):
        """Counts per facet value. Values of one facet widen (OR), facets narrow (AND):
        the count of a value is taken with the filters of the *other* facets applied,
        so a visitor sees what ticking it would add.

        One grouped query for the facets without a selection (all filters apply) and
        one per facet with a selection (all filters but its own), each a plain
        semi-join that both databases run as a hash or index lookup."""
        selected = {name: values for name, values in filters.items() if values}
        groups = [([name for name in FACETS if name not in selected], None)]
        groups += [([name], name) for name in selected]
        by_facet = defaultdict(list)
        for names, exclude in groups:
            rows = SearchFacet.objects.filter(facet__in=names)
            if parsed:
                rows = rows.filter(
                    text_filter(parsed, '"search_searchfacet"."document_id"')
                )
            for name, values in selected.items():
                if name != exclude:
                    rows = rows.filter(
                        document_id__in=SearchFacet.objects.filter(
                            facet=name, value__in=values
                        ).values("document_id")
                    )
            counted = (
                rows.values("facet", "value")
                .annotate(count=Count("id"), label=Max("label"))
                .order_by()
            )
            for row in counted:
                by_facet[row["facet"]].append(row)
        return build_facets(by_facet, filters)

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

    def index_documents(self, documents):
        with transaction.atomic():
            for document in documents:
                SearchDocument.objects.filter(page_id=document["page_id"]).delete()
                self._create([document])

    def remove_pages(self, page_ids):
        SearchDocument.objects.filter(page_id__in=list(page_ids)).delete()

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
            for name, values in document["facets"].items():
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
        IndexedWord.objects.bulk_create(
            [IndexedWord(word=word) for word in vocabulary],
            ignore_conflicts=True,
            batch_size=2000,
        )

    def _model(self, document):
        return SearchDocument(
            page_id=document["page_id"],
            kind=document["kind"],
            title=document["title"][:255],
            url=document["url"][:500],
            date=document["date"],
            snippet_source=document["snippet_source"],
            municipality=document["municipality"][:200],
            themes=document["themes"],
            title_terms=normalise_text(document["title"]),
            body_terms=normalise_text(searchable_body(document)),
        )


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
