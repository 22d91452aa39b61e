"""Choosers that find: reference data is searchable in every snippet list and every
chooser, and no admin search answers with a server error."""

from django.urls import reverse

from wagtail.snippets.models import get_snippet_models

import pytest

from tests import factories


def _list_url(model):
    return reverse(model.snippet_viewset.get_url_name("list"))


def _list_results_url(model):
    return reverse(model.snippet_viewset.get_url_name("list_results"))


def _chooser_urls(model):
    viewset = model.snippet_viewset.chooser_viewset
    return [
        reverse(viewset.get_url_name("choose")),
        reverse(viewset.get_url_name("choose_results")),
    ]


def _names(response):
    return response.content.decode()


@pytest.fixture
def admin_user(db):
    return factories.make_user("beheerder", is_superuser=True, is_staff=True)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Deventer", "GM0150", "zz", "'s-Gravenhage", "é%_"])
def test_every_snippet_list_and_chooser_answers_a_search(client, admin_user, query):
    client.force_login(admin_user)
    for model in get_snippet_models():
        urls = [_list_url(model), _list_results_url(model), *_chooser_urls(model)]
        for url in urls:
            response = client.get(url, {"q": query})
            assert response.status_code == 200, (model, url)


def _municipality_list(client, query):
    from home.models import Municipality

    response = client.get(_list_results_url(Municipality), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def _municipality_chooser(client, query):
    from home.models import Municipality

    url = _chooser_urls(Municipality)[1]
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("Deventer", "GM0150", "GM0363"),
        ("deven", "GM0150", "GM0363"),
        ("GM0150", "Deventer", "Amsterdam"),
        ("0363", "Amsterdam", "Deventer"),
        ("Weesp", "Amsterdam", "Deventer"),
        ("Hellevoetsluis", "Voorne aan Zee", "Amsterdam"),
        ("Den Haag", "GM0518", "GM0363"),
    ],
)
def test_municipalities_are_found_by_name_former_name_and_code(
    client, editor, query, found, not_found
):
    client.force_login(editor)

    listing = _municipality_list(client, query)
    chooser = _municipality_chooser(client, query)

    for html in (listing, chooser):
        assert found in html
        assert not_found not in html


@pytest.mark.django_db
def test_municipality_chooser_in_the_practice_editor_finds_the_municipality(
    client, contributor
):
    # The chooser the page editor opens for the lead municipality is the same view.
    client.force_login(contributor)
    html = _municipality_chooser(client, "Deventer")
    assert "Deventer" in html
    assert "Amsterdam" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model_name", "query", "found", "not_found"),
    [
        ("Theme", "witwas", "Witwassen", "Zorgfraude"),
        ("Theme", "jeugd", "Criminele jeugdgroepen", "Witwassen"),
        ("InterventionType", "bestuur", "Bestuurlijk", "Fiscaal"),
        ("PartnerType", "Politie", "Politie", "Belastingdienst"),
        ("Track", "gezin", "Persoon en gezin", "Domein en gebied"),
        ("RiecRegion", "Limburg", "Limburg", "Zeeland"),
        ("CityNetwork", "G40", "G40", "RIEC-netwerk"),
    ],
)
def test_reference_data_is_found_by_name(
    client, editor, model_name, query, found, not_found
):
    from django.apps import apps

    model = apps.get_model("home", model_name)
    client.force_login(editor)
    for url in [_list_results_url(model), _chooser_urls(model)[1]]:
        response = client.get(url, {"q": query})
        assert response.status_code == 200
        html = response.content.decode()
        assert found in html, url
        assert not_found not in html, url


@pytest.mark.django_db
def test_contributors_are_found_by_name_and_municipality(client, editor, contributor):
    from practices.models import Contributor

    client.force_login(editor)
    url = _list_results_url(Contributor)
    assert "Bea Bijdrager" in client.get(url, {"q": "Rotterdam"}).content.decode()
    assert "Bea Bijdrager" not in client.get(url, {"q": "Deventer"}).content.decode()
