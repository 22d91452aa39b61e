"""The manage link is in every e-mail to the contact person, and only there.

The token is derived (HMAC of SECRET_KEY over the registration's id and random salt),
never stored: another SECRET_KEY, a rotated salt, an ended session or a purge all make a
link useless.
"""

import datetime
import importlib
import re

from django.apps import apps
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

import pytest

from events import emails, services
from events.models import Registration, derive_token, hash_token

from .conftest import people, register

LINK = re.compile(r"https?://testserver(/\S*?/aanmelding/([A-Za-z0-9_-]+)/)")


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def links_in(message):
    """The manage-link paths in the text and in the HTML part of one message."""
    text = [m.group(1) for m in LINK.finditer(message.body)]
    html = [m.group(1) for m in LINK.finditer(message.alternatives[0][0])]
    return text, html


def assert_working_link(client, message, registration):
    text, html = links_in(message)
    assert len(text) == 1, message.body
    assert html == text
    assert text[0].rsplit("/", 2)[1] == registration.manage_token()
    response = client.get(text[0], follow=True)
    assert response.status_code == 200
    assert response.context["registration"].pk == registration.pk
    return text[0]


def mails_to(outbox, address):
    return [m for m in outbox if m.to == [address]]


def test_confirmation_and_waitlist_notice(client, events_site, mailoutbox, on_commit):
    session = events_site.session(capacity=1)
    with on_commit():
        confirmed, _ = register(session, 1)
        waiting, _ = register(session, 1)
    assert waiting.status == Registration.Status.WAITLISTED
    for registration in (confirmed, waiting):
        (contact,) = mails_to(mailoutbox, registration.contact_email)
        assert_working_link(client, contact, registration)
        # The attendees' own mails never carry the delegation's link.
        (attendee,) = mails_to(mailoutbox, registration.attendees.get().email)
        assert links_in(attendee) == ([], [])


def test_promotion_mail(client, events_site, mailoutbox, on_commit):
    session = events_site.session(capacity=1)
    first, _ = register(session, 1, notify=False)
    waiting, _ = register(session, 1, notify=False)
    with on_commit():
        services.cancel_registration(first.pk)
    promoted = [m for m in mailoutbox if m.subject.startswith("Van de wachtlijst")]
    (contact,) = mails_to(promoted, waiting.contact_email)
    assert_working_link(client, contact, waiting)
    (attendee,) = mails_to(promoted, waiting.attendees.get().email)
    assert links_in(attendee) == ([], [])
    # The contact of the cancelled registration gets the link too (to see it).
    (cancelled,) = mails_to(mailoutbox, first.contact_email)
    path = assert_working_link(client, cancelled, first)
    assert (
        "Deze aanmelding is geannuleerd."
        in client.get(path, follow=True).content.decode()
    )


def test_reminder(client, events_site, mailoutbox):
    session = events_site.session(start=timezone.now() + datetime.timedelta(hours=20))
    registration, _ = register(session, 2, notify=False)
    call_command("send_session_reminders")
    (contact,) = mails_to(mailoutbox, registration.contact_email)
    assert contact.subject.startswith("Herinnering")
    assert_working_link(client, contact, registration)
    for attendee in registration.attendees.all():
        assert links_in(mails_to(mailoutbox, attendee.email)[0]) == ([], [])


def test_session_cancelled(client, events_site, mailoutbox, on_commit):
    session = events_site.session()
    registration, _ = register(session, 1, notify=False)
    session.is_cancelled = True
    session.cancellation_reason = "De zaal is niet beschikbaar."
    with on_commit():
        session.save_revision().publish()
    (contact,) = mails_to(mailoutbox, registration.contact_email)
    assert contact.subject.startswith("Bijeenkomst geannuleerd")
    assert_working_link(client, contact, registration)
    # Nothing can be changed any more, and the mail does not promise it.
    assert "vervangen" not in contact.body
    assert "Uw aanmelding bekijken kan via uw persoonlijke link" in contact.body


def test_attendee_cancelled_mail_to_contact(client, events_site, mailoutbox, on_commit):
    session = events_site.session()
    registration, _ = register(session, 2, notify=False)
    attendee = registration.attendees.first()
    with on_commit():
        services.cancel_attendee(registration.pk, attendee.pk)
    (contact,) = mails_to(mailoutbox, registration.contact_email)
    assert_working_link(client, contact, registration)
    assert links_in(mails_to(mailoutbox, attendee.email)[0]) == ([], [])


def test_editors_message_carries_the_link_only_for_the_contact(
    client, events_site, mailoutbox
):
    session = events_site.session()
    attendees = [
        services.AttendeeData(name="Carla", email="carla@org.example"),
        *people(1),
    ]
    registration, _ = register(
        session, attendees, notify=False, contact_email="Carla@org.example"
    )
    payload = {"subject": "Parkeren", "body": "Parkeer in garage Noord."}
    for attendee in registration.attendees.all():
        emails.deliver(
            emails.MESSAGE, registration.pk, attendee_id=attendee.pk, payload=payload
        )
    (contact,) = mails_to(mailoutbox, "carla@org.example")
    assert_working_link(client, contact, registration)
    (other,) = [m for m in mailoutbox if m is not contact]
    assert links_in(other) == ([], [])


