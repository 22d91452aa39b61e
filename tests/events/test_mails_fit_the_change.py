"""Every change to a registration mails the right people with fitting words (issue 12).

Each scenario runs in Dutch and in English (the language the change was made in) and
checks who gets a message and its key sentences: "a place has been reserved for you"
only for people who attend, the contact person always with the manage link, the people
a change is about with their own message.
"""

import datetime

from django.core.management import call_command
from django.utils import timezone, translation

import pytest

from events import emails, services
from events.models import Registration

from .conftest import register

AD = services.AttendeeData
CONTACT = "carla@org.example"

SENTENCES = {
    "seat_for_you": {
        "nl": "Er is een plaats voor u gereserveerd.",
        "en": "A place has been reserved for you.",
    },
    "seats_for_two": {
        "nl": "Er zijn 2 plaatsen gereserveerd voor de deelnemers hieronder",
        "en": "2 places have been reserved for the participants below",
    },
    "seat_for_one": {
        "nl": "Er is 1 plaats gereserveerd voor de deelnemer hieronder",
        "en": "1 place has been reserved for the participant below",
    },
    "confirmed_subject": {
        "nl": "Aanmelding bevestigd: Wijkaanpak",
        "en": "Registration confirmed: Wijkaanpak",
    },
    "registered_by": {
        "nl": "Carla heeft u namens Org aangemeld voor deze leerbijeenkomst.",
        "en": "Carla has registered you for this learning session on behalf of Org.",
    },
    "waitlist_contact": {
        "nl": "De aanmelding van Org staat daarom op de wachtlijst.",
        "en": "the registration of Org has been placed on the waitlist",
    },
    "waitlist_attendee": {
        "nl": "de aanmelding staat op de wachtlijst",
        "en": "the registration is on the waitlist",
    },
    "promoted_contact_subject": {
        "nl": "Van de wachtlijst: aanmelding bevestigd voor Wijkaanpak",
        "en": "Off the waitlist: registration confirmed for Wijkaanpak",
    },
    "promoted_attendee_subject": {
        "nl": "Van de wachtlijst: u kunt deelnemen aan Wijkaanpak",
        "en": "Off the waitlist: you can attend Wijkaanpak",
    },
    "replaced_contact": {
        "nl": "Anna is vervangen door Bram.",
        "en": "Anna has been replaced by Bram.",
    },
    "replaced_new": {
        "nl": "aangemeld voor deze leerbijeenkomst, in plaats van Anna.",
        "en": "on behalf of Org, in place of Anna.",
    },
    "replaced_old": {
        "nl": "Carla heeft u afgemeld voor deze leerbijeenkomst en uw plaats aan "
        "iemand anders van Org gegeven.",
        "en": "Carla has withdrawn you from this learning session and given your "
        "place to someone else from Org.",
    },
    "updated_contact": {
        "nl": "De gegevens van deelnemer Anna van Dijk zijn gewijzigd.",
        "en": "The details of participant Anna van Dijk have been changed.",
    },
    "updated_attendee": {
        "nl": "Carla heeft uw gegevens voor deze leerbijeenkomst gewijzigd.",
        "en": "Carla has changed your details for this learning session.",
    },
    "removed_contact": {
        "nl": "Anna is afgemeld voor deze leerbijeenkomst.",
        "en": "Anna has been withdrawn from this learning session.",
    },
    "still_one": {
        "nl": "De aanmelding blijft staan voor 1 deelnemer.",
        "en": "The registration remains in place for 1 participant.",
    },
    "removed_by_contact": {
        "nl": "U bent afgemeld voor deze leerbijeenkomst door Carla",
        "en": "You have been withdrawn from this learning session by Carla",
    },
    "removed_self": {
        "nl": "U bent afgemeld voor deze leerbijeenkomst.",
        "en": "You have been withdrawn from this learning session.",
    },
    "added_contact": {
        "nl": "Toegevoegd aan de aanmelding van Org: Bram.",
        "en": "Added to the registration of Org: Bram.",
    },
    "cancelled_contact": {
        "nl": "Alle deelnemers van deze aanmelding zijn afgemeld.",
        "en": "All participants in this registration have been withdrawn.",
    },
    "cancelled_attendee": {
        "nl": "is geannuleerd. U bent daarom afgemeld.",
        "en": "has been cancelled, so you have been withdrawn.",
    },
    "reminder_contact": {
        "nl": "de deelnemers van Org",
        "en": "the participants of Org",
    },
    "reminder_attendee": {
        "nl": "Tot binnenkort!",
        "en": "See you soon!",
    },
    "manage_link": {"nl": "/aanmelding/", "en": "/aanmelding/"},
}


@pytest.fixture(params=["nl", "en"])
def language(request):
    with translation.override(request.param):
        yield request.param


@pytest.fixture
def say(language):
    return lambda key: SENTENCES[key][language]


