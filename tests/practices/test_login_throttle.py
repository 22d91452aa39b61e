"""Login throttling (django-axes): per account and per client address, in Dutch."""

from django.test import override_settings
from django.urls import reverse

import pytest

from tests import factories

pytestmark = pytest.mark.django_db
throttled = override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
LOGIN = "/admin/login/"


def attempt(client, username, password="fout-wachtwoord", address="192.0.2.1", **extra):  # noqa: S107
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


@throttled
def test_an_account_is_locked_after_the_limit(client):
    user = factories.make_editor("slachtoffer")
    for number in range(3):
        attempt(client, user.username, address=f"192.0.2.{number + 10}")

    response = attempt(client, user.username, factories.PASSWORD, address="192.0.2.99")

    assert response.status_code == 429
    page = response.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in page
    assert "15 minuten" in page
    # Another account from the same addresses still logs in.
    other = factories.make_editor("collega")
    assert (
        attempt(
            client, other.username, factories.PASSWORD, address="192.0.2.50"
        ).status_code
        == 302
    )


@throttled
def test_an_address_is_locked_after_the_limit(client):
    for number in range(3):
        attempt(client, f"geraden{number}", address="198.51.100.7")
    user = factories.make_editor("bestaand")

    assert (
        attempt(
            client, user.username, factories.PASSWORD, address="198.51.100.7"
        ).status_code
        == 429
    )
    assert (
        attempt(
            client, user.username, factories.PASSWORD, address="198.51.100.8"
        ).status_code
        == 302
    )


@throttled
def test_the_right_password_before_the_limit_resets_the_count(client):
    user = factories.make_editor("vergeetachtig")
    attempt(client, user.username)
    attempt(client, user.username)
    assert attempt(client, user.username, factories.PASSWORD).status_code == 302
    client.logout()

    attempt(client, user.username)
    attempt(client, user.username)
    assert attempt(client, user.username, factories.PASSWORD).status_code == 302


@override_settings(
    AXES_ENABLED=True,
    AXES_FAILURE_LIMIT=3,
    AXES_IPWARE_PROXY_COUNT=1,
    AXES_IPWARE_META_PRECEDENCE_ORDER=("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"),
)
def test_behind_the_proxy_the_forwarded_address_counts(client):
    # Every request comes from the proxy (10.0.0.1); the proxy appends the client.
    for number in range(3):
        attempt(
            client,
            f"raden{number}",
            address="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.66",
        )
    user = factories.make_editor("achter-proxy")

    assert (
        attempt(
            client,
            user.username,
            factories.PASSWORD,
            address="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.66",
        ).status_code
        == 429
    )
    # Another visitor behind the same proxy is not locked out, even if they forge
    # the locked address in front of the header.
    assert (
        attempt(
            client,
            user.username,
            factories.PASSWORD,
            address="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.66, 203.0.113.67",
        ).status_code
        == 302
    )


def test_settings_read_the_trusted_proxy_count():
    from portal.settings import base

    assert base.AXES_FAILURE_LIMIT == 10
    assert base.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]
    assert base.AXES_IPWARE_PROXY_COUNT in (None, base.TRUSTED_PROXY_COUNT)
    assert reverse("wagtailadmin_login") == LOGIN
