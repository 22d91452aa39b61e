"""The editors' registration views do not run a query per registration (no N+1): the
same number of queries with 3 and with 30 registrations."""

from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from events import services

from .conftest import municipality, network, people, register


@pytest.fixture
def editor(client, db):
    user = User.objects.create_user("redacteur", "r@x.example", "pw")
    user.groups.add(Group.objects.get(name="Ministerie-redacteuren"))
    client.force_login(user)
    return client


def session_with(events_site, count):
    """`count` registrations of two attendees each (with a municipality): the first of
    another organisation, then a municipality and a city network, the rest other
    organisations; the last one waitlisted; one attendee cancelled."""
    session = events_site.session(capacity=2 * count - 2, max_per_organisation=3)
    for i in range(count):
        attendees = [
            services.AttendeeData(
                name=a.name, email=a.email, role=a.role, municipality=municipality()
            )
            for a in people(2)
        ]
        if i == 1:
            organisation = services.Organisation(municipality=municipality())
        elif i == 2:
            organisation = services.Organisation(city_network=network())
        else:
            organisation = services.Organisation(other_name=f"Organisatie {i}")
        register(session, attendees, organisation=organisation, notify=False)
    first = session.registrations.order_by("pk").first()
    services.cancel_attendee(first.pk, first.attendees.first().pk, notify=False)
    assert session.registrations.filter(status="wachtlijst").exists()
    assert session.registrations.filter(
        status="bevestigd", municipality=None, city_network=None
    ).exists()
    return session


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    return len(queries)


URLS = [
    ("events_admin_session", ()),
    ("events_admin_session", ("?status=bevestigd&organisatie=overig",)),
    ("events_admin_export", ("csv",)),
    ("events_admin_export", ("xlsx",)),
    ("events_admin_check_in", ()),
    ("events_admin_sessions", None),
]


@pytest.mark.parametrize(("name", "extra"), URLS)
def test_same_number_of_queries_for_3_and_30_registrations(
    editor, events_site, name, extra
):
    small = session_with(events_site, 3)
    large = session_with(events_site, 30)
    counts = []
    for session in (small, large):
        if extra is None:
            url = reverse(name)
        else:
            args = [session.pk, *(e for e in extra if not e.startswith("?"))]
            query = "".join(e for e in extra if e.startswith("?"))
            url = reverse(name, args=args) + query
        queries_for(editor, url)  # warm up per-request caches (site, permissions)
        counts.append(queries_for(editor, url))
    assert counts[0] == counts[1], counts
