"""Sets of search documents as Python integers: bit *i* stands for the document with
id *i*.

The database engine counts facets, totals and "most words" matches on these sets
instead of in SQL. Intersecting two sets of 100,000 documents is one ``&`` on two
12.5 kB integers and counting one is ``int.bit_count()``: microseconds, whatever the
size of the match set. The database still does what it is built for: finding the
documents that contain a clause (FTS5 / GIN).

Per index generation each process keeps :class:`IndexBitmaps` in memory: the set of
every document, one set per facet value (about 600 sets, 7.5 MB at 100,000
documents), the documents in newest-first order and the sets of the **frequent
terms** (a term in thousands of documents costs the database tens of milliseconds
to list, every time it is asked; from memory it costs nothing). They are read by the
first search of a process (or by the warm-up when a worker starts, see
:func:`search.database.warm_up`) and then follow every index write from the written
documents alone: documents are never changed in place (an update deletes the row and
inserts one with a higher id), so the sets of the documents that stay are still
exact, and only the new documents are read. Every set is exact: a facet count is the
size of (matches ∩ filters ∩ value), the same number the SQL count gives
(``tests/search/test_bitmaps.py`` compares both on SQLite and PostgreSQL).
"""

import json
import re
import threading
from array import array
from bisect import bisect_left
from collections import Counter, deque
from dataclasses import dataclass, field, replace
from itertools import repeat

from django.db import connection

from search.analysis import AllOf
from search.models import SearchDocument

WORD_BITS = 32
# Sets up to this size are listed and sorted for a page of newest results; larger
# ones are scanned in newest-first order until the page is full.
SORT_LIMIT = 4096
_ONES = re.compile("1")

# Frequent terms: a term is kept in memory when a sample of the documents says that
# it is in at least TERM_MIN_DOCUMENTS documents (listing fewer costs the database a
# few milliseconds; a term in 87,000 costs 10–30 ms each time). At most
# TERM_SETS_MAX sets per field (12.5 kB each at 100,000 documents).
TERM_SAMPLE = 2000
TERM_MIN_DOCUMENTS = 2000
TERM_SETS_MAX = 512
# Only plain words: both full-text indexes split them exactly as str.split() does.
_PLAIN_TERM = re.compile(r"[a-z]+\Z")
# An index write that adds or removes more documents than this is read in full.
UPDATE_LIMIT = 1000
FIELDS = ("all", "title")


def vendor_sum():
    """The aggregate that ORs distinct powers of two (bit_or on PostgreSQL; on SQLite
    the sum, which equals the OR because each id occurs once per group)."""
    return "bit_or" if connection.vendor == "postgresql" else "SUM"


def words_sql(source_sql, group_by=()):
    """SQL that packs the ids (column ``id``) of the rows of ``source_sql`` into
    32-bit words: rows (word number, bits), preceded by the columns ``group_by``."""
    shifted = "CAST(1 AS BIGINT) << CAST(id & 31 AS INTEGER)"
    head = "".join(f"{column}, " for column in group_by)
    groups = ", ".join(str(n) for n in range(1, len(group_by) + 2))
    return (
        f"SELECT {head}id >> 5, {vendor_sum()}({shifted}) "  # noqa: S608
        f"FROM ({source_sql}) s GROUP BY {groups}"
    )


def from_words(rows):
    """A set from (word number, bits) rows."""
    if not rows:
        return 0
    size = max(row[0] for row in rows) + 1
    words = array("I", bytes(4 * size))
    for number, bits in rows:
        # bit_or on PostgreSQL gives a signed bigint, SQLite's sum a positive one.
        words[number] = bits & 0xFFFFFFFF
    return int.from_bytes(words.tobytes(), "little")


