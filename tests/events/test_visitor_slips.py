"""Issue 12's slips on the session pages and in the admin: a past session shows no
free seats, and an editor's cancellation of a registration is confirmed first."""

import datetime

from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

import pytest

from events.models import Registration

from .conftest import register


def test_a_past_session_shows_no_free_seats(client, events_site):
    start = timezone.now() - datetime.timedelta(days=3)
    session = events_site.session("Afgelopen bijeenkomst", capacity=45, start=start)
    html = client.get(session.url).content.decode()
    assert "plaatsen vrij" not in html
    assert "plaats vrij" not in html
    assert "de bijeenkomst is voorbij" in html


def test_an_upcoming_session_still_shows_its_free_seats(client, events_site):
    session = events_site.session("Komende bijeenkomst", capacity=45)
    html = client.get(session.url).content.decode()
    assert "Nog 45 plaatsen vrij van de 45" in html


@pytest.fixture
def editor(client, db):
    user = User.objects.create_user("redacteur", "redacteur@x.example", "pw")
    user.groups.add(Group.objects.get(name="Ministerie-redacteuren"))
    client.force_login(user)
    return client


def test_cancelling_a_registration_in_the_admin_asks_first(editor, events_site):
    session = events_site.session("Jeugdgroepen", capacity=5)
    registration, _ = register(session, 2, notify=False)
    url = reverse("events_admin_session", args=[session.pk])

    response = editor.post(url, {"actie": "annuleren", "aanmelding": registration.pk})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Aanmelding annuleren?" in html
    assert registration.organisation_name in html
    for attendee in registration.attendees.all():
        assert attendee.name in html
    assert 'name="bevestigd" value="ja"' in html
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED  # nothing happened

    response = editor.post(
        url, {"actie": "annuleren", "aanmelding": registration.pk, "bevestigd": "ja"}
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_the_confirmation_does_not_let_a_reader_cancel(client, events_site):
    user = User.objects.create_user("lezer", "lezer@x.example", "pw")
    client.force_login(user)
    session = events_site.session("Jeugdgroepen", capacity=5)
    registration, _ = register(session, 1, notify=False)
    response = client.post(
        reverse("events_admin_session", args=[session.pk]),
        {"actie": "annuleren", "aanmelding": registration.pk, "bevestigd": "ja"},
    )
    assert response.status_code in (302, 403)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
