"""Two-factor authentication: required for editors and administrators, offered to
contributors, with recovery codes; restricted details wait for the second factor."""

from django.test import override_settings
from django.urls import reverse

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from practices.roles import can_view_restricted_details
from tests import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("practice_index"),
]
required = override_settings(TWO_FACTOR_REQUIRED_FOR_EDITORS=True)
DASHBOARD = "/admin/"


def code_for(device, drift=0):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"


def log_in(client, user):
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": user.username, "password": factories.PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()[:500]


def set_up_second_factor(client):
    """Walk the set-up page; returns the device and the recovery codes shown."""
    response = client.get(reverse("two_factor_setup"))
    assert response.status_code == 200
    assert "<svg" in response.content.decode()
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(reverse("two_factor_setup"), {"code": code_for(device)})
    assert response.status_code == 200
    codes = response.context["codes"]
    device.refresh_from_db()
    assert device.confirmed
    return device, codes


@required
def test_an_editor_must_set_up_a_second_factor(client, editor):
    log_in(client, editor)

    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_setup"))
    assert not can_view_restricted_details(editor)

    wrong = client.post(reverse("two_factor_setup"), {"code": "000000"})
    assert "klopt niet" in wrong.content.decode()
    # django-otp throttles after a wrong code: the next try must wait a second.
    TOTPDevice.objects.get().throttle_reset()

    _device, codes = set_up_second_factor(client)

    assert len(codes) == 10
    assert client.get(DASHBOARD).status_code == 200


@required
def test_after_the_password_an_editor_gives_a_code(client, editor):
    log_in(client, editor)
    device, codes = set_up_second_factor(client)
    client.logout()

    log_in(client, editor)
    response = client.get(DASHBOARD)
    assert response.url.startswith(reverse("two_factor_verify"))
    assert (
        client.get(reverse("wagtailadmin_pages:add_subpage", args=[2])).status_code
        == 302
    )
    bad = client.post(
        reverse("two_factor_verify"), {"code": "123456", "next": DASHBOARD}
    )
    assert "klopt niet" in bad.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    device.throttle_reset()

    # The set-up used this period's code and a code never works twice (replay):
    # the next period's code is within the allowed drift.
    response = client.post(
        reverse("two_factor_verify"),
        {"code": code_for(device, drift=1), "next": DASHBOARD},
    )

    assert response.url == DASHBOARD
    assert client.get(DASHBOARD).status_code == 200


@required
def test_a_recovery_code_works_once(client, editor):
    log_in(client, editor)
    _device, codes = set_up_second_factor(client)
    client.logout()

    log_in(client, editor)
    assert (
        client.post(reverse("two_factor_verify"), {"code": codes[0]}).status_code == 302
    )
    assert client.get(DASHBOARD).status_code == 200
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    client.logout()

    log_in(client, editor)
    reused = client.post(reverse("two_factor_verify"), {"code": codes[0]})
    assert reused.status_code == 200
    assert client.get(DASHBOARD).status_code == 302


@required
def test_a_superuser_must_too(client):
    admin = factories.make_user("beheer", is_superuser=True, is_staff=True)
    log_in(client, admin)

    assert client.get(DASHBOARD).url.startswith(reverse("two_factor_setup"))


@required
def test_contributors_are_offered_not_forced(client, contributor):
    log_in(client, contributor)

    assert client.get(DASHBOARD).status_code == 200
    assert can_view_restricted_details(contributor)
    set_up_second_factor(client)
    client.logout()

    # Once set up, the contributor's code is asked as well.
    log_in(client, contributor)
    assert client.get(DASHBOARD).url.startswith(reverse("two_factor_verify"))


@required
def test_restricted_details_wait_for_the_second_factor(client, editor):
    practice = factories.make_practice(
        "Met details", restricted_details="<p>Pand Kerkstraat 12</p>"
    )
    log_in(client, editor)

    assert "Kerkstraat 12" not in client.get(practice.url).content.decode()

    set_up_second_factor(client)
    assert "Kerkstraat 12" in client.get(practice.url).content.decode()


@required
def test_new_recovery_codes_replace_the_old(client, editor):
    log_in(client, editor)
    _device, old_codes = set_up_second_factor(client)

    response = client.post(reverse("two_factor_recovery_codes"))

    new_codes = response.context["codes"]
    assert set(new_codes).isdisjoint(old_codes)
    assert not StaticToken.objects.filter(token__in=old_codes).exists()


def test_the_setting_is_on_outside_tests():
    from portal.settings import base

    assert base.TWO_FACTOR_REQUIRED_FOR_EDITORS is True
