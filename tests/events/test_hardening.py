"""Hostile or careless input at the registration form and the manage link (issue 8):
Dutch 4xx answers, nothing half-written, a rate limit per real client address, and an
export that survives whatever is stored."""

import io

from django.db import connection
from django.test import override_settings
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from events.models import Attendee, Registration

from .conftest import register
from .test_registration import form_data, nothing_written


def other_org(**overrides):
    values = {
        "organisation_type": "overig",
        "municipality": "",
        "other_organisation": "Politie Rotterdam",
        **overrides,
    }
    attendees = values.pop("attendees", (("Anna de Vries", "anna@rotterdam.nl"),))
    return form_data(attendees=attendees, **values)


# --- numbers are ASCII digits ----------------------------------------------------------


@pytest.mark.parametrize("number", ["²", "①", "١", "１", "-1", "9" * 30])
def test_a_municipality_that_is_not_ascii_digits_is_refused(
    client, events_site, number
):
    session = events_site.session()
    response = client.post(session.url, form_data(municipality=number))
    assert response.status_code == 400
    assert "Kies een gemeente uit de lijst." in response.content.decode()
    assert nothing_written()


@pytest.mark.parametrize("number", ["²", "①", "x", ""])
def test_total_forms_that_is_not_ascii_digits_adds_one_row(client, events_site, number):
    session = events_site.session()
    data = other_org(
        **{"actie": "deelnemer-toevoegen", "deelnemers-TOTAL_FORMS": number}
    )
    response = client.post(session.url, data)
    assert response.status_code == 200
    assert nothing_written()


# --- e-mail addresses of at most 254 characters -------------------------------------


def address_of(length):
    """A valid address of exactly `length` characters (labels of at most 63)."""
    local = "a" * 64
    rest = length - len(local) - 1 - len(".nl")
    labels = []
    while rest > 0:
        size = min(63, rest)
        if 0 < rest - size < 2:  # leave room for a dot and one letter
            size -= 2
        labels.append("b" * size)
        rest -= size + 1
    return f"{local}@{'.'.join(labels)}.nl"


@pytest.mark.parametrize("field", ["contact", "attendee"])
def test_an_address_over_254_characters_is_refused(client, events_site, field):
    session = events_site.session()
    address = address_of(255)
    assert len(address) == 255
    if field == "contact":
        data = other_org(contact_email=address)
    else:
        data = other_org(attendees=[("Anna", address)])
    response = client.post(session.url, data)
    assert response.status_code == 400
    assert "ten hoogste 254 tekens" in response.content.decode()
    assert nothing_written()


def test_an_address_of_254_characters_is_stored(client, events_site):
    session = events_site.session()
    address = address_of(254)
    assert len(address) == 254
    response = client.post(session.url, other_org(attendees=[("Anna", address)]))
    assert response.status_code == 303
    assert Attendee.objects.get().email == address.lower()


def test_form_and_columns_agree_on_the_length():
    from events.forms import AttendeeForm, RegistrationForm

    assert Registration._meta.get_field("contact_email").max_length == 254
    assert Attendee._meta.get_field("email").max_length == 254
    assert RegistrationForm().fields["contact_email"].max_length == 254
    assert AttendeeForm().fields["email"].max_length == 254


# --- control characters ---------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides",
    [
        {"contact_name": "Carla\x07"},
        {"contact_name": "Carla\u202eallinO"},
        {"contact_phone": "010\x1b[31m"},
        {"other_organisation": "Politie\tRotterdam"},
        {"deelnemers-0-name": "Anna\x0bde Vries"},
        {"deelnemers-0-role": "Wijk\x1fmanager"},
    ],
)
def test_control_characters_are_refused_in_dutch(client, events_site, overrides):
    session = events_site.session()
    response = client.post(session.url, other_org(**overrides))
    assert response.status_code == 400
    assert "onzichtbare stuurtekens" in response.content.decode()
    assert nothing_written()


def test_remarks_may_have_line_breaks(client, events_site):
    session = events_site.session()
    response = client.post(
        session.url, other_org(remarks="Rolstoel.\r\nVegetarisch.\tDank!")
    )
    assert response.status_code == 303
    assert Registration.objects.get().remarks.startswith("Rolstoel.")