@pytest.fixture
def session(events_site):
    return events_site.session("Wijkaanpak", capacity=4, max_per_organisation=4)


def org():
    return services.Organisation(other_name="Org")


def by_recipient(mailoutbox):
    result = {}
    for message in mailoutbox:
        (address,) = message.to
        assert address not in result, f"two messages to {address}"
        result[address] = message
    return result


def has(message, sentence):
    return sentence in message.body and sentence in message.alternatives[0][0]


def make(session, attendees, **kwargs):
    return register(
        session,
        attendees,
        organisation=org(),
        contact_name="Carla",
        contact_email=CONTACT,
        **kwargs,
    )


def test_confirmed_contact_who_does_not_attend(session, mailoutbox, say):
    make(session, [AD("Anna", "anna@org.example"), AD("Bram", "bram@org.example")])
    mails = by_recipient(mailoutbox)
    assert set(mails) == {CONTACT, "anna@org.example", "bram@org.example"}
    contact = mails[CONTACT]
    assert contact.subject == say("confirmed_subject")
    assert has(contact, say("seats_for_two"))
    assert not has(contact, say("seat_for_you"))
    assert has(contact, say("manage_link"))
    for address in ("anna@org.example", "bram@org.example"):
        assert has(mails[address], say("registered_by"))
        assert has(mails[address], say("seat_for_you"))
        assert not has(mails[address], say("manage_link"))


def test_confirmed_contact_who_attends(session, mailoutbox, say):
    make(session, [AD("Carla", "Carla@Org.example"), AD("Bram", "bram@org.example")])
    mails = by_recipient(mailoutbox)
    assert set(mails) == {CONTACT, "bram@org.example"}
    assert has(mails[CONTACT], say("seat_for_you"))
    assert has(mails[CONTACT], say("manage_link"))
    assert mails[CONTACT].attachments[0][0].endswith(".ics")
    assert has(mails["bram@org.example"], say("seat_for_you"))


def test_waitlisted(session, mailoutbox, say):
    register(session, 4, notify=False)
    make(session, [AD("Anna", "anna@org.example")])
    mails = by_recipient(mailoutbox)
    assert set(mails) == {CONTACT, "anna@org.example"}
    assert has(mails[CONTACT], say("waitlist_contact"))
    assert has(mails["anna@org.example"], say("waitlist_attendee"))
    for message in mails.values():
        assert not has(message, say("seat_for_you"))


def test_promoted_from_the_waitlist(session, mailoutbox, say):
    blocking, _ = register(session, 4, notify=False)
    waiting, _ = make(session, [AD("Anna", "anna@org.example")], notify=False)
    services.cancel_registration(blocking.pk, notify=False)
    # notify=False on the cancel also silences the promotion: promote explicitly.
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    mailoutbox.clear()
    emails.send(emails.PROMOTED, waiting.pk)
    mails = by_recipient(mailoutbox)
    assert set(mails) == {CONTACT, "anna@org.example"}
    assert mails[CONTACT].subject == say("promoted_contact_subject")
    assert has(mails[CONTACT], say("seat_for_one"))
    assert not has(mails[CONTACT], say("seat_for_you"))
    assert mails["anna@org.example"].subject == say("promoted_attendee_subject")
    assert has(mails["anna@org.example"], say("seat_for_you"))


def test_cancelling_a_registration_promotes_the_waitlist(session, mailoutbox, say):
    blocking, _ = register(session, 4, notify=False)
    make(session, [AD("Anna", "anna@org.example")], notify=False)
    services.cancel_registration(blocking.pk)
    promoted = [m for m in mailoutbox if m.to[0] in (CONTACT, "anna@org.example")]
    assert {m.to[0] for m in promoted} == {CONTACT, "anna@org.example"}
    assert {m.subject for m in promoted} == {
        say("promoted_contact_subject"),
        say("promoted_attendee_subject"),
    }


def test_replacing_an_attendee(session, mailoutbox, say):
    registration, _ = make(
        session,
        [AD("Anna", "anna@org.example"), AD("Dirk", "dirk@org.example")],
        notify=False,
    )
    anna = registration.attendees.get(email="anna@org.example")
    services.replace_attendee(registration.pk, anna.pk, AD("Bram", "bram@org.example"))
    mails = by_recipient(mailoutbox)
    assert set(mails) == {CONTACT, "bram@org.example", "anna@org.example"}
    assert has(mails[CONTACT], say("replaced_contact"))
    assert has(mails[CONTACT], say("manage_link"))
    assert not has(mails[CONTACT], say("seat_for_you"))
    new = mails["bram@org.example"]
    assert has(new, say("replaced_new"))
    assert has(new, say("seat_for_you"))
    assert new.attachments[0][0].endswith(".ics")
    assert not has(new, say("manage_link"))
    old = mails["anna@org.example"]
    assert has(old, say("replaced_old"))
    assert not has(old, say("seat_for_you"))
    assert old.attachments == []


