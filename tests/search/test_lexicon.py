"""Dutch morphology from wordfreq's word list: each rule, and the words it must leave
alone."""

import pytest

from search.analysis import index_terms, normalise, parse_query
from search.lexicon import base_form, split_compound


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("bureaus", "bureau"),  # -s after a vowel
        ("cafes", "cafe"),
        ("autos", "auto"),
        ("studios", "studio"),
        ("kinderen", "kind"),  # -eren, a closed class
        ("bladeren", "blad"),
        ("huisje", "huis"),  # diminutives
        ("huisjes", "huis"),
        ("pandje", "pand"),
        ("boompje", "boom"),
        ("autootje", "auto"),
        ("mannetje", "man"),
        ("woninkje", "woning"),
        ("pakketjes", "pakket"),
        ("stallen", "stal"),  # -en after a doubled consonant
        ("scholen", "school"),  # -en after a long vowel written single
        ("straten", "straat"),
        ("laboratoria", "laboratorium"),  # Latin plurals
        ("centra", "centrum"),
    ],
)
def test_plural_and_diminutive_forms_find_their_base_form(word, base):
    assert base_form(word) == base
    assert normalise(word) == normalise(base)


@pytest.mark.parametrize(
    "word",
    ["huis", "reis", "paus", "meisje", "jongeren", "leveren", "gemeenten", "data"],
)
def test_words_that_only_look_inflected_are_left_alone(word):
    # huis is not the plural of "hui", jongeren not of "jong", meisje is a word.
    assert base_form(word) == word


def test_apostrophe_plurals_are_split_by_the_tokenizer():
    assert normalise("nagelstudio's") == normalise("nagelstudio")
    assert normalise("auto's") == normalise("auto")


@pytest.mark.parametrize(
    ("compound", "parts"),
    [
        ("drugsoverlast", ("drugs", "overlast")),
        ("jeugdgroepen", ("jeugd", "groepen")),
        ("vastgoedtransacties", ("vastgoed", "transacties")),
        ("woningcorporatie", ("woning", "corporatie")),
        ("arbeidsuitbuiting", ("arbeid", "uitbuiting")),  # linking -s-
        ("buitengebied", ("buiten", "gebied")),
        ("zorgfraude", ("zorg", "fraude")),
    ],
)
def test_compounds_are_split_into_known_parts(compound, parts):
    assert split_compound(compound) == parts


@pytest.mark.parametrize(
    "word",
    [
        "ondermijning",  # "mijning" is no word
        "criminaliteit",
        "gemeenten",  # not gemeen + ten
        "jongeren",  # not jong + eren
        "verhuurders",  # ver- is a prefix
        "persoon",  # more common than "per" + "soon"
        "samenwerking",
        "bijeenkomst",
    ],
)
def test_words_that_are_not_compounds_stay_whole(word):
    assert split_compound(word) == ()


def test_compound_parts_are_indexed_after_the_text():
    terms = index_terms("Criminele jeugdgroepen in de wijk")
    assert terms == ["criminel", "jeugdgroep", "wijk", "jeugd", "groep"]


def test_a_query_word_finds_the_compound_and_the_compound_its_parts():
    # "jeugd" is a term of every text with "jeugdgroepen" (index time) ...
    assert "jeugd" in index_terms("jeugdgroepen")
    # ... and "drugsoverlast" also matches "overlast door drugs" (query time).
    clause = parse_query("drugsoverlast").clauses[0]
    assert ("drugsoverlast",) in clause
    assert ("drug", "overlast") in [tuple(a) for a in clause]


def test_acronyms_are_not_split_or_reduced():
    assert normalise("RIECS") == ["riec"]  # the stemmer only
    assert parse_query("FIOD").clauses == ((("fiod",),),)
