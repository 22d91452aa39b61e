"""The one interface of the public search; ``get_engine()`` picks the engine that
``settings.SEARCH_ENGINE`` names ("database" or "elasticsearch").

Views, the API, signals and commands talk only to this module: a :class:`SearchQuery`
goes in, :class:`SearchResults` come out, and documents are the dicts that
:mod:`search.sources` builds.
"""

import datetime
import difflib
import math
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from search.analysis import ParsedQuery, parse_query, words

# Facet name (also the URL parameter) → label; the order is the order on the page.
FACETS = {
    "type": _("Soort"),
    "theme": _("Thema"),
    "tag": _("Trefwoord"),
    "municipality": _("Gemeente"),
    "riec": _("RIEC-regio"),
    "intervention": _("Type interventie"),
    "partner": _("Partner"),
    "track": _("Spoor"),
    "evidence": _("Mate van bewijs"),
    "year": _("Jaar"),
}
SORTS = {"relevance": _("Relevantie"), "newest": _("Nieuwste eerst")}
PER_PAGE = 10
# Facet values shown per facet; the municipality and tag lists can be long.
MAX_FACET_VALUES = 30
# Values shown before "toon meer" (selected values are always among them).
FIRST_FACET_VALUES = 8
MAX_FILTER_VALUES = 20
MAX_RELATED = 3

ENGINES = {
    "database": "search.database.DatabaseEngine",
    "elasticsearch": "search.elasticsearch.engine.ElasticsearchEngine",
}


@dataclass(frozen=True)
class SearchQuery:
    """What a visitor asks: text, selected facet values, sort order and page."""

    q: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE

    def __post_init__(self):
        if self.sort not in SORTS:
            raise ValueError(f"unknown sort {self.sort!r}")
        unknown = set(self.filters) - set(FACETS)
        if unknown:
            raise ValueError(f"unknown facets {sorted(unknown)}")
        if self.page < 1:
            raise ValueError("page must be 1 or more")

    @property
    def effective_sort(self):
        # Without words there is nothing to rank: newest first.
        return self.sort if self.q.strip() else "newest"

    @property
    def offset(self):
        return (self.page - 1) * self.per_page

    def without_filter(self, facet, value):
        filters = {
            name: tuple(v for v in values if not (name == facet and v == value))
            for name, values in self.filters.items()
        }
        return replace(self, filters={k: v for k, v in filters.items() if v}, page=1)


@dataclass
class Hit:
    """One result as every engine returns it."""

    page_id: int | None
    kind: str
    title: str
    url: str
    snippet: str  # safe HTML: escaped text with <mark> around matched words
    municipality: str = ""
    themes: list = field(default_factory=list)
    date: datetime.date | None = None
    score: float | None = None
    # Query words (as typed) this result does not contain ("Niet gevonden: …").
    missing: list = field(default_factory=list)

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, self.kind)


KIND_LABELS = {"practice": _("Praktijk"), "session": _("Leerbijeenkomst")}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


def choice_labels():
    """Facets whose values are codes with a translatable label. The index keeps the
    Dutch label; the page shows the label in the visitor's interface language."""
    from practices.models import PracticePage

    return {"type": KIND_LABELS, "evidence": dict(PracticePage.EvidenceLevel.choices)}


def facet_choices(name):
    """{value: label} of every value the facet ``name`` can take (from the reference
    data, whatever the engine), or ``None`` for the year (any year)."""
    from taggit.models import Tag

    from home.models import (
        InterventionType,
        Municipality,
        PartnerType,
        RiecRegion,
        Theme,
        Track,
    )
    from practices.models.pages import PracticePageTag

    if name == "year":
        return None
    if name in choice_labels():
        return {value: str(label) for value, label in choice_labels()[name].items()}
    if name == "municipality":
        return {m.slug: m.display_name for m in Municipality.objects.all()}
    if name == "tag":
        tags = Tag.objects.filter(pk__in=PracticePageTag.objects.values("tag_id"))
        return dict(tags.values_list("slug", "name"))
    models = {
        "theme": Theme,
        "riec": RiecRegion,
        "intervention": InterventionType,
        "partner": PartnerType,
        "track": Track,
    }
    return dict(models[name].objects.values_list("slug", "name"))


class UnknownFacetValue(ValueError):
    """A filter value that is neither a value nor a label of its facet."""

    def __init__(self, facet, values, choices):
        super().__init__(facet, values)
        self.facet = facet
        self.values = values
        self.choices = choices


def resolve_facet_values(name, values):
    """The facet values meant by ``values``, each given as value (slug) or label, in
    any case: ``riec=Amsterdam-Amstelland`` is ``riec=amsterdam-amstelland``. Raises
    :class:`UnknownFacetValue`."""
    if name == "year":
        unknown = [
            v for v in values if not (v.isascii() and v.isdigit() and len(v) == 4)
        ]
        if unknown:
            raise UnknownFacetValue(name, unknown, None)
        return tuple(values)
    choices = facet_choices(name)
    lookup = {}
    for value, label in choices.items():
        lookup.setdefault(label.casefold(), value)
    for value in choices:
        lookup[value.casefold()] = value
    if name == "municipality":
        from home.models import Municipality

        for slug, official in Municipality.objects.values_list("slug", "name"):
            lookup.setdefault(official.casefold(), slug)
    resolved, unknown = [], []
    for value in values:
        found = lookup.get(" ".join(value.split()).casefold())
        if found is None:
            unknown.append(value)
        elif found not in resolved:
            resolved.append(found)
    if unknown:
        raise UnknownFacetValue(name, unknown, choices)
    return tuple(resolved)


