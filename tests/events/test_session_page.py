"""The session page: key facts, JSON-LD, no public online link, fixed query count."""

import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import SessionPage

from .conftest import register


def json_ld(html):
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL
    )
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_session_page_shows_key_facts_in_dutch_time(client, events_site):
    session = events_site.session("Criminele jeugdgroepen", capacity=5)
    register(session, 2)
    response = client.get(session.url)
    assert response.status_code == 200
    html = response.content.decode()
    local = session.start.astimezone(
        __import__("zoneinfo").ZoneInfo("Europe/Amsterdam")
    )
    assert local.strftime("%H:%M") in html
    assert "Nog 3 plaatsen vrij van de 5" in html
    assert "Coolsingel 40" in html
    assert 'name="deelnemers-TOTAL_FORMS"' in html


def test_online_link_is_never_public(client, events_site):
    session = events_site.session(
        format=SessionPage.Format.HYBRID,
        online_meeting_url="https://vergader.example/geheim-123",
    )
    html = client.get(session.url).content.decode()
    assert "geheim-123" not in html
    ics = client.get(session.url + "agenda.ics").content.decode()
    assert "geheim-123" not in ics
    feed = client.get(events_site.index.url + "agenda.ics").content.decode()
    assert "geheim-123" not in feed


def test_json_ld_is_a_valid_schema_org_event(client, events_site):
    session = events_site.session(
        "Bibob en vastgoed",
        format=SessionPage.Format.HYBRID,
        online_meeting_url="https://vergader.example/x",
    )
    data = json_ld(client.get(session.url).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Bibob en vastgoed"
    assert data["startDate"].startswith(
        session.start.astimezone().date().isoformat()[:4]
    )
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    types = sorted(place["@type"] for place in data["location"])
    assert types == ["Place", "VirtualLocation"]
    assert all(p.get("url") != "https://vergader.example/x" for p in data["location"])
    assert {o["@type"] for o in data["organizer"]} == {"GovernmentOrganization"}


def test_json_ld_of_cancelled_online_session(client, events_site):
    session = events_site.session(
        format=SessionPage.Format.ONLINE,
        venue_address="",
        online_meeting_url="https://vergader.example/x",
        is_cancelled=True,
        cancellation_reason="Te weinig aanmeldingen </script><b>",
    )
    response = client.get(session.url)
    data = json_ld(response.content.decode())
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["location"]["@type"] == "VirtualLocation"
    assert data["location"]["url"] == session.get_full_url()
    assert "Deze bijeenkomst is geannuleerd" in response.content.decode()


def test_session_page_query_count_does_not_grow(client, events_site):
    small = events_site.session()
    big = events_site.session()
    for _ in range(6):
        register(big, 1)
    client.get(
        small.url
    )  # warm the per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as small_queries:
        assert client.get(small.url).status_code == 200
    with CaptureQueriesContext(connection) as big_queries:
        assert client.get(big.url).status_code == 200
    assert len(big_queries) == len(small_queries)
    assert len(small_queries) <= 20
