"""The shared Dutch normalisation: folding, stop words, stems, synonyms, highlights."""

import pytest

from search.analysis import (
    MAX_QUERY_TERMS,
    SynonymSet,
    fold_accents,
    highlight,
    normalise,
    normalise_text,
    parse_query,
)

SYNONYMS = SynonymSet(
    [
        ["RIEC", "Regionaal Informatie- en Expertisecentrum"],
        ["OM", "Openbaar Ministerie"],
        ["Den Haag", "'s-Gravenhage"],
        ["ondermijning", "georganiseerde criminaliteit"],
    ]
)


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("gemeenten", "gemeente"),
        ("jeugdgroepen", "jeugdgroep"),
        ("bijeenkomsten", "bijeenkomst"),
        ("investeringen", "investering"),
        ("ondermijnende", "ondermijning"),
    ],
)
def test_plural_and_singular_share_a_term(plural, singular):
    assert normalise(plural) == normalise(singular)


def test_different_words_keep_different_terms():
    # The Snowball 3 "dutch" stemmer would make all three "meen"; ours does not.
    assert len({normalise_text(w) for w in ["gemeente", "mening", "menen"]}) == 3
    assert normalise("gebied") != normalise("bied")


@pytest.mark.parametrize(
    ("accented", "plain"),
    [("Fryslân", "Fryslan"), ("coördinatie", "coordinatie"), ("café", "cafe")],
)
def test_accents_are_folded(accented, plain):
    assert normalise(accented) == normalise(plain)
    assert fold_accents(accented) == plain


def test_letters_without_decomposition_are_transliterated():
    assert normalise_text("Straße Ørsted") == normalise_text("strasse orsted")


def test_stop_words_are_dropped_but_capital_acronyms_kept():
    assert normalise("de aanpak van het probleem") == normalise("aanpak probleem")
    assert normalise("om") == []
    assert normalise("het OM") == ["om"]


def test_punctuation_and_query_syntax_are_separators():
    assert normalise('"witwassen" AND (drugs*) NEAR ^vastgoed') == normalise(
        "witwassen and drugs near vastgoed"
    )
    assert normalise("'s-Gravenhage") == normalise("Gravenhage")
    assert normalise("!!! --- ***") == []


def test_parse_query_without_synonyms_gives_one_clause_per_term():
    parsed = parse_query("criminele gemeenten")
    assert parsed.clauses == ((("criminel",),), (("gemeent",),))
    assert not parse_query("  ")


def test_a_query_of_only_stop_words_asks_for_those_words():
    # Before, "om" became an empty query and listed every document.
    assert parse_query("  de het een  ").clauses == (
        (("de",),),
        (("het",),),
        (("een",),),
    )
    assert parse_query("om").clauses == ((("om",),),)
    # Among other words a stop word is still dropped.
    assert parse_query("samen om tafel").labels == ("samen", "tafel")


def test_acronym_expands_to_its_multi_word_form():
    parsed = parse_query("RIEC vastgoed", SYNONYMS)
    first = parsed.clauses[0]
    assert ("riec",) in first
    assert tuple(normalise("Regionaal Informatie Expertisecentrum")) in first
    assert parsed.clauses[1][0] == ("vastgoed",)


def test_multi_word_form_expands_to_the_acronym_in_any_inflection():
    parsed = parse_query("regionale informatie- en expertisecentra", SYNONYMS)
    assert len(parsed.clauses) in (1, 3)
    parsed = parse_query("georganiseerde criminaliteit in de wijk", SYNONYMS)
    assert ("ondermijn",) in parsed.clauses[0]
    assert parsed.clauses[1] == (("wijk",),)


def test_lowercase_om_is_a_stop_word_not_the_public_prosecutor():
    assert parse_query("wat doen gemeenten om", SYNONYMS).clauses == ((("gemeent",),),)
    assert ("open", "ministerie") in parse_query("OM", SYNONYMS).clauses[0]


def test_den_haag_and_s_gravenhage_are_equivalent():
    left = set(parse_query("Den Haag", SYNONYMS).clauses[0])
    right = set(parse_query("'s-Gravenhage", SYNONYMS).clauses[0])
    assert left == right


def test_synonym_groups_need_two_distinct_forms():
    assert len(SynonymSet([["RIEC"], ["OM", "om"], ["de", "het"]])) == 0


def test_long_queries_are_truncated_and_flagged():
    parsed = parse_query(" ".join(f"woord{i}" for i in range(50)))
    assert parsed.truncated
    assert len(parsed.clauses) == MAX_QUERY_TERMS
    assert not parse_query("witwassen").truncated


def test_normalised_form_is_readable():
    assert parse_query("OM", SYNONYMS).normalised == "om|(open ministerie)"


def test_highlight_marks_inflected_forms_and_escapes_html():
    html = highlight("<b>Gemeenten</b> & de jeugdgroep", set(normalise("gemeente")))
    assert html == "&lt;b&gt;<mark>Gemeenten</mark>&lt;/b&gt; &amp; de jeugdgroep"


def test_highlight_marks_accented_words_and_nothing_else():
    html = highlight("Aanpak in Fryslân en Groningen", set(normalise("fryslan")))
    assert html == "Aanpak in <mark>Fryslân</mark> en Groningen"
    assert "<mark>" not in highlight("Aanpak in Groningen", set(normalise("fryslan")))


def test_highlight_picks_the_window_with_the_matches():
    text = " ".join(["vulling"] * 100 + ["witwassen"] + ["vulling"] * 100)
    html = highlight(text, set(normalise("witwassen")), max_words=10)
    assert "<mark>witwassen</mark>" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert highlight("", {"x"}) == ""


def test_related_terms_come_from_phrases_that_share_a_word():
    related = SYNONYMS.related(set(normalise("criminaliteit")))
    assert "ondermijning" in related
    assert "georganiseerde criminaliteit" in related
    assert SYNONYMS.related(set(normalise("vastgoed"))) == []


@pytest.mark.parametrize(
    ("count", "required"),
    [(1, 1), (2, 2), (3, 2), (4, 3), (5, 4), (6, 3), (10, 6)],
)
def test_minimum_should_match_is_elasticsearchs_rule(count, required):
    from search.analysis import minimum_should_match

    # "2<-1 5<60%": all of one or two words, all but one of three to five, 60 %.
    assert minimum_should_match(count) == required


def test_the_query_remembers_how_each_clause_was_typed():
    parsed = parse_query("Aanpak van WOONWIJKEN en het OM", SYNONYMS)
    assert parsed.labels == ("Aanpak", "WOONWIJKEN", "OM")