def test_contact_replacing_themselves(session, mailoutbox, say):
    registration, _ = make(session, [AD("Carla", CONTACT)], notify=False)
    carla = registration.attendees.get()
    services.replace_attendee(registration.pk, carla.pk, AD("Bram", "bram@org.example"))
    mails = by_recipient(mailoutbox)
    # The contact hears once, as the contact person (with the link), not twice.
    assert set(mails) == {CONTACT, "bram@org.example"}
    assert has(mails[CONTACT], say("manage_link"))
    assert not has(mails[CONTACT], say("seat_for_you"))
    assert has(mails["bram@org.example"], say("seat_for_you"))


def test_correcting_an_attendee(session, mailoutbox, say):
    registration, _ = make(session, [AD("Anna", "anna@org.example")], notify=False)
    anna = registration.attendees.get()
    services.replace_attendee(
        registration.pk, anna.pk, AD("Anna van Dijk", "anna@org.example")
    )
    mails = by_recipient(mailoutbox)
    assert set(mails) == {CONTACT, "anna@org.example"}
    assert has(mails[CONTACT], say("updated_contact"))
    assert has(mails["anna@org.example"], say("updated_attendee"))
    # Saving the same details again changes nothing and mails nobody.
    mailoutbox.clear()
    services.replace_attendee(
        registration.pk, anna.pk, AD("Anna van Dijk", "anna@org.example")
    )
    assert mailoutbox == []


def test_removing_an_attendee(session, mailoutbox, say):
    registration, _ = make(
        session,
        [AD("Anna", "anna@org.example"), AD("Dirk", "dirk@org.example")],
        notify=False,
    )
    anna = registration.attendees.get(email="anna@org.example")
    services.cancel_attendee(registration.pk, anna.pk)
    mails = by_recipient(mailoutbox)
    assert set(mails) == {CONTACT, "anna@org.example"}
    assert has(mails[CONTACT], say("removed_contact"))
    assert has(mails[CONTACT], say("still_one"))
    assert has(mails["anna@org.example"], say("removed_by_contact"))
    assert not has(mails["anna@org.example"], say("manage_link"))


def test_contact_removing_themselves(session, mailoutbox, say):
    registration, _ = make(
        session, [AD("Carla", CONTACT), AD("Dirk", "dirk@org.example")], notify=False
    )
    carla = registration.attendees.get(email=CONTACT)
    services.cancel_attendee(registration.pk, carla.pk)
    mails = by_recipient(mailoutbox)
    assert set(mails) == {CONTACT}
    assert has(mails[CONTACT], say("removed_self"))
    assert has(mails[CONTACT], say("still_one"))
    assert has(mails[CONTACT], say("manage_link"))


def test_adding_an_attendee(session, mailoutbox, say):
    registration, _ = make(session, [AD("Anna", "anna@org.example")], notify=False)
    services.add_attendees(registration.pk, [AD("Bram", "bram@org.example")])
    mails = by_recipient(mailoutbox)
    assert set(mails) == {CONTACT, "bram@org.example"}
    assert has(mails[CONTACT], say("added_contact"))
    assert has(mails[CONTACT], say("seats_for_two"))
    assert not has(mails[CONTACT], say("seat_for_you"))
    assert has(mails["bram@org.example"], say("registered_by"))
    assert has(mails["bram@org.example"], say("seat_for_you"))


def test_cancelling_the_whole_registration(session, mailoutbox, say):
    registration, _ = make(
        session,
        [
            AD("Anna", "anna@org.example"),
            AD("Dirk", "dirk@org.example"),
            AD("Eva", "eva@org.example"),
        ],
        notify=False,
    )
    eva = registration.attendees.get(email="eva@org.example")
    services.cancel_attendee(registration.pk, eva.pk, notify=False)
    services.cancel_registration(registration.pk)
    mails = by_recipient(mailoutbox)
    # Eva was removed before and is not told twice.
    assert set(mails) == {CONTACT, "anna@org.example", "dirk@org.example"}
    assert has(mails[CONTACT], say("cancelled_contact"))
    assert has(mails["anna@org.example"], say("cancelled_attendee"))


def test_reminder(session, mailoutbox, say):
    soon = timezone.now() + datetime.timedelta(hours=20)
    session.start, session.end = soon, soon + datetime.timedelta(hours=2)
    session.save()
    make(session, [AD("Anna", "anna@org.example")], notify=False)
    call_command("send_session_reminders")
    mails = by_recipient(mailoutbox)
    assert set(mails) == {CONTACT, "anna@org.example"}
    assert has(mails[CONTACT], say("reminder_contact"))
    assert has(mails["anna@org.example"], say("reminder_attendee"))
