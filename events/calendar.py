"""iCalendar (.ics) for sessions: one per session, a feed of upcoming ones, and the
personal attachment of the e-mails. Times are written in Europe/Amsterdam with its
VTIMEZONE, so every calendar program shows the Dutch time, also across DST changes."""

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.html import strip_tags

from icalendar import Calendar, Event

from home.links import page_url, site_address

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Ministeries BZK en JenV//Kennisportaal Wijkaanpak en Ondermijning//NL"


def uid_for(session):
    """Stable for the life of the session: its page id and the portal's host name."""
    host, _port = site_address()
    return f"leerbijeenkomst-{session.pk}@{host}"


def location_text(session):
    parts = [p for p in (session.venue_name, session.venue_address) if p]
    if session.format == session.Format.ONLINE:
        return "Online"
    if session.format == session.Format.HYBRID:
        parts.append("en online")
    return ", ".join(parts)


def session_event(session, online_url=""):
    """The VEVENT of a session. `online_url` only for a confirmed attendee's copy."""
    event = Event()
    event.add("uid", uid_for(session))
    event.add("dtstamp", timezone.now())
    event.add("summary", session.title)
    event.add("dtstart", session.start.astimezone(AMSTERDAM))
    event.add("dtend", session.end.astimezone(AMSTERDAM))
    if session.last_published_at:
        event.add("last-modified", session.last_published_at)
    # Editors' saves bump the revision; calendars then replace their copy.
    event.add("sequence", session.latest_revision_id or 0)
    location = location_text(session)
    if location:
        event.add("location", location)
    url = page_url(session)
    if url:
        event.add("url", url)
    description = strip_tags(session.summary)
    if online_url:
        description += f"\n\nOnline deelnemen: {online_url}"
    if url:
        description += f"\n\nMeer informatie: {url}"
    event.add("description", description)
    event.add(
        "organizer",
        "mailto:noreply@kennisportaal.example",
        parameters={"CN": session.get_organisers_display()},
    )
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    return event


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    return calendar


def _finish(calendar):
    calendar.add_missing_timezones()
    if not calendar.get_used_tzids():
        # An empty feed still names its time zone, so it never lacks a component.
        from icalendar import Timezone

        calendar.add_component(Timezone.from_tzid("Europe/Amsterdam"))
    calendar.validate()
    return calendar


def session_calendar(session, online_url=""):
    calendar = _calendar(session.title)
    calendar.add_component(session_event(session, online_url=online_url))
    return _finish(calendar)


def feed_calendar(sessions, name="Leerbijeenkomsten Kennisportaal"):
    calendar = _calendar(name)
    for session in sessions:
        calendar.add_component(session_event(session))
    return _finish(calendar)
