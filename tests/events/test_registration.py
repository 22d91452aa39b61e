"""Registering through the public form: the rules and every refusal (Dutch, 4xx,
nothing half-written)."""

import datetime

from django.test import override_settings
from django.utils import timezone

import pytest

from events import services
from events.models import Attendee, Registration

from .conftest import municipality, network, people, register


def form_data(attendees=(("Anna de Vries", "anna@rotterdam.nl"),), **overrides):
    data = {
        "organisation_type": "gemeente",
        "municipality": str(municipality("GM0599").pk),
        "city_network": "",
        "other_organisation": "",
        "contact_name": "Carla Coördinator",
        "contact_email": "carla@rotterdam.nl",
        "contact_phone": "",
        "remarks": "",
        "consent": "on",
        "website": "",
        "actie": "aanmelden",
        "deelnemers-TOTAL_FORMS": str(len(attendees)),
        "deelnemers-INITIAL_FORMS": "0",
        "deelnemers-MIN_NUM_FORMS": "1",
        "deelnemers-MAX_NUM_FORMS": "3",
    }
    for i, (name, email) in enumerate(attendees):
        data[f"deelnemers-{i}-name"] = name
        data[f"deelnemers-{i}-email"] = email
        data[f"deelnemers-{i}-role"] = "Wijkmanager"
        data[f"deelnemers-{i}-municipality"] = ""
    data.update(overrides)
    return data


def nothing_written():
    return not Registration.objects.exists() and not Attendee.objects.exists()


