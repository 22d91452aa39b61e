"""The English interface is complete (issue 12, item 5).

Every public page type is rendered in English while every gettext/ngettext lookup is
recorded. A message is untranslated when the English catalogue lacks it and it is not a
third-party (English) message that has a Dutch translation: our message ids are Dutch,
so they are in no Dutch catalogue. Dutch content inside the English interface carries
lang="nl".
"""

import datetime
import re

from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import trans_real

import pytest

from home.models import StandardPage
from practices.models import ThemeDossierIndexPage, ThemeDossierPage
from tests import factories
from tests.events.conftest import EventsBuilder, register


@pytest.fixture
def untranslated(monkeypatch):
    """The set of (message id) lookups in English that have no English translation."""
    english = trans_real.translation("en")
    dutch = trans_real.translation("nl")
    missing = set()
    original_gettext = trans_real.DjangoTranslation.gettext
    original_ngettext = trans_real.DjangoTranslation.ngettext

    def untranslated_message(translation, key):
        return (
            translation.language() == "en"
            and key not in english._catalog
            and key not in dutch._catalog
        )

    def gettext(self, message):
        if message and untranslated_message(self, message):
            missing.add(message)
        return original_gettext(self, message)

    def ngettext(self, singular, plural, number):
        if untranslated_message(self, (singular, 0)):
            missing.add(singular)
        return original_ngettext(self, singular, plural, number)

    monkeypatch.setattr(trans_real.DjangoTranslation, "gettext", gettext)
    monkeypatch.setattr(trans_real.DjangoTranslation, "ngettext", ngettext)
    return missing


def in_english(client, path, *, follow=False, **params):
    """The English interface lives under /en/ (decision 2)."""
    response = client.get("/en" + path, params, follow=follow)
    assert response["Content-Language"] == "en"
    return response


@pytest.fixture
def site(db):
    """One page of every public type, under one site."""
    cache.clear()  # Wagtail caches the site's root paths; earlier tests had others
    events = EventsBuilder()
    index = factories.make_practice_index(events.home)
    index.save_revision().publish()
    practice = factories.make_practice(
        "Pandenaanpak Charlois",
        municipality="GM0599",
        index=index,
        themes=["witwassen"],
        tags=["bibob"],
        neighbourhood="Oud-Charlois",
        results="<p>Minder panden.</p>",
    )
    other = factories.make_practice(
        "Aanpak in Den Haag", municipality="GM0518", index=index
    )
    dossiers = ThemeDossierIndexPage(title="Thema's", slug="themas")
    events.home.add_child(instance=dossiers)
    dossiers.save_revision().publish()
    dossier = ThemeDossierPage(
        title="Witwassen in de wijk",
        slug="witwassen",
        theme=factories.theme("witwassen"),
        introduction="<p>Over witwassen.</p>",
    )
    dossiers.add_child(instance=dossier)
    dossier.save_revision().publish()
    standard = StandardPage(
        title="Privacyverklaring", slug="privacy", introduction="Wat we bewaren."
    )
    events.home.add_child(instance=standard)
    standard.save_revision().publish()
    upcoming = events.session("Jeugdgroepen", capacity=2)
    registration, token = register(upcoming, 2, notify=False)
    register(upcoming, 1, notify=False)  # on the waitlist: 1 person
    past = events.session(
        "Witwassen in de winkelstraat",
        start=timezone.now() - datetime.timedelta(days=30),
    )
    call_command("rebuild_search_index", verbosity=0)
    # Dutch paths; in_english() puts /en in front. (A request leaves its language
    # active in the thread, so say which one.)
    translation.activate("nl")
    manage = events.index.url + events.index.reverse_subpage(
        "manage", kwargs={"token": token}
    )
    return {
        "home": events.home.url,
        "standard": standard.url,
        "practices": index.url,
        "practices filtered": index.url + "?thema=witwassen",
        "practice": practice.url,
        "dossiers": dossiers.url,
        "dossier": dossier.url,
        "theme matrix": dossier.url + dossier.reverse_subpage("matrix"),
        "compare": index.url
        + index.reverse_subpage("compare")
        + f"?p={practice.pk}&p={other.pk}",
        "sessions": events.index.url,
        "past sessions": events.index.url + "?periode=afgelopen",
        "session": upcoming.url,
        "past session": past.url,
        "manage": manage,
        "search": "/zoeken/?q=pandenaanpak",
        "search without results": "/zoeken/?q=xyzzy",
        "not found": "/bestaat-niet/",
    }


PAGES = [
    "home",
    "standard",
    "practices",
    "practices filtered",
    "practice",
    "dossiers",
    "dossier",
    "theme matrix",
    "compare",
    "sessions",
    "past sessions",
    "session",
    "past session",
    "manage",
    "search",
    "search without results",
    "not found",
]


@pytest.mark.parametrize("name", PAGES)
def test_every_interface_string_is_translated(client, site, untranslated, name):
    # The manage link swaps its token for a session and redirects to the manage page.
    response = in_english(client, site[name], follow=name == "manage")
    assert response.status_code == (404 if name == "not found" else 200)
    assert not untranslated, f"untranslated on {name}: {sorted(untranslated)}"


def test_the_detector_sees_an_untranslated_message(untranslated):
    # Guards the test above: a Dutch message id without English translation is seen.
    # Called through other names, so that makemessages does not collect them.
    lookup, plural_lookup = translation.gettext, translation.ngettext
    with translation.override("en"):
        assert lookup("Dit zinnetje heeft geen vertaling") == (
            "Dit zinnetje heeft geen vertaling"
        )
        plural_lookup("%(n)s appel", "%(n)s appels", 2)
        lookup("Search")  # Wagtail's: English, with a Dutch translation
    assert untranslated == {"Dit zinnetje heeft geen vertaling", "%(n)s appel"}


def test_plurals_in_english(client, site):
    html = in_english(client, site["practices"]).content.decode()
    assert re.search(r"\b2 practices\b", html)
    assert "Praktijken</h1>" not in html or 'lang="nl">Praktijken</h1>' in html


def test_dutch_content_is_marked_as_dutch(client, site):
    html = in_english(client, site["practice"]).content.decode()
    assert '<h1 class="utrecht-heading-1" lang="nl">Pandenaanpak Charlois</h1>' in html
    assert re.search(
        r'<p class="utrecht-paragraph utrecht-paragraph--lead" lang="nl">', html
    )
    listing = in_english(client, site["practices"]).content.decode()
    assert re.search(r'lang="nl">Pandenaanpak Charlois</a>', listing)
    menu = re.search(r'<nav class="site-nav".*?</nav>', listing, re.S).group(0)
    assert 'lang="nl"' in menu  # page titles in the main menu


def test_the_dutch_interface_has_no_lang_attributes_inside(client, site):
    html = client.get(site["practice"]).content.decode()
    assert html.count('lang="nl"') == 1  # only <html lang="nl">
