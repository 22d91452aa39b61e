"""Builders for the events tests: a home page with the session index, sessions with a
chosen capacity and window, and registrations made through the service."""

import datetime
import itertools

from django.core.cache import cache
from django.utils import timezone

from wagtail.models import Page, Site

import pytest

from events import services
from events.models import SessionIndexPage, SessionPage
from home.models import CityNetwork, HomePage, Municipality

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _clear_cache():
    # The rate limit counts in the cache; every test starts with a clean count.
    cache.clear()
    yield
    cache.clear()


class EventsBuilder:
    def __init__(self):
        root = Page.get_first_root_node()
        self.home = HomePage(title="Kennisportaal", slug="ev-home", introduction="Test")
        root.add_child(instance=self.home)
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"root_page": self.home, "hostname": "testserver", "port": 80},
        )
        self.index = SessionIndexPage(
            title="Leerbijeenkomsten", slug="leerbijeenkomsten", show_in_menus=True
        )
        self.home.add_child(instance=self.index)
        self.index.save_revision().publish()

    def session(self, title=None, *, days=14, hours=3, publish=True, **fields):
        number = next(_numbers)
        start = fields.pop("start", None) or (
            timezone.now() + datetime.timedelta(days=days)
        ).replace(microsecond=0)
        values = {
            "title": title or f"Leerbijeenkomst {number}",
            "slug": f"bijeenkomst-{number}",
            "summary": "Gemeenten wisselen ervaringen uit over de aanpak.",
            "start": start,
            "end": start + datetime.timedelta(hours=hours),
            "format": SessionPage.Format.PHYSICAL,
            "venue_name": "Stadhuis",
            "venue_address": "Coolsingel 40, 3011 AD Rotterdam",
            "capacity": 10,
            "max_per_organisation": 3,
        }
        values.update(fields)
        session = SessionPage(**values)
        session.live = False  # publishing below makes it live, as in the admin
        self.index.add_child(instance=session)
        if publish:
            session.save_revision().publish()
            session.refresh_from_db()
        return session


@pytest.fixture
def events_site(db):
    return EventsBuilder()


def municipality(code="GM0363"):
    return Municipality.objects.get(cbs_code=code)


def network(slug=None):
    qs = CityNetwork.objects.all()
    return qs.get(slug=slug) if slug else qs.first()


def people(count, prefix="deelnemer"):
    n = next(_numbers)
    return [
        services.AttendeeData(
            name=f"Deelnemer {n}-{i}",
            email=f"{prefix}{n}-{i}@gemeente.example",
            role="Beleidsmedewerker",
        )
        for i in range(count)
    ]


def register(session, attendees=1, *, organisation=None, notify=True, **kwargs):
    """A registration through the service; attendees is a number or a list."""
    if isinstance(attendees, int):
        attendees = people(attendees)
    organisation = organisation or services.Organisation(
        other_name=f"Organisatie {next(_numbers)}"
    )
    return services.register(
        session,
        organisation=organisation,
        contact_name=kwargs.pop("contact_name", "Carla Contact"),
        contact_email=kwargs.pop(
            "contact_email", f"contact{next(_numbers)}@org.example"
        ),
        attendees=attendees,
        notify=notify,
        **kwargs,
    )
