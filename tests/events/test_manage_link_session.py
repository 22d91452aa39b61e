"""The manage link's token is in an access log at most once: its first request swaps it
for a short-lived session entry and redirects to a URL without it (issue 8)."""

from django.test import Client

import pytest

from events import views
from events.models import Registration

from .conftest import register


def token_url(index, token):
    return f"{index.url}aanmelding/{token}/"


@pytest.fixture
def opened(client, events_site):
    """A registration whose link this client has opened: (registration, token, url)."""
    session = events_site.session()
    registration, token = register(session, 2, notify=False)
    response = client.get(token_url(events_site.index, token))
    assert response.status_code == 303
    return registration, token, response["Location"]


def test_the_token_is_swapped_for_a_url_without_it(client, events_site, opened):
    registration, token, url = opened
    assert token not in url
    assert url == f"{events_site.index.url}aanmelding/beheer/{registration.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["registration"].pk == registration.pk
    html = page.content.decode()
    assert token not in html
    # Private on both steps.
    for response in (client.get(token_url(events_site.index, token)), page):
        assert response["Cache-Control"] == "private, no-store"
        assert response["Referrer-Policy"] == "same-origin"


def test_changes_post_to_the_url_without_the_token(client, events_site, opened):
    registration, token, url = opened
    attendee = registration.attendees.first()
    response = client.post(url, {"actie": "afmelden", "deelnemer": str(attendee.pk)})
    assert response.status_code == 303
    assert response["Location"] == url
    attendee.refresh_from_db()
    assert attendee.cancelled_at is not None


def test_another_browser_without_the_link_gets_404(events_site, opened):
    registration, _token, url = opened
    stranger = Client()
    assert stranger.get(url).status_code == 404
    assert stranger.post(url, {"actie": "alles-annuleren"}).status_code == 404
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_the_session_entry_expires(client, opened):
    _registration, _token, url = opened
    session = client.session
    for entry in session[views.MANAGE_SESSION_KEY].values():
        entry["until"] = 0
    session.save()
    response = client.get(url)
    assert response.status_code == 404


def test_a_new_link_ends_access_through_the_old_one(client, events_site, opened):
    registration, token, url = opened
    response = client.post(url, {"actie": "nieuwe-link"})
    assert response.status_code == 200
    assert client.get(url).status_code == 404
    assert client.get(token_url(events_site.index, token)).status_code == 404


def test_a_purged_registration_is_gone_from_the_session_too(client, opened):
    registration, _token, url = opened
    Registration.objects.filter(pk=registration.pk).update(
        token_hash=None, token_salt=""
    )
    assert client.get(url).status_code == 404


def test_one_browser_manages_two_registrations_apart(client, events_site, opened):
    first, _token, first_url = opened
    second, second_token = register(events_site.session(), 1, notify=False)
    second_url = client.get(token_url(events_site.index, second_token))["Location"]
    assert client.get(first_url).context["registration"].pk == first.pk
    assert client.get(second_url).context["registration"].pk == second.pk


@pytest.mark.parametrize("number", ["²", "①", "1²", "12abc", ""])
def test_an_attendee_number_that_is_not_ascii_digits_is_a_dutch_400(
    client, opened, number
):
    registration, _token, url = opened
    for action in ("afmelden", "wijzigen"):
        response = client.post(url, {"actie": action, "deelnemer": number})
        assert response.status_code == 400
        assert "Onbekende actie." in response.content.decode()
    assert registration.attendees.filter(cancelled_at__isnull=True).count() == 2
