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

import re
import threading
from array import array
from collections import deque
from dataclasses import dataclass
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


def words_sql(source_sql, id_column="id", group_by=""):
    """SQL that packs the ids ``id_column`` of the rows of ``source_sql`` into 32-bit
    words: rows (word number, bits), grouped also by ``group_by`` when given (which
    then comes first)."""
    shifted = f"CAST(1 AS BIGINT) << CAST({id_column} & 31 AS INTEGER)"
    head = f"{group_by}, " if group_by else ""
    groups = "1, 2" if group_by else "1"
    return (
        f"SELECT {head}{id_column} >> 5, {vendor_sum()}({shifted}) "  # noqa: S608
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
    """What the engine keeps in memory for one index generation."""

    generation: int
    keys: dict  # (facet, value) → (number, label)
    documents: int  # every document
    facets: dict  # facet value number → documents with that value
    order: array  # document ids, newest first (date, then id, descending)
    position: dict  # document id → its place in ``order``
    _by_facet: dict | None = None

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
    """The bitmaps of ``generation``, loaded once per process and generation;
    ``keys`` gives the facet value numbers when they must be loaded."""
    key = _database_key()
    current = _loaded.get(key)
    if current is not None and current.generation == generation and generation:
        return current
    with _lock:
        current = _loaded.get(key)
        if current is None or current.generation != generation or not generation:
            current = load(generation, keys())
            _loaded[key] = current
    return current


def forget():
    """Drop every loaded generation (the benchmark's "first search after a write")."""
    with _lock:
        _loaded.clear()


def load(generation, keys):
    """Read the facet value sets and the newest-first order from the database."""
    order = array(
        "q",
        SearchDocument.objects.order_by("-date", "-id").values_list("id", flat=True),
    )
    position = {pk: place for place, pk in enumerate(order)}
    if connection.vendor == "postgresql":
        source = (
            "SELECT k AS key, d.id FROM search_searchdocument d, unnest(d.facet_keys) k"
        )
    else:
        source = (
            "SELECT DISTINCT k.id AS key, f.document_id AS id "
            "FROM search_searchfacet f JOIN search_searchfacetkey k "
            "ON k.facet = f.facet AND k.value = f.value"
        )
    with connection.cursor() as cursor:
        cursor.execute(words_sql(source, group_by="key"), [])
        rows = cursor.fetchall()
    by_key = {}
    for key, number, bits in rows:
        by_key.setdefault(key, []).append((number, bits))
    facets = {key: from_words(words) for key, words in by_key.items()}
    return IndexBitmaps(
        generation=generation,
        keys=keys,
        documents=from_ids(order),
        facets=facets,
        order=order,
        position=position,
    )
