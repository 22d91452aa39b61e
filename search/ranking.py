"""One relevance ranking for every database: BM25F over the candidate documents.

SQLite's FTS5 ``bm25()`` and PostgreSQL's ``ts_rank`` score differently, so the
database engine only *finds* the candidates and this module ranks them, the same way
on both. A clause of the query (a word with its synonyms and compound parts) counts
once per field, the fields are weighted and length-normalised, then saturated as in
BM25 (Robertson & Zaragoza, *The Probabilistic Relevance Framework: BM25 and
Beyond*, 2009, BM25F):

    tf'(c, d) = Σ_field weight_f · tf(c, d, f) / (1 − b_f + b_f · len_f(d) / avglen_f)
    score(d)  = Σ_c idf(c) · tf'(c, d) / (k1 + tf'(c, d))
    idf(c)    = ln(1 + (N − df(c) + 0.5) / (df(c) + 0.5))

Documents that match every clause come first ("all words" before "most words"), then
the score, then the newest, then the highest id: a total order, so both databases
give the same page for the same index.

The Elasticsearch engine uses the same field weights (``FIELD_WEIGHTS``) in its
``multi_match``; Lucene's BM25 differs in details (docs/search.md).
"""

import math
from dataclasses import dataclass

from search.analysis import AllOf

FIELD_WEIGHTS = {"title": 3.0, "body": 1.0}
FIELD_B = {"title": 0.5, "body": 0.75}
K1 = 1.2


@dataclass
class Candidate:
    id: int
    title_terms: str
    body_terms: str
    date: object = None


@dataclass(frozen=True)
class Statistics:
    """What the scorer needs to know about the whole index."""

    documents: int
    average_length: dict  # field → average length in characters
    document_frequency: tuple  # per clause: documents that match it


# A compound's parts scattered through a text ("zorg" here, "fraude" there) match it,
# but count for this much of an occurrence; adjacent (as the parts of a compound in
# the text, or written apart) they count fully.
SCATTERED_PARTS = 0.3


def _count(padded, alternative):
    """How often ``alternative`` occurs in a padded term string (" a b c ")."""
    if isinstance(alternative, AllOf):
        adjacent = padded.count(f" {' '.join(alternative)} ")
        if adjacent:
            return adjacent
        return SCATTERED_PARTS * min(padded.count(f" {term} ") for term in alternative)
    return padded.count(f" {' '.join(alternative)} ")


def clause_frequencies(parsed, candidate):
    """{field: [tf per clause]}: a clause counts as its most frequent alternative
    (synonyms are one concept, not several)."""
    fields = {
        "title": f" {candidate.title_terms} ",
        "body": f" {candidate.body_terms} ",
    }
    return {
        name: [max(_count(padded, a) for a in clause) for clause in parsed.clauses]
        for name, padded in fields.items()
    }


def matched_clauses(parsed, candidate, fully=False):
    """A flag per clause: does the document match it (in any field)? ``fully``:
    scattered compound parts do not count."""
    frequencies = clause_frequencies(parsed, candidate)
    return [
        (title >= 1 or body >= 1) if fully else bool(title or body)
        for title, body in zip(frequencies["title"], frequencies["body"], strict=True)
    ]


def missing_labels(parsed, candidate):
    """The query words (as written) that ``candidate`` does not match."""
    return [
        label
        for label, found in zip(
            parsed.labels, matched_clauses(parsed, candidate), strict=True
        )
        if not found
    ]


def idf(documents, frequency):
    return math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))


def score(parsed, candidate, statistics):
    """(matches every clause, BM25F score) of one candidate."""
    frequencies = clause_frequencies(parsed, candidate)
    lengths = {
        "title": len(candidate.title_terms) + 1,
        "body": len(candidate.body_terms) + 1,
    }
    total = 0.0
    everything = True
    for index, frequency in enumerate(statistics.document_frequency):
        weighted = 0.0
        if max(frequencies[name][index] for name in FIELD_WEIGHTS) < 1:
            everything = False  # not there, or only as scattered compound parts
        for name, weight in FIELD_WEIGHTS.items():
            tf = frequencies[name][index]
            if not tf:
                continue
            b = FIELD_B[name]
            average = statistics.average_length.get(name) or 1.0
            weighted += weight * tf / (1 - b + b * lengths[name] / average)
        if not weighted:
            continue
        total += idf(statistics.documents, frequency) * weighted / (K1 + weighted)
    return everything, total


def rank(parsed, candidates, statistics):
    """The candidates' ids, best first (a total order: ties by date, then id)."""
    scored = []
    for candidate in candidates:
        everything, value = score(parsed, candidate, statistics)
        date = candidate.date.toordinal() if candidate.date else 0
        # Rounded so that float noise never decides between two databases.
        scored.append((everything, round(value, 9), date, candidate.id))
    scored.sort(reverse=True)
    return [row[3] for row in scored]
