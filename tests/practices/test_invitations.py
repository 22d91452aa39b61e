"""Inviting a contributor: the e-mail, the single-use expiring link, password reset for
accounts without a password, and what an expired or used link says."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

import pytest

from practices.models import Contributor
from tests import factories

LINK = re.compile(r"http://testserver(/admin/uitnodiging/[^/\s]+/[^/\s]+/)")
NEW_PASSWORD = "Een-lang-nieuw-wachtwoord-42"


def invite(client, editor, email="nieuw@utrecht.example"):
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_practices_contributor:add"),
        {
            "full_name": "Nina Nieuw",
            "email": email,
            "municipality": factories.municipality("GM0344").pk,
        },
    )
    assert response.status_code == 302
    client.logout()
    return get_user_model().objects.get(email=email)


def link_in(message):
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def set_password(client, link, password=NEW_PASSWORD):
    """Follow the link (Django swaps the token for a session) and post the password."""
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    return client.post(form_url, {"new_password1": password, "new_password2": password})


@pytest.mark.django_db
def test_editor_invites_and_the_contributor_sets_a_password(
    client, editor, practice_index
):
    user = invite(client, editor)

    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nieuw@utrecht.example"]
    assert message.subject.startswith("Uitnodiging")
    assert "Beste Nina Nieuw" in message.body
    assert "gemeente Utrecht" in message.body
    assert "één keer" in message.body
    assert "/admin/password_reset/" in message.body  # a new link when it expired

    response = set_password(client, link_in(message))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_login")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.post(
        reverse("wagtailadmin_login"),
        {"username": user.username, "password": NEW_PASSWORD},
    ).url == reverse("wagtailadmin_home")


@pytest.mark.django_db
def test_the_link_works_once(client, editor, practice_index):
    user = invite(client, editor)
    link = link_in(mail.outbox[0])
    set_password(client, link)
    client.logout()

    response = client.get(link, follow=True)

    page = response.content.decode()
    assert "Deze link werkt niet meer" in page
    assert reverse("wagtailadmin_password_reset") in page  # offers a new one
    assert set_password(client, link, "Iets-anders-nog-langer-99").status_code == 200
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_an_expired_link_explains_itself(client, editor, practice_index):
    user = invite(client, editor)
    link = link_in(mail.outbox[0])

    with override_settings(PASSWORD_RESET_TIMEOUT=-1):
        response = client.get(link, follow=True)

    assert "verlopen of al gebruikt" in response.content.decode()
    user.refresh_from_db()
    assert not user.has_usable_password()


@pytest.mark.django_db
def test_password_reset_reaches_an_account_without_password(
    client, editor, practice_index
):
    user = invite(client, editor)
    mail.outbox.clear()

    client.post(
        reverse("wagtailadmin_password_reset"), {"email": "Nieuw@Utrecht.example"}
    )

    assert [message.to for message in mail.outbox] == [[user.email]]
    confirm = re.search(
        r"http://testserver(/admin/password_reset/confirm/\S+/)", mail.outbox[0].body
    )
    assert confirm, mail.outbox[0].body
    response = set_password(client, confirm.group(1))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_password_reset_ignores_inactive_and_unknown_accounts(client, practice_index):
    factories.make_user("weg", email="weg@example.org", is_active=False)

    for email in ("weg@example.org", "niemand@example.org"):
        response = client.post(reverse("wagtailadmin_password_reset"), {"email": email})
        assert response.status_code == 302  # the same answer: no account enumeration

    assert mail.outbox == []


@pytest.mark.django_db
def test_the_command_invites_and_a_second_run_sends_nothing(practice_index, capsys):
    arguments = {
        "email": "wim@tilburg.example",
        "name": "Wim W",
        "municipality": "GM0855",
    }
    call_command("onboard_contributor", **arguments)
    assert len(mail.outbox) == 1
    assert LINK.search(mail.outbox[0].body)
    user = Contributor.objects.get(user__email="wim@tilburg.example").user
    user.set_password(NEW_PASSWORD)
    user.save()

    call_command("onboard_contributor", **arguments)

    assert len(mail.outbox) == 1  # has a password: no new invitation
    assert "Inloggen:" in capsys.readouterr().out


@pytest.mark.django_db
def test_no_invitation_leaves_when_onboarding_fails(client, editor, practice_index):
    from practices.invitations import invite_contributor

    with pytest.raises(LookupError):
        # No folder can be made without the practice index.
        practice_index.delete()
        invite_contributor(
            email="x@example.org",
            name="X",
            municipality=factories.municipality("GM0344"),
        )

    assert mail.outbox == []
    assert not get_user_model().objects.filter(email="x@example.org").exists()