def test_delegation_that_fits_is_confirmed(
    client, events_site, mailoutbox, django_capture_on_commit_callbacks
):
    session = events_site.session(capacity=5)
    data = form_data(
        attendees=[
            ("Anna de Vries", "Anna@Rotterdam.nl"),
            ("Bram Jansen", "bram@rotterdam.nl"),
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(session.url, data)
    assert response.status_code == 303
    assert response["Location"].endswith("/aanmelden/bevestigd/")
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.municipality.cbs_code == "GM0599"
    assert sorted(a.email for a in registration.attendees.all()) == [
        "anna@rotterdam.nl",
        "bram@rotterdam.nl",
    ]
    assert len(registration.token_hash) == 64
    page = client.get(response["Location"])
    assert "Uw aanmelding is bevestigd" in page.content.decode()
    assert len(mailoutbox) == 3  # the contact person and both attendees


def test_delegation_that_does_not_fit_goes_to_the_waitlist_whole(client, events_site):
    session = events_site.session(capacity=3)
    register(session, 2)
    data = form_data(attendees=[("A", "a@x.nl"), ("B", "b@x.nl")])
    response = client.post(session.url, data)
    assert response.status_code == 303
    registration = Registration.objects.get(contact_email="carla@rotterdam.nl")
    assert registration.status == Registration.Status.WAITLISTED
    assert services.seat_summary(session) == {
        "capacity": 3,
        "confirmed": 2,
        "free": 1,
        "waitlisted": 2,
    }
    assert (
        "U staat op de wachtlijst" in client.get(response["Location"]).content.decode()
    )


@pytest.mark.parametrize(
    ("window", "message"),
    [
        ({"registration_opens_at_days": 2}, "nog niet geopend"),
        ({"registration_closes_at_days": -1}, "is gesloten"),
    ],
)
def test_registration_outside_the_window_is_refused(
    client, events_site, window, message
):
    now = timezone.now()
    fields = {}
    if "registration_opens_at_days" in window:
        fields["registration_opens_at"] = now + datetime.timedelta(days=2)
    if "registration_closes_at_days" in window:
        fields["registration_opens_at"] = now - datetime.timedelta(days=5)
        fields["registration_closes_at"] = now - datetime.timedelta(days=1)
    session = events_site.session(**fields)
    response = client.post(session.url, form_data())
    assert response.status_code == 409
    assert message in response.content.decode()
    assert nothing_written()


def test_registration_for_a_started_or_cancelled_session_is_refused(events_site):
    started = events_site.session(start=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(services.RegistrationRefused) as refused:
        register(started, 1)
    assert refused.value.status == 409
    cancelled = events_site.session(is_cancelled=True, cancellation_reason="Ziekte")
    with pytest.raises(services.RegistrationRefused, match="geannuleerd"):
        register(cancelled, 1)
    assert nothing_written()


def test_per_organisation_maximum_counts_all_active_registrations(client, events_site):
    session = events_site.session(capacity=20, max_per_organisation=3)
    rotterdam = services.Organisation(municipality=municipality("GM0599"))
    register(session, 2, organisation=rotterdam)
    response = client.post(
        session.url, form_data(attendees=[("A", "a@x.nl"), ("B", "b@x.nl")])
    )
    assert response.status_code == 409
    assert "U kunt nog 1 deelnemer(s) aanmelden" in response.content.decode()
    assert Registration.objects.count() == 1
    # One more fits; a cancelled registration no longer counts.
    assert client.post(session.url, form_data()).status_code == 303


def test_per_organisation_maximum_also_counts_the_waitlist(events_site):
    session = events_site.session(capacity=1, max_per_organisation=2)
    g4 = services.Organisation(city_network=network())
    register(session, 1)  # someone else fills the session
    register(session, 2, organisation=g4)  # waitlisted
    with pytest.raises(services.RegistrationRefused, match="ten hoogste 2"):
        register(session, 1, organisation=g4)


def test_other_organisations_are_matched_by_name(events_site):
    session = events_site.session(capacity=20, max_per_organisation=1)
    register(
        session, 1, organisation=services.Organisation(other_name="RIEC Rotterdam")
    )
    with pytest.raises(services.RegistrationRefused):
        register(
            session,
            1,
            organisation=services.Organisation(other_name="  riec   rotterdam "),
        )


def test_same_email_only_once_per_session(client, events_site):
    session = events_site.session()
    register(
        session,
        [services.AttendeeData(name="Anna", email="anna@rotterdam.nl")],
    )
    response = client.post(
        session.url,
        form_data(
            attendees=[("Anna", "ANNA@rotterdam.nl")],
            organisation_type="overig",
            municipality="",
            other_organisation="Politie",
        ),
    )
    assert response.status_code == 409
    assert (
        "al aangemeld voor deze bijeenkomst: anna@rotterdam.nl"
        in response.content.decode()
    )
    assert Registration.objects.count() == 1


def test_same_email_twice_in_one_form_is_a_bad_request(client, events_site):
    session = events_site.session()
    response = client.post(
        session.url, form_data(attendees=[("A", "a@x.nl"), ("B", "A@x.nl")])
    )
    assert response.status_code == 400
    assert "maar één keer voorkomen" in response.content.decode()
    assert nothing_written()


def test_cancelled_attendee_email_can_register_again(events_site):
    session = events_site.session()
    registration, _ = register(
        session, [services.AttendeeData(name="Anna", email="anna@x.nl")]
    )
    services.cancel_registration(registration.pk)
    again, _ = register(
        session, [services.AttendeeData(name="Anna", email="anna@x.nl")]
    )
    assert again.status == Registration.Status.CONFIRMED


def test_honeypot_refuses_without_writing(client, events_site, mailoutbox):
    session = events_site.session()
    response = client.post(session.url, form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert nothing_written()
    assert mailoutbox == []


@override_settings(REGISTRATION_RATE_LIMIT_PER_HOUR=2)
def test_rate_limit_per_address(client, events_site):
    session = events_site.session(capacity=50, max_per_organisation=3)
    for n in range(2):
        data = form_data(
            attendees=[(f"P{n}", f"p{n}@x.nl")],
            organisation_type="overig",
            municipality="",
            other_organisation=f"Org {n}",
        )
        assert client.post(session.url, data).status_code == 303
    response = client.post(
        session.url,
        form_data(organisation_type="overig", municipality="", other_organisation="X"),
    )
    assert response.status_code == 429
    assert "te veel aanmeldingen" in response.content.decode()
    assert Registration.objects.count() == 2
    # Another address is not affected.
    other = client.post(
        session.url,
        form_data(organisation_type="overig", municipality="", other_organisation="Y"),
        REMOTE_ADDR="10.0.0.9",
    )
    assert other.status_code == 303


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"consent": ""}, "Zonder toestemming"),
        ({"contact_email": "geen-adres"}, "geldig e-mailadres"),
        ({"organisation_type": ""}, "Kies het soort organisatie"),
        ({"organisation_type": "planeet"}, "Kies het soort organisatie"),
        ({"municipality": ""}, "Kies de gemeente"),
        # The Dutch message of the hardened choice field (issue 8).
        ({"municipality": "999999"}, "Kies een gemeente uit de lijst."),
        ({"municipality": "abc"}, "Kies een gemeente uit de lijst."),
        ({"organisation_type": "netwerk", "municipality": ""}, "Kies het netwerk"),
        (
            {"organisation_type": "overig", "municipality": ""},
            "naam van de organisatie",
        ),
        ({"deelnemers-0-email": ""}, "e-mailadres van de deelnemer"),
        ({"deelnemers-TOTAL_FORMS": "x"}, ""),
        ({"deelnemers-TOTAL_FORMS": "9", "deelnemers-MAX_NUM_FORMS": "9"}, ""),
    ],
)
def test_bad_input_is_a_400_with_a_dutch_message(
    client, events_site, overrides, message
):
    session = events_site.session()
    response = client.post(session.url, form_data(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert "De aanmelding is nog niet compleet" in html
    assert message in html
    assert nothing_written()


def test_add_attendee_button_works_without_javascript(client, events_site):
    session = events_site.session(max_per_organisation=3)
    data = form_data(actie="deelnemer-toevoegen")
    response = client.post(session.url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="deelnemers-1-name"' in html
    assert 'value="Anna de Vries"' in html
    assert 'value="carla@rotterdam.nl"' in html
    assert "is verplicht" not in html
    assert nothing_written()


def test_add_attendee_stops_at_the_organisation_maximum(client, events_site):
    session = events_site.session(max_per_organisation=2)
    data = form_data(
        attendees=[("A", "a@x.nl"), ("B", "b@x.nl")], actie="deelnemer-toevoegen"
    )
    html = client.post(session.url, data).content.decode()
    assert 'name="deelnemers-2-name"' not in html
    assert "Nog een deelnemer toevoegen" not in html


def test_thank_you_page_without_a_registration_redirects(client, events_site):
    session = events_site.session()
    response = client.get(session.url + "aanmelden/bevestigd/")
    assert response.status_code == 302


def test_attendee_keeps_a_municipality(events_site):
    session = events_site.session()
    attendees = people(1)
    attendee = services.AttendeeData(
        name=attendees[0].name, email=attendees[0].email, municipality=municipality()
    )
    registration, _ = register(session, [attendee])
    assert registration.attendees.get().municipality.cbs_code == "GM0363"
