"""The list of sessions: upcoming first, past apart, filters, pagination, queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import SessionPage
from home.models import Theme

from .conftest import register


def titles(response):
    assert response.status_code == 200
    return [s.title for s in response.context["sessions"]]


def test_upcoming_in_date_order_and_past_apart(client, events_site):
    events_site.session("Over een maand", days=30)
    events_site.session("Volgende week", days=7)
    events_site.session("Vorige maand", days=-30)
    events_site.session("Vorige week", days=-7)
    events_site.session("Concept", days=3, publish=False)
    url = events_site.index.url
    assert titles(client.get(url)) == ["Volgende week", "Over een maand"]
    assert titles(client.get(url + "?periode=afgelopen")) == [
        "Vorige week",
        "Vorige maand",
    ]


def test_filters(client, events_site):
    theme = Theme.objects.first()
    themed = events_site.session("Met thema", organisers=SessionPage.Organisers.JENV)
    themed.themes.add(theme)
    themed.save_revision().publish()
    events_site.session(
        "Online BZK",
        format=SessionPage.Format.ONLINE,
        venue_address="",
        online_meeting_url="https://v.example",
        organisers=SessionPage.Organisers.BZK,
    )
    events_site.session("Samen", organisers=SessionPage.Organisers.BOTH)
    url = events_site.index.url
    assert titles(client.get(url, {"thema": theme.slug})) == ["Met thema"]
    assert titles(client.get(url, {"vorm": "online"})) == ["Online BZK"]
    assert titles(client.get(url, {"organisator": "bzk"})) == ["Online BZK", "Samen"]
    assert titles(client.get(url, {"organisator": "jenv", "thema": theme.slug})) == [
        "Met thema"
    ]


def test_unknown_filter_values_are_ignored_not_500(client, events_site):
    events_site.session("Eén")
    url = events_site.index.url
    for query in (
        {"thema": "bestaat-niet"},
        {"vorm": "<script>"},
        {"organisator": "x" * 300},
        {"page": "abc"},
        {"page": "999"},
        {"periode": "gisteren"},
    ):
        response = client.get(url, query)
        assert titles(response) == ["Eén"], query
    assert "onbekende waarde" in client.get(url, {"vorm": "x"}).content.decode()


def test_pagination(client, events_site):
    for day in range(1, 13):
        events_site.session(f"Sessie {day:02d}", days=day)
    url = events_site.index.url
    assert len(titles(client.get(url))) == 10
    assert titles(client.get(url, {"page": 2})) == ["Sessie 11", "Sessie 12"]


def test_seats_left_shown(client, events_site):
    session = events_site.session("Bijna vol", capacity=3)
    register(session, 2)
    full = events_site.session("Vol", capacity=1)
    register(full, 1)
    html = client.get(events_site.index.url).content.decode()
    assert "Nog 1 plaats vrij" in html
    assert "Vol, aanmelden voor de wachtlijst kan" in html


def test_listing_query_count_is_fixed(client, events_site):
    theme, other = Theme.objects.all()[:2]
    url = events_site.index.url

    def add_session():
        session = events_site.session()
        session.themes.add(theme, other)
        session.save_revision().publish()
        register(session, 2)

    add_session()
    client.get(url)  # warm caches
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        add_session()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["sessions"]) == 6
    assert len(many) == len(few)


def test_index_page_in_menu_and_home_section(client, events_site):
    events_site.home.save_revision().publish()
    events_site.session("Eerstvolgende", days=2)
    events_site.session("Daarna", days=5)
    events_site.session("Later", days=9)
    events_site.session("Nog later", days=20)
    events_site.session("Geweest", days=-2)
    html = client.get("/").content.decode()
    assert "Eerstvolgende" in html
    assert "Later" in html
    assert "Nog later" not in html
    assert "Geweest" not in html
