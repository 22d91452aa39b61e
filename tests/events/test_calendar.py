"""The .ics per session and the feed: parseable, valid, with the Amsterdam VTIMEZONE."""

import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from events.calendar import uid_for


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    calendar.validate()
    for component in calendar.walk():
        assert component.errors == [], component.errors
    return calendar


def test_session_ics(client, events_site):
    session = events_site.session("Criminele jeugdgroepen")
    calendar = parse(client.get(session.url + "agenda.ics"))
    [timezone_component] = calendar.timezones
    assert str(timezone_component["TZID"]) == "Europe/Amsterdam"
    [event] = calendar.events
    assert str(event["UID"]) == uid_for(session)
    assert str(event["SUMMARY"]) == "Criminele jeugdgroepen"
    assert event.start == session.start.astimezone(ZoneInfo("Europe/Amsterdam"))
    assert event.start.tzinfo.key == "Europe/Amsterdam"
    assert event.end - event.start == datetime.timedelta(hours=3)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "Coolsingel 40" in str(event["LOCATION"])


def test_uid_is_stable(client, events_site):
    session = events_site.session()
    first = parse(client.get(session.url + "agenda.ics")).events[0]["UID"]
    session.title = "Nieuwe titel"
    session.save_revision().publish()
    second = parse(client.get(session.url + "agenda.ics")).events[0]["UID"]
    assert first == second


def test_feed_of_upcoming_sessions(client, events_site):
    upcoming = events_site.session("Komt eraan")
    cancelled = events_site.session(
        "Gaat niet door", is_cancelled=True, cancellation_reason="Ziekte"
    )
    events_site.session("Geweest", days=-10)
    events_site.session("Concept", publish=False)
    calendar = parse(client.get(events_site.index.url + "agenda.ics"))
    by_uid = {str(e["UID"]): e for e in calendar.events}
    assert set(by_uid) == {uid_for(upcoming), uid_for(cancelled)}
    assert str(by_uid[uid_for(cancelled)]["STATUS"]) == "CANCELLED"
    assert len(calendar.timezones) == 1


def test_empty_feed_is_still_valid(client, events_site):
    calendar = parse(client.get(events_site.index.url + "agenda.ics"))
    assert calendar.events == []
    assert len(calendar.timezones) == 1
