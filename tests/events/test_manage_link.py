"""The secret manage link: see, replace, remove, cancel; wrong or expired token 404."""

import datetime
import re

from django.utils import timezone

from events import services
from events.models import Registration

from .conftest import people, register


def manage_url(index, token):
    return f"{index.url}aanmelding/{token}/"


def test_manage_page_shows_the_registration_privately(client, events_site):
    session = events_site.session(
        format="hybride", online_meeting_url="https://vergader.example/abc"
    )
    registration, token = register(session, 2)
    response = client.get(manage_url(events_site.index, token), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    for attendee in registration.attendees.all():
        assert attendee.email in html
    assert "https://vergader.example/abc" in html  # confirmed: they get the link
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_waitlisted_registration_does_not_see_the_online_link(client, events_site):
    session = events_site.session(
        capacity=1, format="hybride", online_meeting_url="https://vergader.example/abc"
    )
    register(session, 1)
    registration, token = register(session, 1)
    assert registration.status == Registration.Status.WAITLISTED
    html = client.get(
        manage_url(events_site.index, token), follow=True
    ).content.decode()
    assert "vergader.example/abc" not in html


def test_wrong_token_is_404(client, events_site):
    session = events_site.session()
    _registration, token = register(session, 1)
    assert (
        client.get(manage_url(events_site.index, token[:-1] + "x")).status_code == 404
    )
    assert client.get(manage_url(events_site.index, "kort")).status_code == 404
    assert client.get(manage_url(events_site.index, "a" * 500)).status_code == 404
    post = client.post(
        manage_url(events_site.index, "onzin"), {"actie": "alles-annuleren"}
    )
    assert post.status_code == 404
    assert Registration.objects.get().status == Registration.Status.CONFIRMED


def test_token_is_stored_only_as_a_hash(events_site):
    session = events_site.session()
    registration, token = register(session, 1)
    registration.refresh_from_db()
    assert token not in registration.token_hash
    assert Registration.objects.for_token(token) == registration


def test_token_is_useless_after_the_session(client, events_site):
    start = timezone.now() + datetime.timedelta(hours=1)
    session = events_site.session(start=start)
    _registration, token = register(session, 1)
    session.start = timezone.now() - datetime.timedelta(hours=3)
    session.end = timezone.now() - datetime.timedelta(minutes=1)
    session.save()
    assert (
        client.get(manage_url(events_site.index, token), follow=True).status_code == 404
    )


def test_changes_are_refused_once_the_session_has_started(client, events_site):
    session = events_site.session()
    registration, token = register(session, 1)
    SessionStart = timezone.now() - datetime.timedelta(minutes=5)
    session.start = SessionStart
    session.save()
    response = client.post(
        manage_url(events_site.index, token), {"actie": "alles-annuleren"}
    )
    assert response.status_code == 409
    assert "al begonnen" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_cancel_one_attendee_promotes_the_waitlist(client, events_site):
    session = events_site.session(capacity=3)
    first, token = register(session, 3)
    waiting, _ = register(session, 1)
    assert waiting.status == Registration.Status.WAITLISTED
    leaving = first.attendees.first()
    response = client.post(
        manage_url(events_site.index, token),
        {"actie": "afmelden", "deelnemer": leaving.pk},
    )
    assert response.status_code == 303
    leaving.refresh_from_db()
    waiting.refresh_from_db()
    assert leaving.cancelled_at is not None
    assert waiting.status == Registration.Status.CONFIRMED
    assert services.seat_summary(session)["confirmed"] == 3
    page = client.get(
        manage_url(events_site.index, token), follow=True
    ).content.decode()
    assert "De deelnemer is afgemeld" in page
    assert leaving.email not in page


def test_cancelling_the_last_attendee_cancels_the_registration(client, events_site):
    session = events_site.session()
    registration, token = register(session, 1)
    attendee = registration.attendees.get()
    client.post(
        manage_url(events_site.index, token),
        {"actie": "afmelden", "deelnemer": attendee.pk},
    )
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_cancel_whole_registration(client, events_site):
    session = events_site.session(capacity=2)
    registration, token = register(session, 2)
    waiting, _ = register(session, 2)
    response = client.post(
        manage_url(events_site.index, token), {"actie": "alles-annuleren"}
    )
    assert response.status_code == 303
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert not registration.attendees.filter(cancelled_at__isnull=True).exists()
    assert waiting.status == Registration.Status.CONFIRMED
    again = client.post(
        manage_url(events_site.index, token), {"actie": "alles-annuleren"}
    )
    assert again.status_code == 409


def test_attendee_of_another_registration_cannot_be_touched(client, events_site):
    session = events_site.session()
    _mine, token = register(session, 1)
    other, _ = register(session, 1)
    response = client.post(
        manage_url(events_site.index, token),
        {"actie": "afmelden", "deelnemer": other.attendees.get().pk},
    )
    assert response.status_code == 409
    assert other.attendees.get().cancelled_at is None


def test_replace_attendee(client, events_site):
    session = events_site.session()
    registration, token = register(session, 2)
    attendee = registration.attendees.first()
    prefix = f"deelnemer-{attendee.pk}"
    response = client.post(
        manage_url(events_site.index, token),
        {
            "actie": "wijzigen",
            "deelnemer": attendee.pk,
            f"{prefix}-name": "Vera Vervanger",
            f"{prefix}-email": "Vera@Gemeente.example",
            f"{prefix}-role": "Jurist",
            f"{prefix}-municipality": "",
        },
    )
    assert response.status_code == 303
    attendee.refresh_from_db()
    assert (attendee.name, attendee.email) == (
        "Vera Vervanger",
        "vera@gemeente.example",
    )


def test_replace_with_an_email_already_registered_is_refused(client, events_site):
    session = events_site.session()
    registration, token = register(session, 1)
    other, _ = register(session, people(1, prefix="ander"))
    attendee = registration.attendees.get()
    prefix = f"deelnemer-{attendee.pk}"
    response = client.post(
        manage_url(events_site.index, token),
        {
            "actie": "wijzigen",
            "deelnemer": attendee.pk,
            f"{prefix}-name": "X",
            f"{prefix}-email": other.attendees.get().email.upper(),
        },
    )
    assert response.status_code == 409
    attendee.refresh_from_db()
    assert attendee.email != other.attendees.get().email


def test_replace_with_bad_input_is_400(client, events_site):
    session = events_site.session()
    registration, token = register(session, 1)
    attendee = registration.attendees.get()
    response = client.post(
        manage_url(events_site.index, token),
        {
            "actie": "wijzigen",
            "deelnemer": attendee.pk,
            f"deelnemer-{attendee.pk}-email": "x",
        },
    )
    assert response.status_code == 400
    assert "niet compleet" in response.content.decode()


def test_unknown_action_is_400(client, events_site):
    session = events_site.session()
    _registration, token = register(session, 1)
    response = client.post(manage_url(events_site.index, token), {"actie": "hack"})
    assert response.status_code == 400


def test_waitlist_promotion_skips_to_fit(events_site):
    """First come, first served, skip to fit: a big delegation keeps its place but does
    not block a smaller later one that fits."""
    session = events_site.session(capacity=4, max_per_organisation=3)
    a, _ = register(session, 3)
    register(session, 1)
    big, _ = register(session, 3)
    small, _ = register(session, 1)
    services.cancel_attendee(a.pk, a.attendees.first().pk)  # frees 1 seat
    big.refresh_from_db()
    small.refresh_from_db()
    assert big.status == Registration.Status.WAITLISTED
    assert small.status == Registration.Status.CONFIRMED
    services.cancel_registration(a.pk)  # frees 2 more: still not 3
    big.refresh_from_db()
    assert big.status == Registration.Status.WAITLISTED
    assert services.seat_summary(session)["confirmed"] == 2


def test_cancelling_the_whole_registration_asks_first(client, events_site):
    # The page's button only asks (issue 12: a keyboard user must be able to reach a
    # confirmation step); nothing changes until the answer "Ja".
    session = events_site.session()
    registration, token = register(session, 2)
    url = manage_url(events_site.index, token)
    client.get(url, follow=True)
    html = client.get(url, follow=True).content.decode()
    assert 'value="annuleren-vragen"' in html
    assert 'value="alles-annuleren"' not in html

    response = client.post(url, {"actie": "annuleren-vragen"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Weet u zeker dat u de hele aanmelding wilt annuleren?" in html
    assert re.search(r'id="annuleren-bevestigen" tabindex="-1" autofocus', html)
    assert 'value="alles-annuleren"' in html
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.attendees.filter(cancelled_at__isnull=True).count() == 2

    # "Nee": nothing changes, back to the button that asked.
    response = client.post(url, {"actie": "niet-annuleren"})
    assert response.status_code == 303
    assert response["Location"].endswith("/#annuleren")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED

    response = client.post(url, {"actie": "alles-annuleren"}, follow=True)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    # The outcome takes focus after the reload.
    assert re.search(
        r'role="status" id="wijziging" tabindex="-1" autofocus',
        response.content.decode(),
    )


def test_a_refused_change_gets_a_summary_linking_to_each_field(client, events_site):
    session = events_site.session()
    registration, token = register(session, 1)
    attendee = registration.attendees.get()
    url = manage_url(events_site.index, token)
    response = client.post(
        url,
        {
            "nieuw-TOTAL_FORMS": "1",
            "nieuw-INITIAL_FORMS": "0",
            "nieuw-0-name": "Cees",
            "actie": "deelnemers-toevoegen",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(r'id="wijziging-fout" tabindex="-1" autofocus', html)
    assert 'href="#id_nieuw-0-email">Nieuwe deelnemer 1: E-mailadres' in html

    response = client.post(
        url,
        {
            "deelnemer": str(attendee.pk),
            f"deelnemer-{attendee.pk}-name": "",
            f"deelnemer-{attendee.pk}-email": attendee.email,
            "actie": "wijzigen",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'href="#id_deelnemer-{attendee.pk}-name">{attendee.name}: Naam' in html


def test_one_more_row_takes_focus(client, events_site):
    session = events_site.session()
    _registration, token = register(session, 1)
    response = client.post(
        manage_url(events_site.index, token),
        {
            "nieuw-TOTAL_FORMS": "1",
            "nieuw-INITIAL_FORMS": "0",
            "nieuw-0-name": "Cees",
            "actie": "rij-toevoegen",
        },
    )
    html = response.content.decode()
    assert re.search(r'<input[^>]*name="nieuw-1-name"[^>]*autofocus', html)
    assert not re.search(r'<input[^>]*name="nieuw-0-name"[^>]*autofocus', html)
