"""Every absolute link comes from PORTAL_BASE_URL (home/links.py).

The unit tests pin each place that writes an absolute URL to another address than the
test client's; the live-server test runs the portal on its own port, sends every kind
of mail and follows every link in them.
"""

import html
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from wagtail.models import Site

import pytest
import requests
from icalendar import Calendar

from events import services
from events.calendar import session_calendar, uid_for
from events.emails import manage_url
from events.views import event_json_ld
from home.links import absolute_url, page_url, sync_default_site
from portal.settings.env import base_url
from tests import factories
from tests.events.conftest import EventsBuilder, people, register

ROOT = Path(__file__).resolve().parent.parent
OTHER = "http://127.0.0.1:8031"
URL = re.compile(r"https?://[^\s\"'<>]+")
HREF = re.compile(r"""href=["']([^"']+)["']""")


@pytest.fixture
def other_address(db):
    """The portal configured for http://127.0.0.1:8031, its default Site synced."""
    with override_settings(
        PORTAL_BASE_URL=OTHER, WAGTAILADMIN_BASE_URL=OTHER, WAGTAILAPI_BASE_URL=OTHER
    ):
        yield


# --- the setting and the helpers ---------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://portal.example", "https://portal.example"),
        ("https://Portal.Example/", "https://portal.example"),
        ("https://portal.example:443", "https://portal.example"),
        ("http://127.0.0.1:8031", "http://127.0.0.1:8031"),
        ("http://localhost:80/", "http://localhost"),
    ],
)
def test_base_url_is_normalised(value, expected):
    assert base_url("PORTAL_BASE_URL", value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "portal.example",
        "ftp://portal.example",
        "https://portal.example/portaal/",
        "https://portal.example/?x=1",
        "https://user:pw@portal.example",
        "https://portal.example:8443",
        "http://portal.example:443",
        "http://portal.example:notaport",
    ],
)
def test_base_url_refuses_what_a_site_cannot_express(value):
    with pytest.raises(ImproperlyConfigured, match="PORTAL_BASE_URL"):
        base_url("PORTAL_BASE_URL", value)


def test_absolute_url_joins_paths_and_refuses_anything_else(settings):
    settings.PORTAL_BASE_URL = "https://portal.example"
    assert (
        absolute_url("/praktijken/?thema=x")
        == "https://portal.example/praktijken/?thema=x"
    )
    for wrong in ("praktijken/", "//evil.example/", "https://evil.example/"):
        with pytest.raises(ValueError):
            absolute_url(wrong)


def test_wagtail_follows_the_setting():
    assert settings.WAGTAILADMIN_BASE_URL == settings.PORTAL_BASE_URL
    assert settings.WAGTAILAPI_BASE_URL == settings.PORTAL_BASE_URL


def test_the_default_site_follows_the_setting(home_page, settings):
    settings.PORTAL_BASE_URL = "https://portal.example"
    assert sync_default_site() is True
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("portal.example", 443)
    assert home_page.get_full_url() == "https://portal.example/"
    assert sync_default_site() is False  # nothing to change the second time

    settings.PORTAL_BASE_URL = OTHER
    call_command("migrate", verbosity=0)  # every deploy: post_migrate syncs
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("127.0.0.1", 8031)


def test_prepare_demo_site_refuses_another_address_than_the_setting(db, settings):
    settings.PORTAL_BASE_URL = OTHER
    with pytest.raises(CommandError, match="PORTAL_BASE_URL"):
        call_command("prepare_demo_site", url="http://127.0.0.1:8000")