def test_new_link_rotates_the_salt(client, events_site, mailoutbox, on_commit):
    session = events_site.session()
    registration, old_token = register(session, 1, notify=False)
    old_path = f"{events_site.index.url}aanmelding/{old_token}/"
    assert client.get(old_path, follow=True).status_code == 200
    with on_commit():
        response = client.post(old_path, {"actie": "nieuwe-link"})
    assert response.status_code == 200
    assert "Nieuwe link verstuurd" in response.content.decode()
    assert client.get(old_path).status_code == 404
    registration.refresh_from_db()
    (message,) = mailoutbox
    assert message.to == [registration.contact_email]
    new_path = assert_working_link(client, message, registration)
    assert old_token not in new_path


def test_link_made_with_another_secret_key_is_404(client, events_site):
    session = events_site.session()
    registration, token = register(session, 1, notify=False)
    forged = derive_token(registration.pk, registration.token_salt, secret="x" * 50)
    assert forged != token
    assert client.get(f"{events_site.index.url}aanmelding/{forged}/").status_code == 404
    with override_settings(SECRET_KEY="een-andere-geheime-sleutel-" * 3):
        also_forged = registration.manage_token()
    assert (
        client.get(f"{events_site.index.url}aanmelding/{also_forged}/").status_code
        == 404
    )


def test_rotating_secret_key_kills_old_links_and_later_mail_works(
    client, events_site, mailoutbox
):
    session = events_site.session()
    registration, token = register(session, 1, notify=False)
    old_path = f"{events_site.index.url}aanmelding/{token}/"
    with override_settings(SECRET_KEY="een-andere-geheime-sleutel-" * 3):
        # The stored hash still matches, but the current key does not derive it.
        assert client.get(old_path).status_code == 404
        emails.deliver(emails.REMINDER, registration.pk)
        (contact,) = mails_to(mailoutbox, registration.contact_email)
        registration.refresh_from_db()
        assert_working_link(client, contact, registration)


def test_database_alone_does_not_reveal_the_link(events_site):
    session = events_site.session()
    registration, token = register(session, 1, notify=False)
    row = Registration.objects.filter(pk=registration.pk).values().get()
    assert token not in " ".join(str(value) for value in row.values())
    assert row["token_hash"] == hash_token(token)
    assert row["token_salt"] and row["token_salt"] != token


def test_link_is_404_and_left_out_after_the_session(client, events_site, mailoutbox):
    start = timezone.now() + datetime.timedelta(hours=1)
    session = events_site.session(start=start)
    registration, token = register(session, 1, notify=False)
    session.start = timezone.now() - datetime.timedelta(hours=3)
    session.end = timezone.now() - datetime.timedelta(minutes=1)
    session.save()
    assert client.get(f"{events_site.index.url}aanmelding/{token}/").status_code == 404
    emails.deliver(emails.CANCELLED, registration.pk)
    assert (
        "/aanmelding/" not in mails_to(mailoutbox, registration.contact_email)[0].body
    )


def test_purge_makes_the_link_useless(client, events_site, mailoutbox):
    now = timezone.now()
    start = now + datetime.timedelta(hours=1)
    session = events_site.session(start=start)
    registration, token = register(session, 1, notify=False)
    old_salt = Registration.objects.get(pk=registration.pk).token_salt
    session.start = now - datetime.timedelta(days=100, hours=3)
    session.end = now - datetime.timedelta(days=100)
    session.save()
    call_command("purge_registration_data", verbosity=0)
    registration.refresh_from_db()
    assert registration.anonymised_at is not None
    assert registration.token_hash is None
    assert registration.token_salt == ""
    assert Registration.objects.for_token(token) is None
    assert (
        Registration.objects.for_token(derive_token(registration.pk, old_salt)) is None
    )
    assert Registration.objects.for_token(registration.manage_token()) is None
    assert client.get(f"{events_site.index.url}aanmelding/{token}/").status_code == 404
    assert emails.manage_url(registration) == ""
    assert emails.deliver(emails.REMINDER, registration.pk) == 0


def test_migration_gives_existing_registrations_a_salt_and_a_link(events_site):
    session = events_site.session()
    registration, old_token = register(session, 1, notify=False)
    purged, _ = register(session, 1, notify=False)
    # As before the migration: no salt, the hash of a random (now unknown) token.
    Registration.objects.filter(pk=registration.pk).update(
        token_salt="", token_hash=hash_token("oud-willekeurig-token")
    )
    Registration.objects.filter(pk=purged.pk).update(token_salt="", token_hash=None)
    migration = importlib.import_module(
        "events.migrations.0005_registration_token_salt"
    )
    migration.give_salts(apps, None)
    registration.refresh_from_db()
    purged.refresh_from_db()
    assert registration.token_salt
    assert Registration.objects.for_token("oud-willekeurig-token") is None
    assert Registration.objects.for_token(registration.manage_token()) == registration
    assert purged.token_salt and purged.token_hash is None
