"""The contact person adds attendees through the manage link: the rules of registering,
all or nothing, without JavaScript."""

import datetime

from django.utils import timezone

import pytest

from events import emails, services
from events.models import Attendee, Registration

from .conftest import people, register


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def manage_url(index, token):
    return f"{index.url}aanmelding/{token}/"


def add_post(*people_data, action="deelnemers-toevoegen"):
    data = {
        "actie": action,
        "nieuw-TOTAL_FORMS": str(len(people_data)),
        "nieuw-INITIAL_FORMS": "0",
    }
    for i, (name, email) in enumerate(people_data):
        data[f"nieuw-{i}-name"] = name
        data[f"nieuw-{i}-email"] = email
        data[f"nieuw-{i}-role"] = "Wijkagent"
    return data


def active_emails(registration):
    return sorted(
        registration.attendees.filter(cancelled_at__isnull=True).values_list(
            "email", flat=True
        )
    )


def test_manage_page_offers_the_form(client, events_site):
    session = events_site.session()
    _registration, token = register(session, 1)
    html = client.get(manage_url(events_site.index, token)).content.decode()
    assert "Deelnemers toevoegen" in html
    assert 'name="nieuw-0-email"' in html


def test_confirmed_registration_adds_attendees_that_fit(
    client, events_site, mailoutbox, on_commit
):
    session = events_site.session(capacity=4, max_per_organisation=3)
    registration, token = register(session, 1, notify=False)
    with on_commit():
        response = client.post(
            manage_url(events_site.index, token),
            add_post(
                ("Nieuw Een", "Een@Gemeente.example"), ("Nieuw Twee", "twee@x.nl")
            ),
        )
    assert response.status_code == 303
    assert "een@gemeente.example" in active_emails(registration)
    assert len(active_emails(registration)) == 3
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    # The new attendees get their own message; the contact person a summary (added
    # with issue 12: the contact heard nothing before).
    contact = registration.contact_email
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [contact, "een@gemeente.example", "twee@x.nl"]
    )
    added = [m for m in mailoutbox if m.to != [contact]]
    assert all(m.subject.startswith("U bent aangemeld") for m in added)
    assert all(m.attachments[0][0].endswith(".ics") for m in added)
    (summary,) = [m for m in mailoutbox if m.to == [contact]]
    assert summary.subject.startswith("Deelnemers toegevoegd")
    assert "Nieuw Een, Nieuw Twee" in summary.body
    page = client.get(manage_url(events_site.index, token)).content.decode()
    assert "De deelnemers zijn toegevoegd" in page
    assert "Nieuw Twee" in page


def test_confirmed_registration_is_not_split_when_seats_are_short(
    client, events_site, mailoutbox, on_commit
):
    session = events_site.session(capacity=3, max_per_organisation=3)
    registration, token = register(session, 1, notify=False)
    register(session, 1, notify=False)  # one seat left
    before = Attendee.objects.count()
    with on_commit():
        response = client.post(
            manage_url(events_site.index, token),
            add_post(("A", "a@x.nl"), ("B", "b@x.nl")),
        )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Er zijn nog 1 plaats(en) vrij; u wilt er 2 toevoegen." in html
    assert "Er is niets gewijzigd." in html
    assert 'value="a@x.nl"' in html  # the form keeps what was typed
    assert Attendee.objects.count() == before
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert Registration.objects.count() == 2
    assert mailoutbox == []


def test_waitlisted_registration_takes_the_new_attendees_on_the_waitlist(
    client, events_site, mailoutbox, on_commit
):
    session = events_site.session(capacity=2, max_per_organisation=3)
    register(session, 2, notify=False)
    waiting, token = register(session, 1, notify=False)
    assert waiting.status == Registration.Status.WAITLISTED
    with on_commit():
        response = client.post(
            manage_url(events_site.index, token), add_post(("W", "w@x.nl"))
        )
    assert response.status_code == 303
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITLISTED
    assert "w@x.nl" in active_emails(waiting)
    assert services.seat_summary(session)["waitlisted"] == 2
    (message,) = [m for m in mailoutbox if m.to == ["w@x.nl"]]
    assert "op de wachtlijst" in message.body
    (summary,) = [m for m in mailoutbox if m.to != ["w@x.nl"]]
    assert summary.to == [waiting.contact_email]
    assert "op de wachtlijst" in summary.body


def test_waitlisted_registration_is_reconsidered_for_promotion(
    events_site, mailoutbox, on_commit
):
    session = events_site.session(capacity=1, max_per_organisation=3)
    register(session, 1, notify=False)
    waiting, _ = register(session, 1, notify=False)
    # Seats freed without promotion having run (e.g. a raw data change).
    type(session).objects.filter(pk=session.pk).update(capacity=3)
    with on_commit():
        services.add_attendees(waiting.pk, people(1))
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    # One promotion mail to everybody, the new attendee included; no separate one.
    assert {m.subject.split(":")[0] for m in mailoutbox} == {"Van de wachtlijst"}
    assert len(mailoutbox) == 3