def test_the_export_survives_control_characters_already_stored(client, events_site):
    from tests import factories

    session = events_site.session()
    registration, _ = register(session, 1, notify=False)
    # PostgreSQL cannot store NUL at all; SQLite can, so there it is in the data too.
    nul = "\x00" if connection.vendor == "sqlite" else ""
    Attendee.objects.filter(registration=registration).update(
        name=f"Anna\x07{nul} de Vries\ufffe", role="=SUM(A1)"
    )
    Registration.objects.filter(pk=registration.pk).update(remarks="regel\x0b2")
    client.force_login(factories.make_editor())
    for file_format in ("xlsx", "csv"):
        response = client.get(
            reverse(
                "events_admin_export",
                kwargs={"session_id": session.pk, "file_format": file_format},
            )
        )
        assert response.status_code == 200, file_format
    sheet = load_workbook(io.BytesIO(response_xlsx(client, session))).active
    values = [cell.value for cell in sheet[2]]
    assert "Anna de Vries" in values
    assert "'=SUM(A1)" in values


def response_xlsx(client, session):
    return client.get(
        reverse(
            "events_admin_export",
            kwargs={"session_id": session.pk, "file_format": "xlsx"},
        )
    ).content


# --- the rate limit -----------------------------------------------------------------


def post_from(client, session, n, **meta):
    data = other_org(
        attendees=[(f"P{n}", f"p{n}@x.nl")], other_organisation=f"Organisatie {n}"
    )
    return client.post(session.url, data, **meta)


@override_settings(REGISTRATION_RATE_LIMIT_PER_HOUR=2, TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_limit_is_per_client_not_per_proxy(client, events_site):
    session = events_site.session(capacity=50, max_per_organisation=3)
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    abuser = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    assert post_from(client, session, 1, **abuser).status_code == 303
    assert post_from(client, session, 2, **abuser).status_code == 303
    refused = post_from(client, session, 3, **abuser)
    assert refused.status_code == 429
    assert "te veel aanmeldingen" in refused.content.decode()
    # Another visitor behind the same proxy is not affected.
    other = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.4"}
    assert post_from(client, session, 4, **other).status_code == 303
    # A forged entry further left does not help: the proxy appended the real address.
    forged = {**proxy, "HTTP_X_FORWARDED_FOR": "192.0.2.99, 203.0.113.7"}
    assert post_from(client, session, 5, **forged).status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_trusted_proxies_forwarded_for_is_ignored(rf):
    from events.views import client_address

    request = rf.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "10.0.0.1"


@pytest.mark.parametrize(
    "header, expected",
    [
        ("192.0.2.1, 203.0.113.7", "192.0.2.1"),
        ("198.51.100.1, 192.0.2.1, 203.0.113.7", "192.0.2.1"),
        ("203.0.113.7", "10.0.0.1"),  # one entry cannot come from two proxies
        ("", "10.0.0.1"),
        ("nonsense, 203.0.113.7", "10.0.0.1"),
        ("2001:db8::1, 203.0.113.7", "2001:db8::1"),
    ],
)
@override_settings(TRUSTED_PROXY_COUNT=2)
def test_two_trusted_proxies(rf, header, expected):
    from events.views import client_address

    request = rf.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=header)
    assert client_address(request) == expected


@override_settings(REGISTRATION_RATE_LIMIT_PER_HOUR=20, TRUSTED_PROXY_COUNT=1)
def test_200_posts_from_one_address_do_not_stop_another_on_redis(
    client, events_site, redis_cache
):
    """The limit counts in the shared cache: a real redis-server here."""
    from django.test import RequestFactory

    from events.views import rate_limit_exceeded

    session = events_site.session(capacity=50, max_per_organisation=3)
    abuser = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    factory = RequestFactory()
    outcomes = [rate_limit_exceeded(factory.post("/", **abuser)) for _ in range(200)]
    assert outcomes.count(False) == 20 and outcomes.count(True) == 180
    # The counts are in Redis, where every app server sees them.
    assert any(b"events:register:203.0.113.7" in key for key in redis_keys(redis_cache))
    # The abuser's form is closed; another visitor's registration goes through.
    assert post_from(client, session, 1, **abuser).status_code == 429
    other = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.4"}
    assert post_from(client, session, 2, **other).status_code == 303


def redis_keys(cache):
    return cache._cache.get_client(None, write=False).keys("*")
