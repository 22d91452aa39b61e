"""Cities compared on a theme (/themas/<theme>/gemeenten/): counts per municipality,
track and intervention type that link to the filtered listing, and a fixed number of
queries."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from practices.models import ThemeDossierIndexPage, ThemeDossierPage
from tests import factories
from tests.factories import make_practice


@pytest.fixture
def dossier(practice_index):
    index = ThemeDossierIndexPage(title="Thema's", slug="themas")
    practice_index.get_parent().add_child(instance=index)
    page = ThemeDossierPage(
        title="Witwassen",
        slug="witwassen",
        theme=factories.theme("witwassen"),
        introduction="<p>Over witwassen.</p>",
    )
    index.add_child(instance=page)
    return page


URL = "/themas/witwassen/gemeenten/"


def counts(response):
    """{municipality: [total, per track..., per intervention type...]}."""
    matrix = response.context["matrix"]
    return {
        str(row.municipality): [row.total.count]
        + [cell.count for cell in row.tracks + row.interventions]
        for row in matrix.rows
    }


def column(response, term):
    matrix = response.context["matrix"]
    terms = matrix.tracks + matrix.interventions
    index = [t.slug for t in terms].index(term) + 1
    return {name: values[index] for name, values in counts(response).items()}


@pytest.mark.django_db
def test_municipalities_against_tracks_and_interventions(client, dossier):
    make_practice(
        municipality="GM0599",
        others=["GM0606"],
        tracks=["groep", "persoon-en-gezin"],
        interventions=["bestuurlijk"],
    )
    make_practice(municipality="GM0599", tracks=["groep"], interventions=["fiscaal"])
    make_practice(municipality="GM0518", tracks=["domein-en-gebied"])
    # Not counted: another theme, a draft.
    make_practice(municipality="GM0363", themes=["zorgfraude"], tracks=["groep"])
    make_practice(municipality="GM0344", tracks=["groep"], live=False)

    response = client.get(URL)

    assert response.status_code == 200
    rotterdam = str(factories.municipality("GM0599"))
    schiedam = str(factories.municipality("GM0606"))
    den_haag = str(factories.municipality("GM0518"))
    assert set(counts(response)) == {rotterdam, schiedam, den_haag}
    assert [str(row.municipality) for row in response.context["matrix"].rows] == sorted(
        [rotterdam, schiedam, den_haag]
    )
    assert column(response, "groep") == {rotterdam: 2, schiedam: 1, den_haag: 0}
    assert column(response, "persoon-en-gezin") == {
        rotterdam: 1,
        schiedam: 1,
        den_haag: 0,
    }
    assert column(response, "fiscaal") == {rotterdam: 1, schiedam: 0, den_haag: 0}
    assert counts(response)[rotterdam][0] == 2
    assert response.context["matrix"].practice_count == 3


@pytest.mark.django_db
def test_every_count_links_to_a_listing_with_exactly_that_many_practices(
    client, dossier
):
    make_practice(
        municipality="GM0599",
        others=["GM0606"],
        tracks=["groep"],
        interventions=["fiscaal"],
    )
    make_practice(municipality="GM0599", tracks=["groep"])
    make_practice(municipality="GM0606", interventions=["fiscaal"])

    response = client.get(URL)
    html = response.content.decode()
    links = re.findall(
        r'<a class="utrecht-link" href="(/praktijken/\?[^"]+)">(\d+)<', html
    )

    assert len(links) >= 6
    for url, count in links:
        listing = client.get(url.replace("&amp;", "&"))
        assert listing.context["paginator"].count == int(count), url
        assert "thema=witwassen" in url


@pytest.mark.django_db
def test_a_theme_without_practices(client, dossier):
    make_practice(themes=["zorgfraude"])

    response = client.get(URL)

    assert response.status_code == 200
    assert "Er zijn nog geen gepubliceerde praktijken over dit thema." in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_the_dossier_links_to_its_matrix(client, dossier):
    html = client.get("/themas/witwassen/").content.decode()

    assert f'href="{URL}"' in html


def count_queries(client):
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_practices_or_municipalities(client, dossier):
    def add(municipality, others=()):
        make_practice(
            municipality=municipality,
            others=others,
            tracks=["groep", "domein-en-gebied"],
            interventions=["bestuurlijk", "fiscaal", "preventie"],
        )

    add("GM0599", ["GM0606"])
    add("GM0518")
    few = count_queries(client)
    for code in ("GM0363", "GM0344", "GM0014", "GM0153"):
        add(code, ["GM0599"])
        add(code)

    assert count_queries(client) == few
    assert len(client.get(URL).context["matrix"].rows) == 7


@pytest.mark.django_db
def test_dutch_names_are_marked_dutch_in_the_english_interface(client, dossier):
    make_practice(municipality="GM0599", tracks=["groep"], interventions=["fiscaal"])
    response = client.get("/en" + URL)
    english = response.content.decode()
    matrix = response.context["matrix"]
    # Reference data (tracks, intervention types, municipalities) is Dutch content.
    terms = len(matrix.tracks) + len(matrix.interventions)
    assert english.count('<th scope="col" lang="nl">') == terms
    assert english.count('<th scope="row" lang="nl">') == len(matrix.rows) == 1
    assert 'lang="nl"' not in client.get(URL).content.decode().split("<table")[1]
