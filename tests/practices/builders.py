"""Builders for the editorial tests (lessons, statistics, dossiers): learning sessions
below the shared home page, in the past or the future."""

import datetime
import itertools

from django.utils import timezone

from events.models import SessionIndexPage, SessionPage
from tests import factories

_numbers = itertools.count(1)


def make_session_index(home=None):
    index = SessionIndexPage.objects.first()
    if index is None:
        home = home or factories.make_home_page()
        index = SessionIndexPage(title="Leerbijeenkomsten", slug="leerbijeenkomsten")
        home.add_child(instance=index)
    return index


def make_session(title=None, *, days=14, practices=(), themes=(), lessons=(), **fields):
    """A published session `days` from now (negative: in the past).

    `lessons` is a list of (practice, html) recorded on the session."""
    from practices.models import SessionLesson

    number = next(_numbers)
    start = (timezone.now() + datetime.timedelta(days=days)).replace(microsecond=0)
    values = {
        "title": title or f"Leerbijeenkomst {number}",
        "slug": f"bijeenkomst-{number}",
        "summary": "Gemeenten wisselen ervaringen uit.",
        "start": start,
        "end": start + datetime.timedelta(hours=3),
        "format": SessionPage.Format.PHYSICAL,
        "venue_name": "Stadhuis",
        "venue_address": "Coolsingel 40, 3011 AD Rotterdam",
        "capacity": 20,
        "max_per_organisation": 3,
    }
    values.update(fields)
    session = SessionPage(**values)
    session.practices_presented.set(list(practices))
    session.themes.set([factories.theme(slug) for slug in themes])
    session.practice_lessons = [
        SessionLesson(practice=practice, lessons=html) for practice, html in lessons
    ]
    make_session_index().add_child(instance=session)
    session.save_revision().publish()
    session.refresh_from_db()
    return session
