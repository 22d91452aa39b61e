"""The interface language lives in the URL: Dutch at /…, English at /en/…, switched by
a plain link; no cookie and no browser setting changes it."""

import re

from django.urls import reverse
from django.utils import translation

import pytest

from tests.factories import make_practice


def html_lang(response):
    return re.search(r'<html lang="(\w+)"', response.content.decode()).group(1)


def switch_link(response):
    """(href, hreflang, text) of the language switch."""
    match = re.search(
        r'<nav class="language-switch"[^>]*>\s*<a [^>]*href="([^"]*)" '
        r'hreflang="(\w+)"[^>]*>([^<]+)</a>',
        response.content.decode(),
    )
    assert match, "no language switch link"
    return match.group(1).replace("&amp;", "&"), match.group(2), match.group(3)


@pytest.mark.django_db
def test_dutch_without_prefix_english_under_en(client, practice_index):
    dutch = client.get(practice_index.url)
    english = client.get("/en" + practice_index.url)

    assert html_lang(dutch) == "nl"
    assert dutch["Content-Language"] == "nl"
    assert "Filters toepassen" in dutch.content.decode()
    assert html_lang(english) == "en"
    assert english["Content-Language"] == "en"
    assert "Apply filters" in english.content.decode()


@pytest.mark.django_db
def test_neither_cookie_nor_browser_setting_changes_the_language(client, home_page):
    client.cookies["django_language"] = "en"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert html_lang(response) == "nl"
    assert "accept-language" not in response.get("Vary", "").lower()
    assert "cookie" not in response.get("Vary", "").lower()
    assert client.get("/nl/").status_code == 404  # Dutch has no prefix
    assert client.post("/i18n/setlang/", {"language": "en"}).status_code == 404


@pytest.mark.django_db
def test_switch_links_to_the_same_page_with_its_filters(client, practice_index):
    dutch = client.get(practice_index.url + "?thema=witwassen&page=2")
    href, hreflang, text = switch_link(dutch)
    assert (href, hreflang, text) == (
        "/en" + practice_index.url + "?thema=witwassen&page=2",
        "en",
        "English",
    )
    assert not dutch.cookies  # no form, no CSRF token, no cookie

    english = client.get(href)
    href, hreflang, text = switch_link(english)
    assert (href, hreflang, text) == (
        practice_index.url + "?thema=witwassen&page=2",
        "nl",
        "Nederlands",
    )


@pytest.mark.django_db
def test_links_are_built_in_the_current_language(client, practice_index):
    practice = make_practice("Wijkaanpak")
    with translation.override("en"):
        assert reverse("search") == "/en/zoeken/"
        assert practice.url.startswith("/en/praktijken/")
    assert practice.url.startswith("/praktijken/")

    english = client.get("/en" + practice_index.url).content.decode()
    assert f'href="/en{practice.url}"' in english


@pytest.mark.django_db
def test_unknown_english_address_gets_the_english_404(client, home_page):
    response = client.get("/en/bestaat-niet/")
    assert response.status_code == 404
    assert html_lang(response) == "en"


@pytest.mark.django_db
def test_admin_stays_outside_the_prefix_in_the_editors_language(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    assert client.get("/en/admin/").status_code == 404


def test_every_english_message_is_translated_and_none_is_a_guess():
    """`make messages` marks a new message that resembles an old one as fuzzy, with the
    old one's translation ("lengte titeltermen" became "Search and filter"); gettext
    never shows a fuzzy entry, so the English page falls back to Dutch. Every entry
    needs its own English text."""
    from pathlib import Path

    from django.conf import settings

    po = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
    entries = po.read_text(encoding="utf-8").split("\n\n")[1:]  # after the header
    fuzzy = [e for e in entries if "#, fuzzy" in e or "#| msgid" in e]
    empty = [
        e
        for e in entries
        if not e.lstrip().startswith("#~")
        and re.search(r'^msgstr(\[\d\])? ""$(?!\n")', e, re.MULTILINE)
    ]
    assert not fuzzy, fuzzy[:3]
    assert not empty, empty[:3]
