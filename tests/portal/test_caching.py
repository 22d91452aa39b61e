"""Caching: the headers of anonymous and personal pages, 304s, the page cache for
anonymous visitors and its invalidation (local memory and a real Redis), and the
registration form without a CSRF cookie."""

from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import PageViewRestriction

import pytest

from events.models import Registration
from home import page_cache
from home.models import Theme
from tests.events.conftest import EventsBuilder, register
from tests.events.test_manage_link import manage_url
from tests.events.test_registration import form_data
from tests.factories import make_practice

HIT = page_cache.HIT_HEADER


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_TIMEOUT = 300
    settings.DATA_CACHE_TIMEOUT = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def events_site(db):
    cache.clear()
    yield EventsBuilder()
    cache.clear()


def assert_public(response):
    assert response.status_code == 200
    assert not response.cookies, response.cookies
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=60"} <= control
    assert response.has_header("ETag")
    assert response.has_header("Last-Modified")
    assert "cookie" not in response.get("Vary", "").lower()


def assert_private(response):
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= control
    assert "public" not in control
    assert not response.has_header("ETag")


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


# --- headers -----------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_pages_are_public_without_any_cookie(client, practice_index):
    practice = make_practice("Wijkaanpak", themes=["witwassen"], tags=["bibob"])
    for url in [
        "/",
        "/en/",
        practice_index.url,
        practice_index.url + "?thema=witwassen&status=lopend",
        practice_index.url + "feed/",
        practice.url,
        reverse("search") + "?q=witwassen",
    ]:
        response = client.get(url)
        assert_public(response)


@pytest.mark.django_db
def test_session_pages_and_the_registration_form_are_public(client, events_site):
    session = events_site.session("Leerbijeenkomst witwassen")
    for url in [events_site.index.url, session.url, session.url + "agenda.ics"]:
        response = client.get(url)
        assert_public(response)
    html = client.get(session.url).content.decode()
    assert 'class="registration-form"' in html
    assert "csrfmiddlewaretoken" not in html


