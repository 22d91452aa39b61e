"""robots.txt, the favicon and the order of municipality lists (issue 12)."""

from django.templatetags.static import static
from django.test import override_settings

import pytest

from events.forms import municipality_choices
from home.models import Municipality
from home.models.reference import dutch_sort_key


@pytest.mark.django_db
@override_settings(PORTAL_BASE_URL="https://portal.example")
def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Sitemap: https://portal.example/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /*/aanmelding/" in lines  # personal manage links
    assert "Disallow: /" not in lines  # the public pages stay open


@pytest.mark.django_db
def test_favicon_exists_and_every_page_links_it(client, home_page):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # ICO header
    html = client.get("/").content.decode()
    assert f'<link rel="icon" href="{static("images/favicon.svg")}"' in html
    assert client.get(static("images/favicon.svg")).status_code == 200


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Den Haag", "den haag"),
        ("'s-Hertogenbosch", "hertogenbosch"),
        ("'t Zandt", "zandt"),
        ("Súdwest-Fryslân", "sudwest-fryslan"),
    ],
)
def test_dutch_sort_key(name, key):
    assert dutch_sort_key(name) == key


@pytest.mark.django_db
def test_den_haag_sorts_under_d_in_the_registration_form():
    labels = [label for _pk, label in municipality_choices()]
    assert "'s-Gravenhage" not in labels
    assert labels.index("Den Haag") > labels.index("Delft")
    assert labels.index("Den Haag") < labels.index("Den Helder")
    assert labels[0] == "Aa en Hunze"
    assert len(labels) == Municipality.objects.count()


@pytest.mark.django_db
def test_den_haag_sorts_under_d_in_the_practice_filter(client, practice_index):
    from tests import factories

    for code in ("GM0518", "GM0503", "GM0363"):  # Den Haag, Delft, Amsterdam
        factories.make_practice(municipality=code)
    html = client.get(practice_index.url).content.decode()
    options = html[html.index('name="gemeente"') :]
    order = [options.index(name) for name in ("Amsterdam", "Delft", "Den Haag")]
    assert order == sorted(order)
