"""The one Dutch normalisation step that every search database shares.

Text and queries both go through :func:`normalise`: split into words, fold accents and
case, drop Dutch stop words and stem with the classic Snowball Dutch stemmer. The
database engine stores the result as plain space-separated terms, so SQLite FTS5
and PostgreSQL (``'simple'`` configuration) index exactly the same terms and find
exactly the same documents. Queries are additionally expanded with the synonyms that
ministry editors maintain (:class:`SynonymSet`).

Why ``dutch_porter`` and not PyStemmer's ``dutch``: since Snowball 3 the ``dutch``
algorithm also strips the ``ge-`` prefix, so *gemeente*, *mening* and *menen* all become
``meen`` and *gebied* becomes ``bied``. The classic algorithm (``dutch_porter``, the one
Elasticsearch 8 uses for ``"language": "dutch"``) keeps those apart and still conflates
the plurals the portal needs (gemeenten, jeugdgroepen, bijeenkomsten, investeringen).
"""

import re
import threading
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

import Stemmer

from search import lexicon

STEMMER_ALGORITHM = "dutch_porter"

# The Snowball Dutch stop list (also Elasticsearch's ``_dutch_``), plus the clitics
# 's and 't that split names such as 's-Gravenhage into a lone letter.
_STOP_WORDS_TEXT = """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er
    maar om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij
    uit der daar haar naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen
    omdat iets worden toch al waren veel meer doen toen moet ben zonder kan hun dus
    alles onder ja eens hier wie werd altijd doch wordt wezen kunnen ons zelf tegen na
    reeds wil kon niets uw iemand geweest andere s t
"""
DUTCH_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

# Letters that Unicode does not decompose into a base letter plus an accent.
_SPECIAL_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ĳ": "ij",
        "Ĳ": "IJ",
    }
)
_WORD = re.compile(r"[A-Za-z0-9]+")
_ORIGINAL_WORD = re.compile(r"[^\W_]+")

# A query never needs more terms than this; longer input is cut off (and the page says
# so) so that a pasted page of text cannot produce a huge database query.
MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 12

_local = threading.local()


def _stemmer():
    # PyStemmer objects are not thread-safe: one per thread.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer(STEMMER_ALGORITHM)
    return stemmer


@lru_cache(maxsize=50_000)
def stem(word):
    """The stem of one folded, lower-case word."""
    return _stemmer().stemWord(word)