@dataclass
class Facet:
    name: str
    label: str
    values: list

    def __post_init__(self):
        labels = choice_labels().get(self.name)
        if labels:
            for value in self.values:
                value.label = labels.get(value.value, value.label)

    @property
    def first_values(self):
        """The values shown at once: the selected ones and the most frequent, in
        page order, ``FIRST_FACET_VALUES`` at least."""
        first = self.values[:FIRST_FACET_VALUES]
        return first + [v for v in self.values[FIRST_FACET_VALUES:] if v.selected]

    @property
    def more_values(self):
        """The values behind "toon meer"."""
        return [v for v in self.values[FIRST_FACET_VALUES:] if not v.selected]


@dataclass
class Suggestion:
    """A way out of an empty result: another query, or the same without a filter."""

    kind: str  # "spelling", "related" or "remove-filter"
    label: str
    query: SearchQuery
    count: int


@dataclass
class SearchResults:
    query: SearchQuery
    parsed: ParsedQuery
    hits: list
    total: int
    facets: list
    suggestions: list = field(default_factory=list)

    @property
    def num_pages(self):
        return max(1, math.ceil(self.total / self.query.per_page))


class PageOutOfRange(Exception):
    """The requested page lies beyond the last page of results."""

    def __init__(self, num_pages):
        super().__init__(num_pages)
        self.num_pages = num_pages


class SearchUnavailable(Exception):
    """The engine cannot answer now (cluster down, index missing); the page says so."""


class SearchEngine:
    """What every engine implements; see docs/search.md."""

    def search(self, query):
        """Run ``query``; raises :class:`PageOutOfRange` for a page past the end."""
        raise NotImplementedError

    def count(self, query):
        raise NotImplementedError

    def suggest_titles(self, prefix, limit=8):
        """Titles of documents that start matching ``prefix`` (for typing ahead)."""
        raise NotImplementedError

    def index_documents(self, documents):
        raise NotImplementedError

    def remove_pages(self, page_ids):
        raise NotImplementedError

    def rebuild(self, documents, batch_size, progress=None):
        """Replace the whole index by ``documents`` (an iterable of batches' items)."""
        raise NotImplementedError

    def vocabulary_candidates(self, word):
        """Known words that could be what ``word`` meant to say."""
        raise NotImplementedError

    def synonyms(self):
        from search.models import Synonym

        return Synonym.synonym_set()

    def parse(self, text):
        return parse_query(text, self.synonyms())

    def clause_exists(self, parsed, index):
        """Does any document match clause ``index`` of ``parsed``?"""
        raise NotImplementedError

    def corrected(self, parsed):
        """``parsed`` with every single word that no document contains also matching
        the closest known word (difflib over the indexed vocabulary): a one-letter
        typo still finds what was meant, and the page says so."""
        for index, label in enumerate(parsed.labels):
            if " " in label or len(label) < 4 or self.clause_exists(parsed, index):
                continue
            lower = label.lower()
            close = difflib.get_close_matches(
                lower, self.vocabulary_candidates(lower), n=1, cutoff=0.8
            )
            if close and close[0] != lower:
                parsed = parsed.with_correction(index, close[0])
        return parsed

    # --- shared: helpful suggestions when nothing is found ---------------------

    def suggestions(self, query, parsed):
        found = []
        for name, values in query.filters.items():
            for value in values:
                smaller = query.without_filter(name, value)
                count = self.count(smaller)
                if count:
                    found.append(
                        Suggestion(
                            "remove-filter", f"{FACETS[name]}: {value}", smaller, count
                        )
                    )
        corrected = self.spelling_correction(query.q)
        if corrected:
            # The corrected words with the filters, else without them.
            for filters in (query.filters, {}):
                alternative = replace(query, q=corrected, filters=filters, page=1)
                count = self.count(alternative)
                if count:
                    found.append(Suggestion("spelling", corrected, alternative, count))
                    break
        for text in self.synonyms().related(parsed.terms)[:MAX_RELATED]:
            alternative = replace(query, q=text, page=1)
            count = self.count(alternative)
            if count:
                found.append(Suggestion("related", text, alternative, count))
        return found

    def spelling_correction(self, text):
        """The query with each unknown word replaced by the closest known word."""
        changed = False
        corrected = []
        for word in words(text):
            lower = word.lower()
            candidates = self.vocabulary_candidates(lower)
            if lower in candidates or len(lower) < 4:
                corrected.append(word)
                continue
            close = difflib.get_close_matches(lower, candidates, n=1, cutoff=0.75)
            if close:
                corrected.append(close[0])
                changed = True
            else:
                corrected.append(word)
        return " ".join(corrected) if changed else ""


_engines = {}


def get_engine(name=None):
    """The configured engine (one instance per name and process)."""
    name = name or settings.SEARCH_ENGINE
    if name not in ENGINES:
        raise ImproperlyConfigured(
            f"SEARCH_ENGINE must be one of {sorted(ENGINES)}, not {name!r}"
        )
    if name not in _engines:
        _engines[name] = import_string(ENGINES[name])()
    return _engines[name]
