"""The search page, the JSON API, its OpenAPI schema and the title suggestions."""

import datetime

from django.urls import reverse
from django.utils import translation

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

import pytest

from search.models import QueryLog

from .conftest import rebuild_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(site_builder):
    pages = [
        site_builder.practice(
            f"Jeugdgroepen aanpak {number}",
            "Gemeenten pakken criminele jeugdgroepen aan.",
            municipality="GM0599" if number % 2 else "GM0363",
            themes=["criminele-jeugdgroepen"],
            tracks=["groep"] if number % 3 else [],
            published=datetime.date(2024, 1, number),
        )
        for number in range(1, 13)
    ]
    pages.append(
        site_builder.practice(
            "Witwassen via vastgoed",
            "Criminele investeringen in panden.",
            themes=["witwassen"],
        )
    )
    rebuild_index()
    return pages


def test_search_page_shows_hits_facets_and_highlights(client, indexed):
    response = client.get(reverse("search"), {"q": "jeugdgroep"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "12 resultaten" in html
    assert "<mark>jeugdgroepen</mark>" in html
    assert 'name="theme" value="criminele-jeugdgroepen"' in html
    assert "Witwassen via vastgoed" not in html
    # Ten per page, with a link to page 2 that keeps the query.
    assert html.count('class="search-hit ') == 10
    assert "?q=jeugdgroep&amp;page=2" in html


def test_empty_query_lists_everything(client, indexed):
    response = client.get(reverse("search"))
    assert response.status_code == 200
    assert "13 resultaten" in response.content.decode()


def test_selected_filters_are_shown_with_a_removal_link(client, indexed):
    response = client.get(
        reverse("search"),
        {"q": "jeugdgroepen", "municipality": ["rotterdam"], "track": "groep"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gekozen filters" in html
    # Removing the municipality keeps the query and the other filter.
    assert 'href="?q=jeugdgroepen&amp;track=groep"' in html
    assert 'href="?q=jeugdgroepen&amp;municipality=rotterdam"' in html


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"page": "abc"}, 400, "paginanummer"),
        ({"page": "0"}, 400, "paginanummer"),
        ({"page": "-1"}, 400, "paginanummer"),
        ({"sort": "prijs"}, 400, "Sorteren"),
        ({"theme": "x" * 200}, 400, "te lang"),
        ({"theme": [f"t{i}" for i in range(30)]}, 400, "hoogstens"),
        ({"page": "99"}, 404, "bestaat niet"),
    ],
)
def test_bad_parameters_give_a_dutch_message_and_a_4xx(
    client, indexed, params, status, message
):
    response = client.get(reverse("search"), params)
    assert response.status_code == status
    assert message in response.content.decode()
    api = client.get(reverse("search_api"), params)
    assert api.status_code == status
    assert message in api.json()["error"]