def fold_accents(text):
    """Remove accents but keep case: ``Fryslân`` → ``Fryslan``."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text):
    """The words of ``text`` with accents folded and case kept."""
    return _WORD.findall(fold_accents(text or ""))


def is_acronym(word):
    return len(word) >= 2 and word.isupper() and word.isalpha()


@lru_cache(maxsize=100_000)
def term(lower):
    """The index term of a folded, lower-case word that is not a stop word: the base
    form of plurals and diminutives the stemmer misses (``lexicon.base_form``), then
    the Snowball stem."""
    return stem(lexicon.base_form(lower))


def normalise_word(word):
    """The index term for one word, or ``None`` for a stop word.

    A stop word written in capitals is an acronym and is kept: *OM* (Openbaar
    Ministerie) is a term, *om* ("in order to") is not.
    """
    lower = word.lower()
    if lower in DUTCH_STOP_WORDS and not is_acronym(word):
        return None
    if is_acronym(word):
        return stem(lower)
    return term(lower)


@lru_cache(maxsize=100_000)
def compound_terms(lower):
    """The terms of the parts of a compound word (``jeugdgroepen`` → ``jeugd``,
    ``groep``), or ``()``; parts that are stop words are left out."""
    parts = lexicon.split_compound(lower)
    found = []
    for part in parts:
        if part in DUTCH_STOP_WORDS:
            continue
        part_term = term(part)
        if part_term not in found:
            found.append(part_term)
    whole = term(lower)
    return tuple(t for t in found if t != whole) if len(found) > 1 else ()


def _word_terms(text):
    """(term, word as written) for every word of ``text`` that is not a stop word."""
    pairs = []
    for word in words(text):
        word_term = normalise_word(word)
        if word_term:
            pairs.append((word_term, word))
    return pairs


def normalise(text):
    """The list of index terms of ``text``, one per word (stop words left out)."""
    return [word_term for word_term, _word in _word_terms(text)]


def index_terms(text):
    """What gets indexed: the terms of ``text`` in order, then the parts of its
    compounds. The parts come after the text so that the positions of the text's own
    terms, which phrases match on, stay as they are."""
    terms, parts = [], []
    for word_term, word in _word_terms(text):
        terms.append(word_term)
        if not is_acronym(word):
            parts.extend(compound_terms(word.lower()))
    return terms + parts


def normalise_text(text):
    """The index terms of ``text`` as one space-separated string (what gets stored)."""
    return " ".join(index_terms(text))


# --- synonyms ----------------------------------------------------------------------


class SynonymSet:
    """Groups of equivalent terms and phrases, matched on their normalised form.

    ``SynonymSet([["RIEC", "Regionaal Informatie- en Expertisecentrum"]])`` makes a
    query for either form find both. Phrases are compared term by term after
    normalisation, so "regionale informatie en expertisecentra" matches too.
    """

    def __init__(self, groups=()):
        self._groups = []
        self._by_phrase = {}
        self._labels = {}
        self.max_length = 0
        for group in groups:
            phrases = []
            for text in group:
                phrase = tuple(normalise(text))
                if phrase and phrase not in phrases:
                    phrases.append(phrase)
                    self._labels.setdefault(phrase, " ".join(text.split()))
            if len(phrases) < 2:
                continue
            index = len(self._groups)
            self._groups.append(tuple(phrases))
            for phrase in phrases:
                self._by_phrase.setdefault(phrase, []).append(index)
                self.max_length = max(self.max_length, len(phrase))

    def __len__(self):
        return len(self._groups)

    def alternatives(self, phrase):
        """All phrases equivalent to ``phrase`` (itself first), or ``None``."""
        indexes = self._by_phrase.get(tuple(phrase))
        if not indexes:
            return None
        result = [tuple(phrase)]
        for index in indexes:
            for other in self._groups[index]:
                if other not in result:
                    result.append(other)
        return tuple(result)

    def related(self, terms):
        """Readable forms of synonyms that share a term with ``terms`` but are not
        what the query already asks for (for "also try" suggestions)."""
        found = []
        for phrase, indexes in self._by_phrase.items():
            if not set(phrase) & set(terms) or set(phrase) <= set(terms):
                continue
            for index in indexes:
                for other in self._groups[index]:
                    label = self._labels[other]
                    if not set(other) <= set(terms) and label not in found:
                        found.append(label)
        return found


EMPTY_SYNONYMS = SynonymSet()


class AllOf(tuple):
    """An alternative whose terms must all occur, anywhere in the document: the parts
    of a compound (``jeugdgroep`` also matches "groepen ... jeugd"). A plain tuple
    alternative is a phrase: its terms in this order, adjacent."""

    __slots__ = ()

    def __repr__(self):
        return f"AllOf({tuple(self)!r})"


def minimum_should_match(count):
    """How many of ``count`` clauses a document must match, the same rule as
    Elasticsearch's ``minimum_should_match: "2<-1 5<60%"``: one or two words all,
    three to five words all but one, more words 60 % (rounded down)."""
    if count <= 2:
        return count
    if count <= 5:
        return count - 1
    return count * 60 // 100


MINIMUM_SHOULD_MATCH = "2<-1 5<60%"


@dataclass(frozen=True)
class ParsedQuery:
    """A query after normalisation. A clause matches when one of its alternatives
    does (OR); an alternative is a phrase of terms or an :class:`AllOf`. A document
    matches when it matches at least ``minimum`` clauses (all of them by default);
    ``labels`` are the clauses as the visitor wrote them ("Niet gevonden: …")."""

    text: str
    clauses: tuple = ()
    truncated: bool = False
    terms: frozenset = field(default_factory=frozenset)
    labels: tuple = ()
    minimum: int | None = None
    # (word as typed, known word) for words found nowhere and read as a typo.
    corrections: tuple = ()

    def __bool__(self):
        return bool(self.clauses)

    @property
    def required(self):
        """The number of clauses a document must match."""
        if self.minimum is None:
            return len(self.clauses)
        return max(1, min(self.minimum, len(self.clauses)))

    @property
    def requires_all(self):
        return self.required >= len(self.clauses)

    def with_minimum(self, minimum):
        return replace(self, minimum=minimum)

    def with_correction(self, index, corrected):
        """The query with clause ``index`` also matching the word ``corrected``
        (a one-letter typo: *witwasen* finds *witwassen*)."""
        word_term = normalise_word(corrected)
        if not word_term:
            return self
        extra = [(word_term,)]
        parts = compound_terms(corrected.lower())
        if parts:
            extra.append(AllOf(parts))
        clause = self.clauses[index] + tuple(
            a for a in extra if a not in self.clauses[index]
        )
        clauses = self.clauses[:index] + (clause,) + self.clauses[index + 1 :]
        return replace(
            self,
            clauses=clauses,
            terms=self.terms | {t for a in extra for t in a},
            corrections=(*self.corrections, (self.labels[index], corrected)),
        )

    @property
    def normalised(self):
        """A readable form for the query log, e.g. ``riec|(regionaal informatie)``;
        ``jeugd+groep`` is the split compound, ``~2`` the minimum of clauses."""
        parts = []
        for clause in self.clauses:
            alternatives = []
            for p in clause:
                if isinstance(p, AllOf):
                    alternatives.append("+".join(p))
                elif len(p) > 1:
                    alternatives.append(f"({' '.join(p)})")
                else:
                    alternatives.append(p[0])
            parts.append("|".join(alternatives))
        text = " ".join(parts)
        if not self.requires_all:
            text += f" ~{self.required}"
        return text


def _query_pairs(text):
    pairs = _word_terms(text)
    if not pairs:
        # A query of nothing but stop words ("om", "de") asks for those words: in
        # lower case "om" may well mean the OM. It must not match everything.
        pairs = [(stem(word.lower()), word) for word in words(text)]
    return pairs


def parse_query(text, synonyms=EMPTY_SYNONYMS):
    """Normalise a visitor's query and expand it with synonyms (longest match first)
    and with the parts of its compounds. All clauses are required; the engine lowers
    ``minimum`` (see :func:`minimum_should_match`)."""
    text = (text or "").strip()
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    pairs = _query_pairs(text)
    if len(pairs) > MAX_QUERY_TERMS:
        pairs = pairs[:MAX_QUERY_TERMS]
        truncated = True
    terms = [word_term for word_term, _word in pairs]
    clauses = {}
    position = 0
    while position < len(terms):
        match = None
        longest = min(synonyms.max_length, len(terms) - position)
        for length in range(longest, 0, -1):
            alternatives = synonyms.alternatives(terms[position : position + length])
            if alternatives:
                match = (alternatives, length)
                break
        if not match:
            word = pairs[position][1]
            alternatives = ((terms[position],),)
            parts = () if is_acronym(word) else compound_terms(word.lower())
            if parts:
                alternatives += (AllOf(parts),)
            match = (alternatives, 1)
        label = " ".join(word for _term, word in pairs[position : position + match[1]])
        # The same clause twice adds nothing but cost.
        clauses.setdefault(match[0], label)
        position += match[1]
    unique = tuple(clauses)
    all_terms = frozenset(
        term for clause in unique for phrase in clause for term in phrase
    )
    return ParsedQuery(
        text=text,
        clauses=unique,
        truncated=truncated,
        terms=all_terms,
        labels=tuple(clauses.values()),
    )


# --- highlighting ------------------------------------------------------------------


@lru_cache(maxsize=100_000)
def _terms_of_original_word(word):
    """Index terms of one word as written in the text (cached: snippets repeat words)."""
    found = set()
    for part in words(word):
        part_term = normalise_word(part)
        if part_term:
            found.add(part_term)
            if not is_acronym(part):
                found.update(compound_terms(part.lower()))
    return frozenset(found)


def highlight(text, terms, max_words=40):
    """An HTML-safe extract of ``text`` with the words that match ``terms`` in <mark>.

    Words are compared by their index term, so *gemeenten* is marked for a query on
    *gemeente*. The extract is the window of ``max_words`` words with the most matches.
    """
    text = text or ""
    spans = []
    hits_by_word = {}  # a text repeats its words: decide each word once
    for match in _ORIGINAL_WORD.finditer(text):
        word = match.group()
        hit = hits_by_word.get(word)
        if hit is None:
            hit = hits_by_word[word] = bool(terms) and not _terms_of_original_word(
                word
            ).isdisjoint(terms)
        spans.append((match.start(), match.end(), hit))
    if not spans:
        return SafeString("")
    start_index = 0
    if terms and len(spans) > max_words:
        best = -1
        hits = [int(span[2]) for span in spans]
        window = sum(hits[:max_words])
        best, start_index = window, 0
        for index in range(1, len(spans) - max_words + 1):
            window += hits[index + max_words - 1] - hits[index - 1]
            if window > best:
                best, start_index = window, index
        # Start a few words before the first match, for context.
        first_hit = next(
            (i for i in range(start_index, start_index + max_words) if hits[i]), None
        )
        if first_hit is not None:
            start_index = max(0, min(start_index, first_hit - 3))
    chosen = spans[start_index : start_index + max_words]
    at_end = start_index + max_words >= len(spans)
    parts = ["… " if start_index > 0 else ""]
    cursor = chosen[0][0] if start_index > 0 else 0
    for span_start, span_end, hit in chosen:
        parts.append(escape(text[cursor:span_start]))
        word = escape(text[span_start:span_end])
        parts.append(f"<mark>{word}</mark>" if hit else word)
        cursor = span_end
    parts.append(escape(text[cursor:]) if at_end else " …")
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text is escaped)