@pytest.mark.django_db
def test_conditional_get_is_answered_with_304(client, practice_index):
    practice = make_practice("Wijkaanpak")
    first = client.get(practice.url)

    by_etag = client.get(practice.url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(practice.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    other_etag = client.get(practice.url, HTTP_IF_NONE_MATCH='"iets-anders"')

    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_date.status_code == 304
    assert other_etag.status_code == 200


@pytest.mark.django_db
def test_signed_in_pages_are_private_and_never_stored(
    client, practice_index, government_user, page_cache_on
):
    practice = make_practice("Geheim", restricted_details="<p>Pand Dorpsstraat 1</p>")
    anonymous = client.get(practice.url)
    assert_public(anonymous)
    assert "Pand Dorpsstraat 1" not in anonymous.content.decode()

    client.force_login(government_user)
    signed_in = client.get(practice.url)

    assert_private(signed_in)
    assert signed_in.get(HIT) is None
    assert "Pand Dorpsstraat 1" in signed_in.content.decode()


@pytest.mark.django_db
def test_manage_link_page_is_private(client, events_site):
    session = events_site.session()
    _registration, token = register(session)
    # The link's first request swaps the token for a session entry and redirects to a
    # URL without it: both answers stay out of every cache.
    response = client.get(manage_url(events_site.index, token))
    assert response.status_code == 303
    assert_private(response)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert_private(page)


# --- the page cache ----------------------------------------------------------------


@pytest.mark.django_db
def test_page_cache_serves_repeat_anonymous_requests(
    client, practice_index, page_cache_on
):
    practice = make_practice("Wijkaanpak")
    first = client.get(practice.url)
    second = client.get(practice.url)

    assert first[HIT] == "miss"
    assert second[HIT] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert_public(second)
    # A visitor with a session is never served from the page cache.
    client.cookies["sessionid"] = "iets"
    assert client.get(practice.url).get(HIT) is None


@pytest.mark.django_db
def test_languages_and_query_strings_are_cached_apart(
    client, practice_index, page_cache_on
):
    client.get("/")
    english = client.get("/en/")
    filtered = client.get(practice_index.url + "?status=pilot")
    assert english[HIT] == "miss"
    assert english["Content-Language"] == "en"
    assert filtered[HIT] == "miss"
    assert client.get("/")[HIT] == "hit"


@pytest.mark.django_db
def test_publishing_invalidates_exactly_the_pages_that_show_it(
    client, practice_index, home_page, page_cache_on, django_capture_on_commit_callbacks
):
    shown = make_practice("Verwant", themes=["witwassen"], with_revision=True)
    showing = make_practice("Buur", themes=["witwassen"], with_revision=True)
    unrelated = make_practice("Los", themes=["drugscriminaliteit"], with_revision=True)
    urls = [showing.url, practice_index.url, "/", unrelated.url]
    for url in urls:
        client.get(url)
    assert all(client.get(url)[HIT] == "hit" for url in urls)
    assert "Verwant" in client.get(showing.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        publish(shown, title="Nieuwe titel")

    for url in [showing.url, practice_index.url, "/", shown.url]:
        response = client.get(url)
        assert response[HIT] == "miss", url
        assert "Nieuwe titel" in response.content.decode(), url
    assert client.get(unrelated.url)[HIT] == "hit"


@pytest.mark.django_db
def test_unpublishing_removes_the_page_from_the_cache(
    client, practice_index, page_cache_on, django_capture_on_commit_callbacks
):
    practice = make_practice("Weg", with_revision=True)
    url = practice.url
    client.get(url)
    assert client.get(url)[HIT] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        practice.unpublish()

    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_reference_data_change_invalidates_every_page(
    client, practice_index, page_cache_on, django_capture_on_commit_callbacks
):
    practice = make_practice("Wijkaanpak", themes=["witwassen"])
    client.get(practice.url)
    assert client.get(practice.url)[HIT] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        theme = Theme.objects.get(slug="witwassen")
        theme.name = "Witwassen en criminele geldstromen"
        theme.save()

    response = client.get(practice.url)
    assert response[HIT] == "miss"
    assert "Witwassen en criminele geldstromen" in response.content.decode()


@pytest.mark.django_db
def test_view_restriction_takes_the_page_out_of_the_cache(
    client, practice_index, page_cache_on, django_capture_on_commit_callbacks
):
    practice = make_practice("Wordt besloten")
    client.get(practice.url)
    assert client.get(practice.url)[HIT] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=practice, restriction_type=PageViewRestriction.LOGIN
        )

    response = client.get(practice.url)
    assert response.status_code == 302
    assert response.get(HIT) is None
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_registration_invalidates_the_seats_of_its_session_only(
    client, events_site, page_cache_on, django_capture_on_commit_callbacks
):
    session = events_site.session("Vol of niet", capacity=5)
    other = events_site.session("Andere bijeenkomst", capacity=5)
    urls = [session.url, events_site.index.url, other.url]
    for url in urls:
        client.get(url)
    assert all(client.get(url)[HIT] == "hit" for url in urls)

    with django_capture_on_commit_callbacks(execute=True):
        register(session, 2, notify=False)

    response = client.get(session.url)
    assert response[HIT] == "miss"
    assert client.get(events_site.index.url)[HIT] == "miss"
    assert client.get(other.url)[HIT] == "hit"

    # Cancelling frees the seats again: the page is rendered anew once more.
    client.get(session.url)
    registration = Registration.objects.get(session=session)
    from events import services

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration.pk, notify=False)
    assert client.get(session.url)[HIT] == "miss"


@pytest.mark.django_db
def test_page_cache_on_a_real_redis(
    client, practice_index, redis_cache, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_TIMEOUT = 300
    practice = make_practice("Op Redis", with_revision=True)
    assert client.get(practice.url)[HIT] == "miss"
    assert client.get(practice.url)[HIT] == "hit"
    assert any(key for key in redis_cache._cache.get_client().keys("*pagecache*"))

    with django_capture_on_commit_callbacks(execute=True):
        publish(practice, title="Op Redis, bijgewerkt")

    response = client.get(practice.url)
    assert response[HIT] == "miss"
    assert "Op Redis, bijgewerkt" in response.content.decode()


@pytest.mark.django_db
def test_page_rendered_during_a_change_is_not_stored(
    client, practice_index, page_cache_on
):
    practice = make_practice("Net veranderd")
    # A change committed a moment ago (within the clock margin) may not be in what
    # this request read: its response is served but not kept.
    cache.set(
        page_cache.VERSION_PREFIX + page_cache.page_tag(practice.pk),
        int(timezone.now().timestamp() * 1e9),
    )
    assert client.get(practice.url)[HIT] == "miss"
    assert client.get(practice.url)[HIT] == "miss"


# --- the registration form without a CSRF token -----------------------------------


@pytest.mark.django_db
def test_registration_from_this_site_needs_no_csrf_token(events_site):
    session = events_site.session(capacity=5)
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(session.url, form_data(), HTTP_ORIGIN="http://testserver")

    assert response.status_code == 303
    assert Registration.objects.filter(session=session).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://kwaadwillend.example"},
        {"HTTP_REFERER": "https://kwaadwillend.example/formulier/"},
        {},
    ],
)
def test_registration_from_another_site_is_refused(events_site, headers):
    session = events_site.session(capacity=5)
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(session.url, form_data(), **headers)

    assert response.status_code == 403
    assert "pagina van de bijeenkomst" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_manage_link_posts_still_need_the_csrf_token(events_site):
    session = events_site.session()
    registration, token = register(session)
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(
        manage_url(events_site.index, token),
        {"actie": "alles-annuleren"},
        HTTP_ORIGIN="http://testserver",
    )

    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status != Registration.Status.CANCELLED


# --- a CDN in front ----------------------------------------------------------------

PURGED = []


class RecordingBackend(BaseBackend):
    """A front-end cache backend that only writes down what it was asked to purge."""

    def purge(self, url):
        PURGED.append(url)


@pytest.mark.django_db
def test_cdn_is_purged_in_every_language(
    practice_index, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": "tests.portal.test_caching.RecordingBackend"}
    }
    practice = make_practice("Via de CDN", with_revision=True)
    PURGED.clear()

    with django_capture_on_commit_callbacks(execute=True):
        publish(practice, title="Via de CDN, bijgewerkt")

    base = "http://testserver"
    assert {
        base + practice.url,
        base + "/en" + practice.url,
        base + practice_index.url,
        base + "/en" + practice_index.url,
        base + practice_index.url + "feed/",
        base + "/",
        base + "/en/",
    } <= set(PURGED)