def run_production(**env):
    base = {
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "portal.example",
        "DATABASE_URL": "postgres://u:p@localhost/db",
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "PATH": "/usr/bin:/bin",
    }
    return subprocess.run(  # noqa: S603 (fixed interpreter and arguments)
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "PORTAL_BASE_URL is required"),
        ({"PORTAL_BASE_URL": "http://portal.example"}, "must start with https://"),
        ({"PORTAL_BASE_URL": "https://elders.example"}, "not in ALLOWED_HOSTS"),
    ],
)
def test_production_needs_a_matching_https_address(env, message):
    result = run_production(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_accepts_its_address():
    result = run_production(PORTAL_BASE_URL="https://portal.example")
    assert result.returncode == 0, result.stderr


def make_run(*args, **env):
    return subprocess.run(  # noqa: S603
        ["make", "-n", "--no-print-directory", "run", *args],  # noqa: S607
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout


def test_make_run_links_to_the_address_it_serves():
    commands = make_run("HOST=127.0.0.2", "PORT=8031")
    prepare = next(
        line for line in commands.splitlines() if "prepare_demo_site" in line
    )
    assert "--url http://127.0.0.2:8031" in prepare
    # The demo, the worker (mail) and the server all see the same public address.
    assert (
        "PORTAL_BASE_URL=http://127.0.0.2:8031 "
        in commands.split("prepare_demo_site")[0]
    )
    serving = commands.split("export PORTAL_BASE_URL=http://127.0.0.2:8031;", 1)[1]
    assert "db_worker" in serving
    assert "runserver 127.0.0.2:8031" in serving
    # Behind a proxy the public address is another one than the listening one.
    commands = make_run("PORT=8031", PORTAL_BASE_URL="https://portal.example")
    assert "export PORTAL_BASE_URL=https://portal.example;" in commands
    assert "runserver 127.0.0.1:8031" in commands


# --- each writer of absolute URLs ----------------------------------------------------


@pytest.fixture
def events_elsewhere(other_address):
    site = EventsBuilder()
    sync_default_site()
    return site


def test_mail_links_use_the_setting(
    events_elsewhere, mailoutbox, django_capture_on_commit_callbacks
):
    session = events_elsewhere.session()
    with django_capture_on_commit_callbacks(execute=True):
        registration, token = register(session, 1)
    assert manage_url(registration).startswith(f"{OTHER}/leerbijeenkomsten/aanmelding/")
    for message in mailoutbox:
        links = URL.findall(message.body) + HREF.findall(message.alternatives[0][0])
        assert links
        assert all(link.startswith(OTHER + "/") for link in links), links


def test_json_ld_and_ical_use_the_setting(events_elsewhere):
    session = events_elsewhere.session()
    assert f'"url": "{OTHER}/leerbijeenkomsten/{session.slug}/"' in event_json_ld(
        session
    ).replace("\\u0026", "&")
    event = Calendar.from_ical(session_calendar(session).to_ical()).walk("VEVENT")[0]
    assert str(event["url"]) == f"{OTHER}/leerbijeenkomsten/{session.slug}/"
    assert uid_for(session) == f"leerbijeenkomst-{session.pk}@127.0.0.1"


def test_feed_links_and_rel_self_keep_the_filters(
    other_address, practice_index, client
):
    factories.make_practice("Aanpak witwassen", themes=["witwassen"])
    sync_default_site()
    response = client.get("/praktijken/feed/?thema=witwassen&sortering=nieuw")
    assert response.status_code == 200
    feed = response.content.decode()
    self_link = re.search(r'<link href="([^"]+)" rel="self"', feed).group(1)
    self_link = html.unescape(self_link)
    assert self_link.startswith(f"{OTHER}/praktijken/feed/?")
    assert parse_qs(urlsplit(self_link).query) == {
        "thema": ["witwassen"],
        "sortering": ["nieuw"],
    }
    links = re.findall(r'<link href="([^"]+)"', feed)
    assert len(links) >= 3  # alternate of the feed, self, one entry
    assert all(link.startswith(OTHER + "/") for link in links), links


def test_sitemap_and_api_use_the_setting(other_address, practice_index, client):
    practice = factories.make_practice("Aanpak in de API")
    sync_default_site()  # the builders reset the Site to the test client's host
    sitemap = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert f"{OTHER}/praktijken/" in locations
    assert all(loc.startswith(OTHER + "/") for loc in locations), locations

    data = client.get("/api/v2/praktijken/").json()
    item = next(i for i in data["items"] if i["id"] == practice.pk)
    assert item["meta"]["detail_url"].startswith(f"{OTHER}/api/v2/praktijken/")
    assert item["meta"]["html_url"] == page_url(practice)
    assert item["meta"]["html_url"].startswith(f"{OTHER}/praktijken/")


def test_search_api_uses_the_setting(other_address, practice_index, client):
    factories.make_practice("Vastgoedaanpak Rotterdam")
    sync_default_site()
    call_command("rebuild_search_index", verbosity=0)
    data = client.get("/api/zoeken/", {"q": "vastgoedaanpak"}).json()
    assert data["results"], data
    assert all(hit["url"].startswith(OTHER + "/") for hit in data["results"])


def test_workflow_notification_links_use_the_setting(other_address, practice_index):
    sync_default_site()
    contributor = factories.make_contributor("GM0599", index=practice_index)
    editor = factories.make_editor()
    mail.outbox.clear()
    submit(contributor)
    to_editor = [m for m in mail.outbox if editor.email in m.to]
    assert to_editor
    for message in to_editor:
        links = URL.findall(message.body)
        if message.alternatives:
            links += HREF.findall(message.alternatives[0][0])
        assert links
        assert all(link.startswith(OTHER + "/") for link in links), links


def submit(contributor, index=None):
    practice = factories.make_practice(
        "Ingediende aanpak", municipality="GM0599", live=False, index=index
    )
    practice.owner = contributor
    practice.save()
    practice.save_revision(user=contributor)
    practice.get_workflow().start(practice, contributor)
    return practice


# --- a live server on its own port: follow every link in every mail ---------------


def links_of(message):
    """Every http(s) link in the text part, the HTML part's hrefs and the .ics."""
    found = URL.findall(message.body)
    for content, _mimetype in getattr(message, "alternatives", []):
        found += [html.unescape(h) for h in HREF.findall(content)]
    for attachment in message.attachments:
        _name, content, mimetype = attachment
        if mimetype.startswith("text/calendar"):
            event_urls = [
                str(e["url"])
                for e in Calendar.from_ical(content).walk("VEVENT")
                if "url" in e
            ]
            found += event_urls
    # Sentence punctuation after a URL in plain text is not part of it.
    return {link.rstrip(".,;)") for link in found}


def logged_in_session(user):
    """A requests session carrying `user`'s Django session cookie."""
    client = Client()
    client.force_login(user)
    http = requests.Session()
    name = settings.SESSION_COOKIE_NAME
    http.cookies.set(name, client.cookies[name].value)
    return http


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_link_in_every_mail_opens_on_the_live_server(live_server, settings):
    base = live_server.url
    assert urlsplit(base).port not in (None, 80, 8000)
    settings.PORTAL_BASE_URL = base
    settings.WAGTAILADMIN_BASE_URL = base
    settings.WAGTAILAPI_BASE_URL = base
    mail.outbox = []

    anonymous = requests.Session()
    users = {}
    followed = set()
    seen = 0

    def follow_new_mails(expected):
        """Follows every link of the mails sent since the last call, as their
        recipient; links are followed at once, as a reader would: a later change
        (a new manage link) may rightly end an older one."""
        nonlocal seen
        new = mail.outbox[seen:]
        seen = len(mail.outbox)
        assert len(new) >= expected, [m.subject for m in new]
        for message in new:
            # Some mails rightly have none (an attendee's cancellation notice).
            links = links_of(message)
            (recipient,) = message.to
            http = (
                logged_in_session(users[recipient]) if recipient in users else anonymous
            )
            for link in sorted(links):
                assert link.startswith(base + "/"), (message.subject, link)
                response = http.get(link, timeout=30)
                assert response.status_code == 200, (message.subject, link)
                assert response.url.startswith(base + "/"), (link, response.url)
                followed.add(link)

    # Registrations: confirmation, waitlist, changes, a new link, promotion.
    events = EventsBuilder()
    sync_default_site()
    session = events.session(capacity=2)
    confirmed, _token = register(session, 1)
    follow_new_mails(2)  # the contact and the attendee
    waiting, _token = register(session, 2)
    assert waiting.status == waiting.Status.WAITLISTED
    follow_new_mails(3)
    services.add_attendees(confirmed.pk, people(1))
    follow_new_mails(1)
    added = confirmed.attendees.order_by("-pk").first()
    services.cancel_attendee(confirmed.pk, added.pk)
    follow_new_mails(1)
    services.new_manage_link(confirmed.pk)
    follow_new_mails(1)
    services.cancel_registration(confirmed.pk)  # the waitlist moves up
    waiting.refresh_from_db()
    assert waiting.status == waiting.Status.CONFIRMED
    follow_new_mails(3)
    # A reminder and a cancelled session.
    soon = events.session(days=1, capacity=5)
    register(soon, 1)
    call_command("send_session_reminders", verbosity=0)
    follow_new_mails(4)
    doomed = events.session(capacity=5)
    register(doomed, 1)
    doomed.is_cancelled = True  # as an editor does: publishing tells everybody
    doomed.cancellation_reason = "De spreker is ziek."
    doomed.save_revision().publish()
    follow_new_mails(4)

    # The review workflow: a contributor submits, the editor is told and approves.
    index = factories.make_practice_index(events.home)
    sync_default_site()
    contributor = factories.make_contributor("GM0599", index=index)
    editor = factories.make_editor()
    users.update({contributor.email: contributor, editor.email: editor})
    practice = submit(contributor, index)
    follow_new_mails(1)
    task_state = practice.current_workflow_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")
    follow_new_mails(1)

    manage_links = [link for link in followed if "/aanmelding/" in link]
    admin_links = [link for link in followed if "/admin/" in link]
    assert manage_links and admin_links
