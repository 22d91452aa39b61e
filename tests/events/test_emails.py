"""E-mails: contents, attachments, after commit only, and a failing mail server."""

import datetime

from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

import pytest
from icalendar import Calendar

from events import emails, services
from events.models import Registration
from home.models import OutboxMessage

from .conftest import people, register

FAILING = "tests.events.mail_backends.FailingBackend"
REFUSING = "tests.events.mail_backends.RefusingBackend"


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def ics_of(message):
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def test_confirmation_to_contact_and_each_attendee(events_site, mailoutbox, on_commit):
    session = events_site.session(
        "Weerbare sportclubs",
        format="hybride",
        online_meeting_url="https://vergader.example/sport",
    )
    with on_commit():
        registration, token = register(
            session, 2, contact_email="coordinator@g40.example"
        )
    assert [m.to for m in mailoutbox] == [["coordinator@g40.example"]] + [
        [a.email] for a in registration.attendees.all()
    ]
    contact, first, _second = mailoutbox
    assert contact.subject == "Aanmelding bevestigd: Weerbare sportclubs"
    assert f"/leerbijeenkomsten/aanmelding/{token}/" in contact.body
    html = contact.alternatives[0][0]
    assert f"/leerbijeenkomsten/aanmelding/{token}/" in html
    assert "https://vergader.example/sport" in contact.body
    # Attendees get the event and the online link, not the delegation's manage link.
    assert token not in first.body
    assert "https://vergader.example/sport" in first.body
    for message in mailoutbox:
        calendar = ics_of(message)
        event = calendar.events[0]
        assert str(event["SUMMARY"]) == "Weerbare sportclubs"
        assert "vergader.example/sport" in str(event["DESCRIPTION"])


def test_waitlist_notice_has_no_online_link(events_site, mailoutbox, on_commit):
    session = events_site.session(
        capacity=1,
        format="online",
        venue_address="",
        online_meeting_url="https://v.example/o",
    )
    register(session, 1, notify=False)
    with on_commit():
        registration, token = register(session, 1)
    assert registration.status == Registration.Status.WAITLISTED
    assert mailoutbox[0].subject.startswith("Op de wachtlijst")
    assert token in mailoutbox[0].body
    for message in mailoutbox:
        assert "v.example/o" not in message.body
        assert "v.example/o" not in message.alternatives[0][0]
        assert "v.example/o" not in message.attachments[0][1]


def test_no_mail_when_the_transaction_rolls_back(events_site, mailoutbox, on_commit):
    session = events_site.session(capacity=5)
    register(
        session,
        1,
        organisation=services.Organisation(other_name="Dubbel"),
        notify=False,
    )
    with on_commit() as callbacks, pytest.raises(services.RegistrationRefused):
        register(
            session,
            3,
            organisation=services.Organisation(other_name="Dubbel"),
        )
    assert callbacks == []
    assert mailoutbox == []


def test_promotion_mail(events_site, mailoutbox, on_commit):
    session = events_site.session(
        capacity=1,
        format="online",
        venue_address="",
        online_meeting_url="https://v.example/p",
    )
    first, _ = register(session, 1, notify=False)
    waiting, _ = register(session, 1, notify=False)
    with on_commit():
        services.cancel_registration(first.pk)
    subjects = [m.subject for m in mailoutbox]
    assert any(s.startswith("Aanmelding geannuleerd") for s in subjects)
    promoted = [m for m in mailoutbox if m.subject.startswith("Van de wachtlijst")]
    assert {m.to[0] for m in promoted} == {
        waiting.contact_email,
        waiting.attendees.get().email,
    }
    assert all("https://v.example/p" in m.body for m in promoted)


def test_own_cancellation_of_one_attendee_is_confirmed(
    events_site, mailoutbox, on_commit
):
    session = events_site.session()
    registration, _ = register(session, 2, notify=False)
    attendee = registration.attendees.first()
    with on_commit():
        services.cancel_attendee(registration.pk, attendee.pk)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [attendee.email, registration.contact_email]
    )
    # Changed deliberately (issue 12): the removed attendee and the contact person get
    # different texts.
    (removed,) = [m for m in mailoutbox if m.to == [attendee.email]]
    (contact,) = [m for m in mailoutbox if m.to == [registration.contact_email]]
    assert removed.subject.startswith("Afgemeld")
    assert "U bent afgemeld" in removed.body
    assert contact.subject.startswith("Deelnemer afgemeld")
    assert attendee.name in contact.body


def test_session_cancelled_by_editors_informs_everyone_once(
    events_site, mailoutbox, on_commit
):
    session = events_site.session(capacity=2)
    register(session, 2, notify=False)
    register(session, 1, notify=False)  # waitlisted: informed too
    cancelled_before, _ = register(session, 1, notify=False)
    services.cancel_registration(cancelled_before.pk, notify=False)
    session.is_cancelled = True
    session.cancellation_reason = "De spreker is ziek."
    with on_commit():
        session.save_revision().publish()
    assert len(mailoutbox) == 2 + 1 + 2  # two contacts, three attendees
    assert all(m.subject.startswith("Bijeenkomst geannuleerd") for m in mailoutbox)
    assert "De spreker is ziek." in mailoutbox[0].body
    event = ics_of(mailoutbox[0]).events[0]
    assert str(event["STATUS"]) == "CANCELLED"
    mail.outbox.clear()
    with on_commit():
        session.save_revision().publish()
    assert mailoutbox == []


