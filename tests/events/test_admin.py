"""Registrations in the Wagtail admin: who sees them, exports, check-in, actions."""

import csv
import io

from django.contrib.auth.models import Group, User
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from events.models import Registration

from .conftest import register


def user_in(group_name, username):
    user = User.objects.create_user(username, f"{username}@x.example", "pw")
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(client, db):
    client.force_login(user_in("Ministerie-redacteuren", "redacteur"))
    return client


@pytest.fixture
def session_with_registrations(events_site):
    session = events_site.session("Jeugdgroepen", capacity=2)
    confirmed, _ = register(session, 2, notify=False, remarks="=HYPERLINK(evil)")
    waiting, _ = register(session, 1, notify=False)
    return session, confirmed, waiting


def admin_urls(session):
    return [
        reverse("events_admin_sessions"),
        reverse("events_admin_session", args=[session.pk]),
        reverse("events_admin_export", args=[session.pk, "csv"]),
        reverse("events_admin_export", args=[session.pk, "xlsx"]),
        reverse("events_admin_check_in", args=[session.pk]),
        reverse("events_admin_message", args=[session.pk]),
    ]


def test_anonymous_users_are_sent_to_the_login(client, session_with_registrations):
    session, *_ = session_with_registrations
    for url in admin_urls(session):
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_municipal_contributors_are_refused(client, session_with_registrations):
    session, confirmed, _ = session_with_registrations
    client.force_login(user_in("Gemeentelijke bijdragers", "bijdrager"))
    for url in admin_urls(session):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert confirmed.contact_email not in response.content.decode()
    response = client.post(
        reverse("events_admin_session", args=[session.pk]),
        {"actie": "annuleren", "aanmelding": confirmed.pk, "bevestigd": "ja"},
    )
    assert response.status_code in (302, 403)
    confirmed.refresh_from_db()
    assert confirmed.status == Registration.Status.CONFIRMED
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("events_admin_sessions") not in menu


def test_editor_sees_seats_and_waitlist(editor, session_with_registrations):
    session, confirmed, waiting = session_with_registrations
    response = editor.get(reverse("events_admin_session", args=[session.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 van 2 plaatsen bevestigd" in html
    assert "1 persoon op de wachtlijst" in html  # singular: issue 12
    assert confirmed.contact_email in html
    listing = editor.get(reverse("events_admin_sessions")).content.decode()
    assert "Jeugdgroepen" in listing
    assert (
        reverse("events_admin_sessions")
        in editor.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_filters(editor, session_with_registrations):
    session, confirmed, waiting = session_with_registrations
    url = reverse("events_admin_session", args=[session.pk])
    response = editor.get(url, {"status": "wachtlijst"})
    assert list(response.context["registrations"]) == [waiting]
    response = editor.get(url, {"organisatie": "gemeente"})
    assert list(response.context["registrations"]) == []
    response = editor.get(url, {"status": "onzin", "organisatie": "<x>"})
    assert len(response.context["registrations"]) == 2


def test_csv_and_excel_export(editor, session_with_registrations):
    session, confirmed, _ = session_with_registrations
    response = editor.get(reverse("events_admin_export", args=[session.pk, "csv"]))
    assert response.status_code == 200
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0][:2] == ["Naam", "E-mail"]
    assert len(rows) == 1 + 3  # two confirmed, one waitlisted
    assert all(row[9] in ("", "'=HYPERLINK(evil)") for row in rows[1:])
    response = editor.get(reverse("events_admin_export", args=[session.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Naam"
    assert len(values) == 4
    only_confirmed = editor.get(
        reverse("events_admin_export", args=[session.pk, "csv"]),
        {"status": "bevestigd"},
    )
    assert only_confirmed.content.decode("utf-8-sig").count("\n") == 3


def test_check_in_list(editor, session_with_registrations):
    session, confirmed, waiting = session_with_registrations
    html = editor.get(
        reverse("events_admin_check_in", args=[session.pk])
    ).content.decode()
    for attendee in confirmed.attendees.all():
        assert attendee.name in html
    assert waiting.attendees.get().name not in html


def test_manual_promote_and_cancel(editor, session_with_registrations):
    session, confirmed, waiting = session_with_registrations
    url = reverse("events_admin_session", args=[session.pk])
    response = editor.post(
        url, {"actie": "promoveren", "aanmelding": waiting.pk}, follow=True
    )
    assert "plaatsen vrij" in response.content.decode()  # refused: it does not fit
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITLISTED
    editor.post(
        url, {"actie": "annuleren", "aanmelding": confirmed.pk, "bevestigd": "ja"}
    )
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert confirmed.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED  # promoted automatically


def test_manual_promote_when_seats_are_free(editor, events_site):
    session = events_site.session(capacity=1)
    register(session, 1, notify=False)
    waiting, _ = register(session, 1, notify=False)
    session.capacity = 2
    session.save()  # saved without publishing: no automatic promotion
    url = reverse("events_admin_session", args=[session.pk])
    editor.post(url, {"actie": "promoveren", "aanmelding": waiting.pk})
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_message_to_confirmed_attendees(editor, session_with_registrations, mailoutbox):
    session, confirmed, waiting = session_with_registrations
    url = reverse("events_admin_message", args=[session.pk])
    assert editor.post(url, {"subject": "", "body": ""}).status_code == 200
    assert mailoutbox == []
    response = editor.post(
        url, {"subject": "Route", "body": "Neem de tram.\r\n\r\nTot dan."}
    )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        a.email for a in confirmed.attendees.all()
    )
    assert all(m.subject == "Route" for m in mailoutbox)
