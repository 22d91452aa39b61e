"""Sets of search documents as Python integers: bit *i* stands for the document with
id *i*.

The database engine counts facets, totals and "most words" matches on these sets
instead of in SQL. Intersecting two sets of 100,000 documents is one ``&`` on two
12.5 kB integers and counting one is ``int.bit_count()``: microseconds, whatever the
size of the match set. The database still does what it is built for: finding the
documents that contain a clause (FTS5 / GIN), and it hands them over already packed
into 32-bit words (``GROUP BY id >> 5``), a few thousand rows instead of one row per
document.

Per index generation each process keeps :class:`IndexBitmaps` in memory: the set of
every document, one set per facet value (about 600 sets, 7.5 MB at 100,000
documents) and the documents in newest-first order. They are loaded by the first
search of a generation (every index write starts a new one) and are exact: a facet
count is the size of (matches ∩ filters ∩ value), the same number the SQL count
gives (``tests/search/test_bitmaps.py`` compares both on SQLite and PostgreSQL).
"""

import json
import re
import threading
from array import array
from collections import deque
from dataclasses import dataclass, replace
from itertools import repeat

from django.db import connection

from search.models import SearchDocument

WORD_BITS = 32
# Sets up to this size are listed and sorted for a page of newest results; larger
# ones are scanned in newest-first order until the page is full.
SORT_LIMIT = 4096
_ONES = re.compile("1")


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
    """The set of ids that ``sql`` (a query with one column ``id``) returns."""
    with connection.cursor() as cursor:
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


@dataclass
class IndexBitmaps:
    """What the engine keeps in memory for the documents of one index generation."""

    generation: int
    keys: dict  # (facet, value) → (number, label)
    documents: int  # every document
    facets: dict  # facet value number → documents with that value
    order: list  # document ids, newest first (date, then id, descending)
    # (number of documents, highest id, latest indexed_at): documents are never
    # changed in place (an update deletes and inserts with a new, higher id), so
    # these three tell whether the documents changed since the sets were read.
    fingerprint: tuple = ()
    _by_facet: dict | None = None
    _sizes: dict | None = None
    _position: dict | None = None

    @property
    def position(self):
        """{document id: its place in ``order``} (built when first needed)."""
        if self._position is None:
            self._position = {pk: place for place, pk in enumerate(self.order)}
        return self._position

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

    def newest(self, bits, start, stop, total=None):
        """The ids of ``bits`` at places ``start``..``stop`` in newest-first order."""
        if not bits or stop <= start:
            return []
        total = bits.bit_count() if total is None else total
        if total <= SORT_LIMIT:
            ids = members(bits)
            ids.sort(key=self.position.__getitem__)
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


_loaded = {}
_lock = threading.Lock()


def _database_key():
    return (connection.alias, str(connection.settings_dict["NAME"]))


def for_generation(generation, keys):
    """The sets of ``generation``, kept per process. A new generation whose documents
    did not change (a synonym edit) keeps the sets; one with a few documents added
    or removed (publishing) updates them; anything else reads them again.
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


def read_order():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM search_searchdocument ORDER BY date DESC, id DESC"
        )
        return [row[0] for row in cursor.fetchall()]


def facet_sets(keys, after=None):
    """{facet value number: documents} for every document, or only for those with
    an id above ``after``."""
    aggregate = "string_agg(document_id::text, ',')"
    if connection.vendor == "sqlite":
        aggregate = "group_concat(document_id)"
    where, params = ("WHERE document_id > %s", [after]) if after else ("", [])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT facet, value, {aggregate} FROM search_searchfacet "  # noqa: S608
            f"{where} GROUP BY facet, value",
            params,
        )
        rows = cursor.fetchall()
    found = {}
    for facet, value, ids in rows:
        if (facet, value) in keys:
            found[keys[(facet, value)][0]] = from_ids(json.loads(f"[{ids}]"))
    return found


def refresh(previous, generation, keys):
    """The sets for ``generation``, reusing ``previous`` where that is exact."""
    now = fingerprint()
    if previous is not None and previous.fingerprint == now:
        return replace(
            previous, generation=generation, keys=keys, _by_facet=None, _sizes=None
        )
    order = read_order()
    documents = from_ids(order)
    if _can_update(previous, now, keys):
        last = _last_id(previous.fingerprint)
        # Only documents above the last id seen were added; others were removed.
        facets = {number: bits & documents for number, bits in previous.facets.items()}
        for number, bits in facet_sets(keys, after=last).items():
            facets[number] = facets.get(number, 0) | bits
    else:
        facets = facet_sets(keys)
    return IndexBitmaps(
        generation=generation,
        keys=keys,
        documents=documents,
        facets=facets,
        order=order,
        # Read in several statements: if a write came in between, the sets are
        # used for this search and read again by the next one.
        fingerprint=now if _consistent(now, order) else (),
    )


def _consistent(now, order):
    count, newest = now
    last = newest[0][0] if newest else None
    return len(order) == count and (max(order) if order else None) == last


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