def test_unknown_facet_value_is_a_400_listing_the_valid_values(client, indexed):
    # Before, an unknown value silently gave 0 results.
    response = client.get(
        reverse("search"), {"q": "witwassen", "theme": "bestaat-niet"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Onbekende waarde ‘bestaat-niet’ voor het filter thema" in html
    assert "witwassen" in html and "criminele-jeugdgroepen" in html
    assert 'value="witwassen"' in html  # the page keeps the visitor's query
    api = client.get(reverse("search_api"), {"riec": "Nergensland"})
    assert api.status_code == 400
    assert "amsterdam-amstelland; " in api.json()["error"]
    year = client.get(reverse("search_api"), {"year": "²⁰²⁴"})
    assert year.status_code == 400
    assert "jaartal" in year.json()["error"]


@pytest.mark.parametrize(
    "params",
    [
        {"riec": "amsterdam-amstelland"},
        {"riec": "Amsterdam-Amstelland"},
        {"riec": "AMSTERDAM-AMSTELLAND"},
        {"municipality": "Amsterdam"},
        {"municipality": " amsterdam "},
        {"theme": "Criminele jeugdgroepen"},
        {"type": "Praktijk"},
        {"evidence": "praktijkervaring"},
    ],
)
def test_facet_values_are_accepted_as_slug_or_label_in_any_case(
    client, indexed, params
):
    data = client.get(reverse("search_api"), params).json()
    assert data["total"] >= 6
    name = next(iter(params))
    selected = [
        v["value"]
        for facet in data["facets"]
        if facet["name"] == name
        for v in facet["values"]
        if v["selected"]
    ]
    assert len(selected) == 1 and selected[0] == selected[0].lower()
    assert data["query"]["filters"][name] == selected


def test_a_known_value_without_results_offers_removing_it(client, indexed):
    response = client.get(reverse("search"), {"q": "witwassen", "track": "groep"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Zonder het filter" in html


@pytest.mark.parametrize("page", ["²", "①", "٣", "１", "2²"])
def test_unicode_digits_are_a_400_not_a_500(client, indexed, page):
    for name in ("search", "search_api"):
        response = client.get(reverse(name), {"page": page})
        assert response.status_code == 400
        assert "paginanummer" in response.content.decode()


def test_api_returns_the_same_results_and_facets_as_the_page(client, indexed):
    data = client.get(
        reverse("search_api"), {"q": "jeugdgroep", "sort": "newest"}
    ).json()
    assert data["total"] == 12
    assert data["num_pages"] == 2
    assert data["results"][0]["title"] == "Jeugdgroepen aanpak 12"
    assert data["results"][0]["type"] == "practice"
    assert data["results"][0]["url"].startswith("http://testserver/")
    assert "<mark>" in data["results"][0]["snippet"]
    facets = {facet["name"]: facet for facet in data["facets"]}
    counts = {v["value"]: v["count"] for v in facets["municipality"]["values"]}
    assert counts == {"rotterdam": 6, "amsterdam": 6}


def test_openapi_schema_describes_the_api(client):
    schema = client.get(reverse("search_openapi")).json()
    assert schema["openapi"].startswith("3.")
    operation = schema["paths"]["/api/zoeken/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "sort", "page", "theme", "municipality", "year"} <= names
    assert {"200", "400", "404", "405"} <= set(operation["responses"])
    page = next(p for p in operation["parameters"] if p["name"] == "page")
    assert page["schema"]["maximum"] == 999_999
    suggest = schema["paths"]["/zoeken/suggesties/"]["get"]
    assert suggest["parameters"][0]["required"] is True
    assert {"200", "400"} <= set(suggest["responses"])


def test_the_server_enforces_what_the_schema_says(client, indexed):
    assert client.get(reverse("search_api"), {"page": "999999"}).status_code == 404
    assert client.get(reverse("search_api"), {"page": "1000000"}).status_code == 400
    missing_q = client.get(reverse("search_suggestions"))
    assert missing_q.status_code == 400
    assert "q" in missing_q.json()["error"]


def test_title_suggestions(client, indexed):
    data = client.get(reverse("search_suggestions"), {"q": "witwa"}).json()
    assert [s["title"] for s in data["suggestions"]] == ["Witwassen via vastgoed"]
    assert (
        client.get(reverse("search_suggestions"), {"q": ""}).json()["suggestions"] == []
    )


def test_queries_are_logged_without_personal_data(client, indexed):
    client.get(reverse("search"), {"q": "Witwassen  jan@example.nl 0612345678"})
    client.get(reverse("search"))
    client.get(reverse("search"), {"q": "jeugdgroep", "page": "2"})
    log = QueryLog.objects.get()
    assert log.query == "witwassen [e-mail] [nummer]"
    # Most words, then fewer: "witwassen" alone finds the one practice.
    assert log.result_count == 1
    assert log.normalised == "witwass|witwaspraktijk e mail nummer"


def test_promoted_results_appear_above_results_for_their_query(client, indexed):
    promoted_query = Query.get("witwassen")
    SearchPromotion.objects.create(
        query=promoted_query, page=indexed[0], description="Door de redactie gekozen."
    )
    html = client.get(reverse("search"), {"q": "Witwassen"}).content.decode()
    assert "Aanbevolen door de redactie" in html
    assert "Door de redactie gekozen." in html
    html = client.get(reverse("search"), {"q": "vastgoed"}).content.decode()
    assert "Aanbevolen door de redactie" not in html


def test_post_is_not_allowed(client):
    # 405 (wrong method), not 403 (missing CSRF token).
    assert client.post(reverse("search")).status_code == 405
    assert client.post(reverse("search_api")).status_code == 405


def test_code_facets_are_labelled_in_the_interface_language(client, indexed):
    dutch = client.get(reverse("search"), {"q": "jeugdgroep"}).content.decode()
    with translation.override("en"):
        english_url = reverse("search")
    assert english_url == "/en/zoeken/"
    english = client.get(english_url, {"q": "jeugdgroep"}).content.decode()
    assert 'value="practice"' in dutch
    assert "Praktijk <span" in dutch
    assert "Practice <span" in english
    assert "Praktijkervaring <span" in dutch
    assert "Practical experience <span" in english


def test_a_query_with_a_word_found_nowhere_still_answers_and_says_what_is_missing(
    client, indexed
):
    # Before, every word had to match: this gave 0 results.
    response = client.get(reverse("search"), {"q": "witwassen kernenergie"})
    html = response.content.decode()
    assert "1 resultaat" in html
    assert "Niet gevonden: <s>kernenergie</s>" in html
    data = client.get(reverse("search_api"), {"q": "witwassen kernenergie"}).json()
    assert data["results"][0]["missing"] == ["kernenergie"]
    # All words found: nothing is said.
    data = client.get(reverse("search_api"), {"q": "witwassen vastgoed"}).json()
    assert data["results"][0]["missing"] == []


def test_facets_count_the_most_words_result_set(client, indexed):
    data = client.get(reverse("search_api"), {"q": "jeugdgroepen kernenergie"}).json()
    assert data["total"] == 12
    facets = {facet["name"]: facet for facet in data["facets"]}
    counts = {v["value"]: v["count"] for v in facets["municipality"]["values"]}
    assert counts == {"rotterdam": 6, "amsterdam": 6}


def test_no_results_offer_spelling_themes_and_the_editors(client, indexed):
    html = client.get(reverse("search"), {"q": "kernenergie"}).content.decode()
    assert "0 resultaten" in html
    assert "Veelgezochte thema’s" in html
    assert "Criminele jeugdgroepen</a> (12 resultaten)" in html
    assert "mailto:redactie@kennisportaal.example" in html
    spelling = client.get(reverse("search"), {"q": "witwasssen"}).content.decode()
    assert "we zochten ook op ‘witwassen’" in spelling


def test_the_count_includes_promoted_results(client, indexed):
    promoted_query = Query.get("kernenergie")
    SearchPromotion.objects.create(query=promoted_query, page=indexed[0])
    html = client.get(reverse("search"), {"q": "kernenergie"}).content.decode()
    assert "Aanbevolen door de redactie" in html
    assert "1 resultaat" in html and "0 resultaten" not in html


def test_facets_collapse_after_eight_values_and_apply_at_once(client, site_builder):
    for number, code in enumerate(
        ["GM0363", "GM0599", "GM0344", "GM0518", "GM0772", "GM0855", "GM0014"]
        + ["GM0080", "GM0796", "GM0153"]
    ):
        site_builder.practice(f"Aanpak {number}", municipality=code)
    rebuild_index()
    html = client.get(reverse("search"), {"municipality": "groningen"}).content.decode()
    facet = html.split("Gemeente</legend>")[1].split("</fieldset>")[0]
    assert "toon meer (" in facet
    assert '<details class="search-facet__more">' in html
    # The selected value is never hidden behind "toon meer".
    shown, _more = facet.split("search-facet__more", 1)
    assert 'value="groningen" checked' in shown
    assert "data-search-autosubmit" in html
    assert "js/search-filters.js" in html
    assert '<details class="search-layout__filters search-filters"' in html


def test_sort_options_are_capitalised(client, indexed):
    html = client.get(reverse("search"), {"q": "witwassen"}).content.decode()
    assert ">Relevantie</option>" in html
    assert ">Nieuwste eerst</option>" in html


def test_snippets_keep_the_space_between_sentences(client, site_builder):
    site_builder.practice(
        "Aanpak van drugsoverlast",
        "Het werkte niet.",
        problem="Dat lukte niet.</p><p>Een nieuwe aanpak volgde.",
    )
    rebuild_index()
    data = client.get(reverse("search_api"), {"q": "nieuwe aanpak"}).json()
    snippet = data["results"][0]["snippet"]
    assert "niet. Een" in snippet
    assert "niet.Een" not in snippet
