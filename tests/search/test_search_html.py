"""Every state of the search page is valid HTML (Nu Html Checker, as for the other
public pages)."""

import pytest

from tests.test_html_validity import validation_errors, vnu  # noqa: F401 (fixture)

from .conftest import rebuild_index

pytestmark = pytest.mark.django_db

STATES = [
    ("/zoeken/", 200),
    ("/zoeken/?q=jeugdgroepen", 200),
    (
        "/zoeken/?q=jeugdgroepen&theme=criminele-jeugdgroepen&municipality=rotterdam",
        200,
    ),
    ("/zoeken/?q=sportlcubs&theme=onbekend", 400),
    ("/zoeken/?q=sportlcubs", 200),
    ("/zoeken/?q=kernenergie", 200),
    ("/zoeken/?q=jeugdgroepen+kernenergie", 200),
    ("/zoeken/?page=abc", 400),
    ("/zoeken/?page=40", 404),
]


def test_search_page_states_are_valid_html(client, site_builder, vnu, tmp_path):  # noqa: F811
    site_builder.practice(
        "Aanpak criminele jeugdgroepen in Rotterdam-Zuid",
        "Gemeente en politie pakken <criminele> jeugdgroepen aan & meer.",
        municipality="GM0599",
        themes=["criminele-jeugdgroepen"],
        tags=["jongerenwerk"],
    )
    site_builder.practice("Weerbare sportclubs", "Sportclubs weerbaar maken.")
    site_builder.session("Leerbijeenkomst jeugdgroepen")
    rebuild_index()
    files = {}
    for number, (path, status) in enumerate(STATES):
        response = client.get(path)
        assert response.status_code == status, path
        name = f"search-{number}.html"
        (tmp_path / name).write_bytes(response.content)
        files[name] = path
    errors = validation_errors(vnu, [str(tmp_path / name) for name in files])
    report = [
        f"{files.get(e.get('url', '').rsplit('/', 1)[-1], '?')} line {e.get('lastLine')}: "
        f"{e['message']}\n    {e.get('extract', '').strip()}"
        for e in errors
    ]
    assert not errors, "\n".join(report)
