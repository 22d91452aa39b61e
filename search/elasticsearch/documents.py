"""The index: a Dutch analyzer and the mapping of one search document.

The analyzer mirrors search.analysis as closely as Elasticsearch allows: standard
tokenizer, ASCII folding, the same Dutch stop words (except capitalised acronyms such as
OM, through a ``condition`` filter), lower case, the editors' synonyms (search time only,
``synonym_graph``), compound parts from the same word list (``dictionary_decompounder``),
the -eren plurals and the Snowball Dutch stemmer (``"language": "dutch"``, the classic
algorithm that search.analysis uses too).
"""

from elasticsearch_dsl import (
    Completion,
    Date,
    Document,
    Integer,
    Keyword,
    Text,
    analyzer,
    token_filter,
)

from search import lexicon
from search.analysis import DUTCH_STOP_WORDS, is_acronym, words
from search.engines import FACETS
from search.lexicon import EREN_PLURALS

dutch_stop = token_filter(
    "dutch_stop", type="stop", stopwords=sorted(DUTCH_STOP_WORDS), ignore_case=True
)
# Stop words are dropped unless written as an acronym (two or more capitals).
dutch_stop_except_acronyms = token_filter(
    "dutch_stop_except_acronyms",
    type="condition",
    filter=["dutch_stop"],
    script={
        "source": (
            "String t = token.getTerm().toString(); "
            "return !(t.length() >= 2 && t.equals(t.toUpperCase()) "
            "&& !t.equals(t.toLowerCase()));"
        )
    },
)
dutch_stemmer = token_filter("dutch_stemmer", type="stemmer", language="dutch")
# The closed class of -eren plurals (kinderen → kind), as in search.lexicon.
dutch_base_forms = token_filter(
    "dutch_base_forms",
    type="stemmer_override",
    rules=[f"{plural} => {base}" for plural, base in sorted(EREN_PLURALS.items())],
)
# Compound parts from the same word list as search.lexicon (wordfreq's Dutch list):
# "jeugdgroepen" is also indexed as "jeugd" and "groepen". The parts are added as
# extra tokens at the compound's position, the whole word stays.
dutch_decompounder = token_filter(
    "dutch_decompounder",
    type="dictionary_decompounder",
    word_list=list(lexicon.decompound_word_list()),
    min_word_size=lexicon.COMPOUND_MIN_LENGTH,
    min_subword_size=lexicon.PART_MIN_LENGTH,
    only_longest_match=True,
)

TEXT_FILTERS = ["asciifolding", dutch_stop_except_acronyms, "lowercase"]

folding = analyzer(
    "folding", tokenizer="standard", filter=["asciifolding", "lowercase"]
)
MORPHOLOGY = [dutch_decompounder, dutch_base_forms, dutch_stemmer]
dutch_index = analyzer(
    "dutch_index", tokenizer="standard", filter=[*TEXT_FILTERS, *MORPHOLOGY]
)


def synonym_rules(groups):
    """Elasticsearch synonym rules ("riec, regionaal informatie expertisecentrum") from
    the editors' groups. Written the way the filters before the synonym filter leave the
    words: folded, stop words removed, lower case except acronyms (so "OM" survives the
    stop filter, as it does in queries)."""
    rules = []
    for group in groups:
        forms = []
        for text in group:
            kept = [
                w if is_acronym(w) else w.lower()
                for w in words(text)
                if is_acronym(w) or w.lower() not in DUTCH_STOP_WORDS
            ]
            form = " ".join(kept)
            if form and form not in forms:
                forms.append(form)
        if len(forms) > 1:
            rules.append(", ".join(forms))
    return sorted(rules)


def dutch_search(rules):
    synonyms = token_filter(
        "dutch_synonyms",
        type="synonym_graph",
        synonyms=rules or ["riec, riec"],
        lenient=True,
    )
    return analyzer(
        "dutch_search",
        tokenizer="standard",
        filter=[*TEXT_FILTERS, synonyms, *MORPHOLOGY],
    )


def facet_field(name):
    return f"f_{name}"


def facet_label_field(name):
    return f"fl_{name}"


class SearchDocument(Document):
    """The Elasticsearch twin of search.models.SearchDocument."""

    page_id = Integer()
    kind = Keyword()
    title = Text(analyzer=dutch_index, fields={"plain": Text(analyzer=folding)})
    title_suggest = Completion(analyzer=folding)
    body = Text(analyzer=dutch_index, fields={"plain": Text(analyzer=folding)})
    snippet_source = Text(analyzer=dutch_index, index_options="offsets")
    url = Keyword(index=False)
    date = Date()
    municipality = Keyword(index=False)
    themes = Keyword(index=False)


for _name in FACETS:
    SearchDocument._doc_type.mapping.field(facet_field(_name), Keyword())
    # "value<TAB>label": aggregated to show labels, never searched.
    SearchDocument._doc_type.mapping.field(
        facet_label_field(_name), Keyword(index=False)
    )


def index_body(synonym_groups):
    """Settings and mappings of a new index, with the current synonyms."""
    search_analyzer = dutch_search(synonym_rules(synonym_groups))
    mapping = SearchDocument._doc_type.mapping.to_dict()
    for field in ("title", "body", "snippet_source"):
        mapping["properties"][field]["search_analyzer"] = "dutch_search"
    analysis = {}
    for definition in (folding, dutch_index, search_analyzer):
        for kind, items in definition.get_analysis_definition().items():
            analysis.setdefault(kind, {}).update(items)
    analysis["filter"]["dutch_stop"] = dutch_stop.get_definition()
    return {
        "settings": {"number_of_shards": 1, "analysis": analysis},
        "mappings": mapping,
    }