def fetch(sql, params):
    """The set of ids that ``sql`` (a query with one column ``id``) returns.

    PostgreSQL packs the ids into 32-bit words (a hash aggregate: a few thousand
    rows instead of one per document). SQLite would sort for that ``GROUP BY``; one
    ``group_concat`` of the ids in FTS5's order, parsed here, is 2–3× cheaper."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT group_concat(id) FROM ({sql})", params)  # noqa: S608
            text = cursor.fetchone()[0]
            return from_ids(json.loads(f"[{text}]")) if text else 0
        cursor.execute(words_sql(sql), params)
        return from_words(cursor.fetchall())


def from_ids(ids):
    """A set from document ids (C speed: one bytearray, one int() call)."""
    ids = list(ids)
    if not ids:
        return 0
    flags = bytearray(max(ids) + 1)
    deque(map(flags.__setitem__, ids, repeat(1)), maxlen=0)
    return int(flags[::-1].translate(_TO_DIGITS), 2)


_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def members(bits):
    """The ids in ``bits``, ascending."""
    if not bits:
        return []
    digits = format(bits, "b")[::-1]
    return [match.start() for match in _ONES.finditer(digits)]


def at_least(sets, minimum):
    """The documents in at least ``minimum`` of ``sets``: ``levels[j]`` holds the
    documents seen in at least ``j`` of the sets so far."""
    if minimum <= 0:
        raise ValueError("minimum must be at least 1")
    levels = [0] * (minimum + 1)
    for current in sets:
        for j in range(minimum, 0, -1):
            levels[j] |= (levels[j - 1] & current) if j > 1 else current
    return levels[minimum]


def in_range(bits, start, stop):
    """The part of ``bits`` with ids ``start`` <= id < ``stop`` (shifted to 0)."""
    return (bits >> start) & ((1 << (stop - start)) - 1)


@dataclass
class IndexBitmaps:
    """What the engine keeps in memory for the documents of one index generation."""

    generation: int
    keys: dict  # (facet, value) → (number, label)
    documents: int  # every document
    facets: dict  # facet value number → documents with that value
    # Document ids, newest first (date, then id, descending). After index writes it
    # may still hold removed ids: they are in no set, so no page ever shows them.
    order: list
    # Document id → its date as a number in the database's own order (NULL last on
    # SQLite, first on PostgreSQL, as ORDER BY date DESC puts it).
    days: array = field(default_factory=lambda: array("q"))
    # ("all" or "title", term) → documents with the term (the frequent terms).
    terms: dict = field(default_factory=dict)
    # (number of documents, the newest documents' (id, indexed_at)): documents are
    # never changed in place (an update deletes and inserts with a new, higher id),
    # so these tell whether the documents changed since the sets were read.
    fingerprint: tuple = ()
    _by_facet: dict | None = None
    _sizes: dict | None = None

    @property
    def sizes(self):
        """{facet value number: documents with it} (the counts without words and
        filters: the empty query's)."""
        if self._sizes is None:
            self._sizes = {n: bits.bit_count() for n, bits in self.facets.items()}
        return self._sizes

    @property
    def by_facet(self):
        """{facet: [(value, number, label)]}."""
        if self._by_facet is None:
            by_facet = {}
            for (facet, value), (number, label) in self.keys.items():
                by_facet.setdefault(facet, []).append((value, number, label))
            self._by_facet = by_facet
        return self._by_facet

    def numbers(self, facet, values):
        return [self.keys[(facet, v)][0] for v in values if (facet, v) in self.keys]

    def any_of(self, numbers):
        """The documents with any of the facet values ``numbers``."""
        found = 0
        for number in numbers:
            found |= self.facets.get(number, 0)
        return found

    def live_order(self):
        """``order`` without the removed documents."""
        return _alive(self.order, self.documents)

    def clause(self, clause, where="all"):
        """(documents, alternatives left): the documents that match the alternatives
        of ``clause`` whose terms are all kept in memory (in any field, or with
        ``where="title"`` in the title), and the alternatives the database must
        find (phrases of several words, terms that are not frequent)."""
        found, left = 0, []
        for alternative in clause:
            if isinstance(alternative, AllOf) or len(alternative) == 1:
                sets = [self.terms.get((where, term)) for term in alternative]
                if sets and None not in sets:
                    both = sets[0]
                    for other in sets[1:]:
                        both &= other
                    found |= both
                    continue
            left.append(alternative)
        return found, tuple(left)

    def newest(self, bits, start, stop, total=None):
        """The ids of ``bits`` at places ``start``..``stop`` in newest-first order."""
        if not bits or stop <= start:
            return []
        total = bits.bit_count() if total is None else total
        if total <= SORT_LIMIT:
            ids = members(bits)
            days = self.days
            ids.sort(key=lambda pk: (days[pk], pk), reverse=True)
            return ids[start:stop]
        packed = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
        size = len(packed)
        found, seen = [], 0
        for pk in self.order:
            byte = pk >> 3
            if byte < size and packed[byte] >> (pk & 7) & 1:
                if seen >= start:
                    found.append(pk)
                    if len(found) >= stop - start:
                        break
                seen += 1
        return found


def _alive(ids, bits):
    packed = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    size = len(packed)
    return [pk for pk in ids if pk >> 3 < size and packed[pk >> 3] >> (pk & 7) & 1]


_loaded = {}
_lock = threading.Lock()


def _database_key():
    return (connection.alias, str(connection.settings_dict["NAME"]))


def for_generation(generation, keys):
    """The sets of ``generation``, kept per process. A new generation whose documents
    did not change (a synonym edit) keeps the sets; one with documents added or
    removed (publishing) updates them; anything else reads them again.
    ``keys()`` gives the facet value numbers of the generation."""
    key = _database_key()
    current = _loaded.get(key)
    if current is not None and current.generation == generation and generation:
        return current
    with _lock:
        current = _loaded.get(key)
        if current is None or current.generation != generation or not generation:
            current = refresh(current, generation, keys())
            _loaded[key] = current
    return current


def forget():
    """Drop the sets of every database (the benchmark's "first search of a
    process")."""
    with _lock:
        _loaded.clear()


# The newest documents whose (id, indexed_at) are remembered with the sets: if one
# of them is still there but written at another time, the ids were reused.
ANCHORS = 8


def fingerprint():
    """(number of documents, the newest documents' (id, indexed_at)): cheap (the
    primary key index), and it changes with every write."""
    count = SearchDocument.objects.count()
    newest = tuple(
        SearchDocument.objects.order_by("-id").values_list("id", "indexed_at")[:ANCHORS]
    )
    return (count, newest)


def _last_id(fingerprint):
    return fingerprint[1][0][0] if fingerprint and fingerprint[1] else 0


def day_sql():
    """The document's date as a number that sorts as ``ORDER BY date DESC`` does on
    this database (NULL first on PostgreSQL, last on SQLite)."""
    if connection.vendor == "postgresql":
        return "COALESCE(date - DATE '2000-01-01', 1000000000)"
    return "COALESCE(CAST(julianday(date) AS INTEGER), -1000000000)"


def read_order():
    """(ids newest first, their day numbers by id)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, {day_sql()} FROM search_searchdocument "  # noqa: S608
            "ORDER BY date DESC, id DESC"
        )
        rows = cursor.fetchall()
    order = [row[0] for row in rows]
    days = array("q", bytes(8 * ((max(order) + 1) if order else 0)))
    for pk, day in rows:
        days[pk] = day
    return order, days


def facet_sets(keys, after=None):
    """{facet value number: documents} for every document, or only for those with
    an id above ``after``."""
    if after is not None:
        # A few new documents: their rows through the document index, grouped here
        # (a GROUP BY would read every row of the facet index).
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT facet, value, document_id FROM search_searchfacet "
                "WHERE document_id > %s",
                [after],
            )
            grouped = {}
            for facet, value, pk in cursor.fetchall():
                grouped.setdefault((facet, value), []).append(pk)
        return {
            keys[key][0]: from_ids(ids) for key, ids in grouped.items() if key in keys
        }
    aggregate = "string_agg(document_id::text, ',')"
    if connection.vendor == "sqlite":
        aggregate = "group_concat(document_id)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT facet, value, {aggregate} FROM search_searchfacet "  # noqa: S608
            "GROUP BY facet, value"
        )
        rows = cursor.fetchall()
    found = {}
    for facet, value, ids in rows:
        if (facet, value) in keys:
            found[keys[(facet, value)][0]] = from_ids(json.loads(f"[{ids}]"))
    return found


def term_source(where, term):
    """SQL (one column ``id``) and parameters: the documents with ``term`` (in any
    field, or with ``where="title"`` in the title)."""
    if connection.vendor == "sqlite":
        expression = f'"{term}"' if where == "all" else f'{{title_terms}} : "{term}"'
        return (
            "SELECT rowid AS id FROM search_fts WHERE search_fts MATCH %s",
            [expression],
        )
    vector = "search_vector" if where == "all" else "title_vector"
    return (
        f"SELECT id FROM search_searchdocument WHERE {vector} "  # noqa: S608
        "@@ to_tsquery('simple', %s)",
        [f"'{term}'"],
    )


def frequent_terms(order, count):
    """[(field, term)] that a sample of the documents (spread over ``order``) says
    are in at least ``TERM_MIN_DOCUMENTS`` documents, most frequent first."""
    if not order or not count:
        return []
    step = max(1, len(order) // TERM_SAMPLE)
    sample = order[::step][:TERM_SAMPLE]
    seen = {"all": Counter(), "title": Counter()}
    read = 0
    for start in range(0, len(sample), 500):
        chunk = sample[start : start + 500]
        rows = SearchDocument.objects.filter(pk__in=chunk).values_list(
            "title_terms", "body_terms"
        )
        for title, body in rows:
            in_title = set(title.split())
            seen["title"].update(in_title)
            seen["all"].update(in_title.union(body.split()))
            read += 1
    if not read:
        return []
    found = []
    for where in FIELDS:
        estimated = [
            (frequency * count / read, term)
            for term, frequency in seen[where].items()
            if _PLAIN_TERM.match(term)
        ]
        wanted = [
            (where, term)
            for documents, term in sorted(estimated, reverse=True)
            if documents >= TERM_MIN_DOCUMENTS
        ]
        found += wanted[:TERM_SETS_MAX]
    return found


def term_sets(wanted, documents):
    """{(field, term): documents} read from the full-text index."""
    found = {}
    for where, term in wanted:
        found[(where, term)] = fetch(*term_source(where, term)) & documents
    return found


def refresh(previous, generation, keys):
    """The sets for ``generation``, reusing ``previous`` where that is exact."""
    now = fingerprint()
    if previous is not None and previous.fingerprint == now:
        return replace(
            previous, generation=generation, keys=keys, _by_facet=None, _sizes=None
        )
    if _can_update(previous, now, keys):
        updated = _updated(previous, generation, keys, now)
        if updated is not None:
            return updated
    return read_all(generation, keys, now)


def read_all(generation, keys, now=None):
    """Every set read from the database (a process's first search)."""
    now = fingerprint() if now is None else now
    order, days = read_order()
    documents = from_ids(order)
    terms = term_sets(frequent_terms(order, len(order)), documents)
    return IndexBitmaps(
        generation=generation,
        keys=keys,
        documents=documents,
        facets={n: bits & documents for n, bits in facet_sets(keys).items()},
        order=order,
        days=days,
        terms=terms,
        # Read in several statements: if a write came in between, the sets are
        # used for this search and read again by the next one.
        fingerprint=now if _consistent(now, documents) else (),
    )


def _consistent(now, documents):
    count, newest = now
    last = newest[0][0] if newest else None
    highest = documents.bit_length() - 1 if documents else None
    return documents.bit_count() == count and highest == last


def _updated(previous, generation, keys, now):
    """``previous`` plus the documents written since (ids above its last id) minus
    those removed, or None when that is more than ``UPDATE_LIMIT`` documents."""
    last = _last_id(previous.fingerprint)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, {day_sql()}, title_terms, body_terms "  # noqa: S608
            "FROM search_searchdocument WHERE id > %s ORDER BY id LIMIT %s",
            [last, UPDATE_LIMIT + 1],
        )
        added = cursor.fetchall()
    if len(added) > UPDATE_LIMIT:
        return None
    removed = previous.documents.bit_count() + len(added) - now[0]
    if removed < 0 or removed > UPDATE_LIMIT:
        return None
    gone = 0
    if removed:
        gone = removed_documents(previous.documents, last, removed)
        if gone is None:
            return None
    new = from_ids(row[0] for row in added)
    documents = (previous.documents & ~gone) | new
    facets = {n: bits & ~gone for n, bits in previous.facets.items()}
    for number, bits in facet_sets(keys, after=last).items():
        # Rows of a document written after ``added`` was read wait for the next
        # update, like the document itself.
        facets[number] = facets.get(number, 0) | (bits & new)
    terms = {key: bits & ~gone for key, bits in previous.terms.items()}
    for pk, _day, title, body in added:
        in_title = set(title.split())
        for term in in_title.union(body.split()):
            if ("all", term) in terms:
                terms[("all", term)] |= 1 << pk
            if term in in_title and ("title", term) in terms:
                terms[("title", term)] |= 1 << pk
    order, days = previous.order, previous.days
    if added:
        # Copies: a search in another thread may still walk the previous ones.
        order, days = list(order), array("q", days)
        highest = added[-1][0]
        if len(days) <= highest:
            days.extend(repeat(0, highest + 1 - len(days)))
        for pk, day, _title, _body in added:
            days[pk] = day
        for pk, day, _title, _body in added:
            place = bisect_left(
                order, -(day * 2**32 + pk), key=lambda i: -(days[i] * 2**32 + i)
            )
            order.insert(place, pk)
    if len(order) > 1.1 * max(1, documents.bit_count()):
        order = _alive(order, documents)
    return IndexBitmaps(
        generation=generation,
        keys=keys,
        documents=documents,
        facets=facets,
        order=order,
        days=days,
        terms=terms,
        fingerprint=now if _consistent(now, documents) else (),
    )


def removed_documents(documents, last, expected):
    """The set of ids up to ``last`` that are in ``documents`` but no longer in the
    table (one read of every id, packed: ~10 ms at 100,000 documents, against ~100
    ms for the date order); None when the table holds a document up to ``last``
    that ``documents`` never saw (a late commit) or the number is not ``expected``."""
    there = fetch("SELECT id FROM search_searchdocument", [])
    up_to_last = in_range(there, 0, last + 1)
    if up_to_last & ~documents:
        return None
    gone = documents & ~up_to_last
    return gone if gone.bit_count() == expected else None


def _can_update(previous, now, keys):
    """Whether ``previous`` plus the documents above its last id are exact now."""
    if previous is None or not previous.fingerprint or not previous.fingerprint[1]:
        return False
    if _last_id(now) < _last_id(previous.fingerprint):
        return False
    if any(
        keys.get(key, (None,))[0] != number
        for key, (number, _label) in previous.keys.items()
    ):
        return False  # facet value numbers changed: not the same database
    return not _rewritten(previous)


def _rewritten(previous):
    """Whether ids the sets already cover may hold other documents now (a restored
    database, or a rolled-back test): one of the remembered newest documents is
    there with another write time, or none of them is there any more."""
    anchors = dict(previous.fingerprint[1])
    found = dict(
        SearchDocument.objects.filter(id__in=list(anchors)).values_list(
            "id", "indexed_at"
        )
    )
    if not found:
        return True
    return any(anchors[pk] != at for pk, at in found.items())
