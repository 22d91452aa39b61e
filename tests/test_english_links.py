"""Every internal link in the English interface stays in English (issue 12).

Starting from the English home page and one page of every public type, the crawler
follows the internal links it finds (<a href> and <form action>) and fails on any that
leaves /en/, except files that have no language: static files, media, documents, feeds
and calendars, and the language switch's own link to the Dutch page.
"""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from tests.test_translations import site  # noqa: F401 (fixture)

# Paths without an interface language.
LANGUAGE_FREE = ("/static/", "/media/", "/documenten/", "/favicon.ico", "/robots.txt")
LANGUAGE_FREE_ENDINGS = (".ics", ".xml", "/feed/", "/atom/", ".csv", ".xlsx")
MAX_PAGES = 60


class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            # The language switch points to the other language on purpose.
            if attrs.get("hreflang") not in (None, "en"):
                return
            self.links.append(("a", attrs["href"]))
        elif tag == "form" and attrs.get("action"):
            self.links.append(("form", attrs["action"]))


def internal_paths(base, html):
    collector = LinkCollector()
    collector.feed(html)
    for tag, link in collector.links:
        url = urlsplit(urljoin("http://testserver" + base, link))
        if url.scheme not in ("http", "https") or url.netloc not in ("", "testserver"):
            continue  # mailto:, other sites
        yield tag, link, url.path, url.query


def language_free(path):
    return path.startswith(LANGUAGE_FREE) or path.endswith(LANGUAGE_FREE_ENDINGS)


def test_the_home_link_goes_to_the_english_home_page(client, site):  # noqa: F811
    html = client.get("/en/").content.decode()
    assert 'class="site-wordmark" href="/en/"' in html
    assert '<li class="site-nav__home"><a href="/en/"' in html
    # And the Dutch one to the Dutch home page.
    html = client.get("/").content.decode()
    assert 'class="site-wordmark" href="/"' in html


def check_links(address, html):
    """(links that leave the English interface, English pages to visit next)."""
    wrong, follow = [], []
    for tag, link, path, query in internal_paths(address, html):
        if language_free(path):
            continue
        if not path.startswith("/en/"):
            wrong.append(f"{address}: <{tag}> {link}")
        elif tag == "a":
            follow.append(path + (f"?{query}" if query else ""))
    return wrong, follow


def test_every_internal_link_in_english_stays_in_english(client, site):  # noqa: F811
    start = ["/en/"] + ["/en" + p for p in site.values() if "/aanmelding/" not in p]
    queue, seen, wrong = list(start), set(start), []
    pages = 0
    while queue and pages < MAX_PAGES:
        address = queue.pop(0)
        response = client.get(address)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        found, follow = check_links(address, response.content.decode())
        wrong += found
        for target in follow:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    assert pages >= len(start)
    assert not wrong, "links out of the English interface:\n" + "\n".join(
        sorted(set(wrong))
    )


def test_the_checker_sees_a_dutch_link():
    html = (
        '<a href="/praktijken/">Dutch</a><a href="/en/zoeken/">English</a>'
        '<a href="/" hreflang="nl" lang="nl">Nederlands</a>'
        '<form action="/zoeken/"></form><a href="mailto:x@example.org">mail</a>'
        '<a href="https://example.org/">elsewhere</a>'
        '<link href="/static/x.css"><a href="/static/a.pdf">file</a>'
    )
    wrong, follow = check_links("/en/", html)
    assert wrong == ["/en/: <a> /praktijken/", "/en/: <form> /zoeken/"]
    assert follow == ["/en/zoeken/"]


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/static/css/theme.css", True),
        ("/documenten/1/verslag.pdf", True),
        ("/leerbijeenkomsten/agenda.ics", True),
        ("/praktijken/", False),
        ("/", False),
    ],
)
def test_language_free_paths(path, expected):
    assert language_free(path) is expected


def test_a_stored_dutch_path_in_the_interface_language(site):  # noqa: F811
    # The search index keeps Dutch paths; the English interface shows English ones.
    from django.utils import translation

    from home.links import in_interface_language

    with translation.override("en"):
        assert in_interface_language("/praktijken/") == "/en/praktijken/"
        assert in_interface_language("/en/praktijken/") == "/en/praktijken/"
        assert in_interface_language("/zoeken/?q=a") == "/en/zoeken/?q=a"
        assert in_interface_language("https://elders.example/") == (
            "https://elders.example/"
        )
    with translation.override("nl"):
        assert in_interface_language("/praktijken/") == "/praktijken/"


def test_search_suggestions_in_english_link_to_english_pages(client, site):  # noqa: F811
    data = client.get("/en/zoeken/suggesties/", {"q": "Pandenaanpak"}).json()
    assert data["suggestions"]
    for suggestion in data["suggestions"]:
        assert suggestion["url"].startswith("/en/"), suggestion