def test_per_organisation_maximum_counts_all_active_registrations(client, events_site):
    session = events_site.session(capacity=20, max_per_organisation=3)
    rotterdam = services.Organisation(other_name="RIEC Rotterdam")
    first, token = register(session, 2, organisation=rotterdam, notify=False)
    register(
        session,
        1,
        organisation=services.Organisation(other_name="  riec   rotterdam "),
        notify=False,
    )
    response = client.post(
        manage_url(events_site.index, token), add_post(("X", "x@x.nl"))
    )
    assert response.status_code == 409
    assert "U kunt nog 0 deelnemer(s) aanmelden." in response.content.decode()
    assert len(active_emails(first)) == 2
    # A cancelled attendee no longer counts.
    other = Registration.objects.exclude(pk=first.pk).get()
    services.cancel_registration(other.pk, notify=False)
    response = client.post(
        manage_url(events_site.index, token), add_post(("X", "x@x.nl"))
    )
    assert response.status_code == 303
    assert len(active_emails(first)) == 3


def test_same_email_only_once_per_session(client, events_site):
    session = events_site.session()
    mine, token = register(session, 1, notify=False)
    other, _ = register(session, 1, notify=False)
    taken = other.attendees.get().email
    response = client.post(
        manage_url(events_site.index, token), add_post(("Dubbel", taken.upper()))
    )
    assert response.status_code == 409
    assert "al aangemeld voor deze bijeenkomst" in response.content.decode()
    own = mine.attendees.get().email
    response = client.post(
        manage_url(events_site.index, token), add_post(("Dubbel", own))
    )
    assert response.status_code == 409
    twice = client.post(
        manage_url(events_site.index, token),
        add_post(("A", "same@x.nl"), ("B", "SAME@x.nl")),
    )
    assert twice.status_code == 400
    assert len(active_emails(mine)) == 1


def test_refused_when_the_window_is_closed(client, events_site):
    session = events_site.session()
    registration, token = register(session, 1, notify=False)
    session.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    session.save()
    html = client.get(manage_url(events_site.index, token)).content.decode()
    assert 'name="nieuw-0-email"' not in html  # no form while closed
    response = client.post(
        manage_url(events_site.index, token), add_post(("Laat", "laat@x.nl"))
    )
    assert response.status_code == 409
    assert "Aanmelden voor deze bijeenkomst is gesloten." in response.content.decode()
    assert len(active_emails(registration)) == 1


def test_refused_after_the_start_and_for_a_cancelled_registration(events_site):
    session = events_site.session()
    registration, _ = register(session, 1, notify=False)
    later = session.start + datetime.timedelta(minutes=1)
    with pytest.raises(services.RegistrationRefused, match="al begonnen"):
        services.add_attendees(registration.pk, people(1), now=later)
    services.cancel_registration(registration.pk, notify=False)
    with pytest.raises(services.RegistrationRefused, match="geannuleerd"):
        services.add_attendees(registration.pk, people(1))
    with pytest.raises(services.RegistrationRefused) as refused:
        services.add_attendees(registration.pk, [])
    assert refused.value.status == 400
    assert Attendee.objects.filter(cancelled_at__isnull=True).count() == 0


def test_incomplete_form_is_400_and_saves_nothing(client, events_site):
    session = events_site.session()
    registration, token = register(session, 1, notify=False)
    response = client.post(
        manage_url(events_site.index, token), add_post(("Zonder e-mail", ""))
    )
    assert response.status_code == 400
    assert "Vul het e-mailadres van de deelnemer in." in response.content.decode()
    assert len(active_emails(registration)) == 1


def test_one_more_row_without_javascript(client, events_site):
    session = events_site.session(max_per_organisation=3)
    _registration, token = register(session, 1, notify=False)
    response = client.post(
        manage_url(events_site.index, token),
        add_post(("Eerste", "eerste@x.nl"), action="rij-toevoegen"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="nieuw-1-email"' in html
    assert 'value="eerste@x.nl"' in html
    assert Attendee.objects.count() == 1
    # Then both rows are submitted as one addition.
    data = add_post(("Eerste", "eerste@x.nl"), ("Tweede", "tweede@x.nl"))
    data["nieuw-INITIAL_FORMS"] = response.context["add_formset"].initial_form_count()
    response = client.post(manage_url(events_site.index, token), data)
    assert response.status_code == 303
    assert Attendee.objects.count() == 3


def test_added_attendee_who_is_the_contact_gets_the_link(
    events_site, mailoutbox, on_commit
):
    session = events_site.session()
    registration, token = register(
        session, 1, notify=False, contact_email="coord@org.example"
    )
    with on_commit():
        services.add_attendees(
            registration.pk,
            [services.AttendeeData(name="Coördinator", email="coord@org.example")],
        )
    (message,) = mailoutbox
    assert f"/aanmelding/{token}/" in message.body
    assert emails.manage_url(registration).endswith(f"/aanmelding/{token}/")