def test_raising_capacity_promotes_the_waitlist(events_site, on_commit):
    session = events_site.session(capacity=1)
    register(session, 1, notify=False)
    waiting, _ = register(session, 1, notify=False)
    session.capacity = 2
    with on_commit():
        session.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


@pytest.mark.parametrize("backend", [FAILING, REFUSING])
def test_failing_mail_server_loses_nothing(events_site, mailoutbox, backend):
    # Changed with the outbox: a failed delivery leaves a pending outbox row with a
    # retry scheduled (no more OutgoingMail records of the failure alone).
    session = events_site.session()
    with override_settings(OUTBOX_DELIVERY_BACKEND=backend):
        registration, token = register(session, 2)
    assert Registration.objects.get(pk=registration.pk).status == "bevestigd"
    assert mailoutbox == []
    pending = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
    assert pending.count() == 3
    assert all(m.attempts == 1 and m.last_error for m in pending)
    assert all(m.next_attempt_at > timezone.now() for m in pending)


def test_failed_registration_post_still_redirects(client, events_site):
    session = events_site.session()
    data = {
        "organisation_type": "overig",
        "other_organisation": "Politie Rotterdam",
        "contact_name": "C",
        "contact_email": "c@politie.example",
        "consent": "on",
        "deelnemers-TOTAL_FORMS": "1",
        "deelnemers-INITIAL_FORMS": "0",
        "deelnemers-0-name": "P",
        "deelnemers-0-email": "p@politie.example",
    }
    with override_settings(OUTBOX_DELIVERY_BACKEND=FAILING):
        response = client.post(session.url, data)
    assert response.status_code == 303
    assert OutboxMessage.objects.filter(status="wachtend").count() == 2


@override_settings(OUTBOX_RETRY_BASE_SECONDS=0)
def test_send_outbox_delivers_the_working_link(client, events_site, mailoutbox):
    session = events_site.session()
    with override_settings(OUTBOX_DELIVERY_BACKEND=FAILING):
        registration, token = register(session, 1)
    assert mailoutbox == []
    call_command("send_outbox")
    assert len(mailoutbox) == 2
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"verstuurd"}
    contact = next(m for m in mailoutbox if m.to == [registration.contact_email])
    link = next(
        line for line in contact.body.splitlines() if "/aanmelding/" in line
    ).strip()
    assert link.rstrip("/").rsplit("/", 1)[1] == token
    path = link.split("testserver", 1)[1]
    assert client.get(path, follow=True).status_code == 200
    # Sent messages keep no text (no manage-link token stays in the database).
    assert all(m.payload == {} for m in OutboxMessage.objects.all())
    # Nothing left to send: a second run sends nothing.
    call_command("send_outbox")
    assert len(mailoutbox) == 2


@override_settings(OUTBOX_RETRY_BASE_SECONDS=0, OUTBOX_MAX_ATTEMPTS=2)
def test_mail_that_keeps_failing_is_marked_failed(events_site, mailoutbox):
    session = events_site.session()
    with override_settings(OUTBOX_DELIVERY_BACKEND=FAILING):
        register(session, 1)
        with pytest.raises(CommandError):
            call_command("send_outbox")
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {2}
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"mislukt"}
    # --failed gives them a fresh set of attempts; the server answers again.
    call_command("send_outbox", "--failed")
    assert len(mailoutbox) == 2


def test_reminders_are_sent_once(events_site, mailoutbox):
    soon = events_site.session(start=timezone.now() + datetime.timedelta(hours=20))
    later = events_site.session(start=timezone.now() + datetime.timedelta(days=10))
    registration, _ = register(soon, 2, notify=False)
    register(later, 1, notify=False)
    waiting_session = events_site.session(
        capacity=1, start=timezone.now() + datetime.timedelta(hours=5)
    )
    register(waiting_session, 1, notify=False)
    register(waiting_session, 1, notify=False)  # waitlisted: no reminder
    call_command("send_session_reminders")
    assert len(mailoutbox) == 3 + 2
    assert all(m.subject.startswith("Herinnering") for m in mailoutbox)
    registration.refresh_from_db()
    assert registration.reminder_sent_at is not None
    call_command("send_session_reminders")
    assert len(mailoutbox) == 5


def test_editor_message_text(events_site, mailoutbox):
    session = events_site.session()
    registration, _ = register(session, people(1), notify=False)
    attendee = registration.attendees.get()
    emails.deliver(
        emails.MESSAGE,
        registration.pk,
        attendee_id=attendee.pk,
        payload={"subject": "Parkeren", "body": "Parkeer in garage Noord.\n\nTot dan."},
    )
    assert mailoutbox[0].subject == "Parkeren"
    assert "Parkeer in garage Noord." in mailoutbox[0].body
    assert mailoutbox[0].to == [attendee.email]
