"""The work a page cache miss still skips: routes, the layout's data and the main
content kept for anonymous visitors while nothing they show changes (home/routing.py,
home/page_cache.cache_content, {% cached_content %}), with the page cache itself off."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from home import page_cache
from home.models import PortalSettings, StandardPage, Theme
from search.models import QueryLog
from tests.events.conftest import EventsBuilder, register
from tests.factories import PASSWORD, make_practice
from tests.search.conftest import rebuild_index


@pytest.fixture
def content_cache_on(settings, monkeypatch):
    settings.PAGE_CACHE_TIMEOUT = 0  # only what a page cache miss does
    settings.DATA_CACHE_TIMEOUT = 300
    # Nothing is kept within CLOCK_MARGIN_NS of a change (the factories' changes come
    # just before the requests); test_caching.py tests that margin itself.
    monkeypatch.setattr(page_cache, "CLOCK_MARGIN_NS", 0)
    cache.clear()
    yield
    cache.clear()


def queries_of(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


@pytest.mark.django_db
def test_repeat_anonymous_pages_read_nothing_and_stay_the_same(
    client, practice_index, content_cache_on
):
    related = make_practice("Verwant", themes=["witwassen"], tags=["bibob"])
    practice = make_practice("Wijkaanpak", themes=["witwassen"], tags=["bibob"])
    for url in [
        "/",
        "/en/",
        practice.url,
        practice_index.url,
        practice_index.url + "?thema=witwassen",
    ]:
        first, first_count = queries_of(client, url)
        assert first.status_code == 200, url
        assert first_count > 0, url
        again, count = queries_of(client, url)
        assert count == 0, (url, count)
        assert again.content == first.content, url
    assert "Verwant" in client.get(practice.url).content.decode()
    assert related.title in client.get(practice_index.url).content.decode()


@pytest.mark.django_db
def test_without_the_data_cache_every_request_does_the_work(
    client, practice_index, settings
):
    settings.DATA_CACHE_TIMEOUT = 0
    cache.clear()
    practice = make_practice("Wijkaanpak")
    client.get(practice.url)
    _response, count = queries_of(client, practice.url)
    assert count > 5


@pytest.mark.django_db
def test_publishing_changes_the_content_of_the_pages_that_show_it(
    client, practice_index, content_cache_on, django_capture_on_commit_callbacks
):
    shown = make_practice("Verwant", themes=["witwassen"], with_revision=True)
    showing = make_practice("Buur", themes=["witwassen"], with_revision=True)
    unrelated = make_practice("Los", themes=["drugscriminaliteit"], with_revision=True)
    for url in [showing.url, practice_index.url, "/", unrelated.url]:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        publish(shown, title="Nieuwe titel")
    for url in [showing.url, practice_index.url, "/", shown.url]:
        assert "Nieuwe titel" in client.get(url).content.decode(), url
    # The unrelated page's kept content is still used: nothing it shows changed.
    _response, count = queries_of(client, unrelated.url)
    assert count == 0


@pytest.mark.django_db
def test_unpublishing_or_moving_out_of_public_view_is_seen_at_once(
    client, practice_index, content_cache_on, django_capture_on_commit_callbacks
):
    gone = make_practice("Weg", with_revision=True)
    private = make_practice("Besloten", municipality="GM0599", with_revision=True)
    for practice in (gone, private):
        client.get(practice.url)
        assert queries_of(client, practice.url)[1] == 0

    with django_capture_on_commit_callbacks(execute=True):
        gone.unpublish()
        PageViewRestriction.objects.create(
            page=private.get_parent(), restriction_type=PageViewRestriction.LOGIN
        )

    assert client.get(gone.url).status_code == 404
    response = client.get(private.url)
    assert response.status_code == 302
    assert "Besloten" not in response.content.decode()


@pytest.mark.django_db
def test_a_new_slug_routes_at_once(
    client, practice_index, content_cache_on, django_capture_on_commit_callbacks
):
    practice = make_practice("Oud adres", with_revision=True)
    old_url = practice.url
    client.get(old_url)
    with django_capture_on_commit_callbacks(execute=True):
        publish(practice, slug="nieuw-adres")
    practice.refresh_from_db()
    # Not the kept route to the page: Wagtail's redirect from the old address.
    moved = client.get(old_url)
    assert moved.status_code == 301
    assert moved["Location"].endswith(practice.url)
    assert client.get(practice.url).status_code == 200


@pytest.mark.django_db
def test_signed_in_visitors_never_get_the_anonymous_content(
    client, practice_index, government_user, content_cache_on
):
    practice = make_practice(
        "Vertrouwelijk", restricted_details="<p>Alleen voor overheid.</p>"
    )
    anonymous = client.get(practice.url).content.decode()
    assert "Alleen voor overheid" not in anonymous
    client.force_login(government_user)
    assert "Alleen voor overheid" in client.get(practice.url).content.decode()
    client.logout()
    assert "Alleen voor overheid" not in client.get(practice.url).content.decode()


@pytest.mark.django_db
def test_reference_data_and_settings_reach_every_page(
    client,
    practice_index,
    home_page,
    content_cache_on,
    django_capture_on_commit_callbacks,
):
    practice = make_practice("Wijkaanpak", themes=["witwassen"])
    privacy = StandardPage(title="Privacy", slug="privacy")
    home_page.add_child(instance=privacy)
    for url in [practice.url, practice_index.url, "/"]:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        theme = Theme.objects.get(slug="witwassen")
        theme.name = "Witwassen en fraude"
        theme.save()
        portal_settings = PortalSettings.load()
        portal_settings.privacy_page = privacy
        portal_settings.save()
    for url in [practice.url, practice_index.url]:
        assert "Witwassen en fraude" in client.get(url).content.decode(), url
    for url in [practice.url, practice_index.url, "/"]:
        assert f'href="{privacy.url}"' in client.get(url).content.decode(), url
    assert f'href="/en{privacy.url}"' in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_the_menu_follows_a_new_page_in_it(
    client,
    practice_index,
    home_page,
    content_cache_on,
    django_capture_on_commit_callbacks,
):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        page = StandardPage(title="Over het portaal", slug="over", show_in_menus=True)
        home_page.add_child(instance=page)
        page.save_revision().publish()
    html = client.get("/").content.decode()
    assert f'<a href="{page.url}"' in html
    assert f'<a href="/en{page.url}"' in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_parameters_are_kept_apart_and_bad_ones_still_explained(
    client, practice_index, content_cache_on
):
    make_practice("Witwassen in de haven", themes=["witwassen"])
    make_practice("Drugs in de wijk", themes=["drugscriminaliteit"])
    url = practice_index.url
    for _ in range(2):
        only = client.get(url + "?thema=witwassen").content.decode()
        assert "Witwassen in de haven" in only
        assert "Drugs in de wijk" not in only
        every = client.get(url).content.decode()
        assert "Drugs in de wijk" in every
        unknown = client.get(url + "?thema=bestaat-niet").content.decode()
        assert "bestaat-niet" in unknown
        english = client.get("/en" + url + "?thema=witwassen").content.decode()
        assert 'lang="en"' in english


@pytest.mark.django_db
def test_a_registration_shows_its_seats_at_once(
    client, content_cache_on, django_capture_on_commit_callbacks
):
    session = EventsBuilder().session("Leerbijeenkomst", capacity=5)
    url = session.url
    assert "Nog 5 plaatsen vrij" in client.get(url).content.decode()
    assert queries_of(client, url)[1] == 0
    with django_capture_on_commit_callbacks(execute=True):
        register(session, 2)
    assert "Nog 3 plaatsen vrij" in client.get(url).content.decode()


@pytest.mark.django_db
def test_kept_search_results_are_still_logged_for_the_editors(
    client, practice_index, content_cache_on
):
    make_practice("Witwassen in de haven", themes=["witwassen"])
    rebuild_index()
    url = reverse("search") + "?q=witwassen"
    first = client.get(url)
    assert "Witwassen in de haven" in first.content.decode()
    again, count = queries_of(client, url)
    assert again.content == first.content
    assert count == 1  # the log entry
    logged = list(QueryLog.objects.values_list("query", "result_count"))
    assert logged == [("witwassen", 1), ("witwassen", 1)]


@pytest.mark.django_db
def test_a_search_index_rebuild_refreshes_kept_results(
    client, practice_index, content_cache_on, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    url = reverse("search") + "?q=havenbedrijf"
    assert "Havenbedrijf" not in client.get(url).content.decode()
    make_practice("Havenbedrijf en ondermijning", themes=["witwassen"])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_search_index", verbosity=0)
    assert "Havenbedrijf en ondermijning" in client.get(url).content.decode()


@pytest.mark.django_db
def test_signed_in_visitors_route_the_normal_way_and_stay_private(
    client, practice_index, government_user, content_cache_on
):
    practice = make_practice("Wijkaanpak")
    assert client.login(username=government_user.username, password=PASSWORD)
    for _ in range(2):
        response = client.get(practice.url)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_content_and_routes_on_a_real_redis(
    client,
    practice_index,
    redis_cache,
    settings,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    settings.PAGE_CACHE_TIMEOUT = 0
    settings.DATA_CACHE_TIMEOUT = 300
    monkeypatch.setattr(page_cache, "CLOCK_MARGIN_NS", 0)
    practice = make_practice("Wijkaanpak", with_revision=True)
    first = client.get(practice.url)
    again, count = queries_of(client, practice.url)
    assert count == 0
    assert again.content == first.content
    with django_capture_on_commit_callbacks(execute=True):
        publish(practice, title="Wijkaanpak 2")
    assert "Wijkaanpak 2" in client.get(practice.url).content.decode()


@pytest.mark.django_db
def test_query_count_of_a_repeat_page_does_not_grow_with_practices(
    client, practice_index, content_cache_on
):
    url = practice_index.url
    make_practice("Eerste")
    client.get(url)
    assert queries_of(client, url)[1] == 0
    for _ in range(15):
        make_practice()
    cache.clear()
    client.get(url)
    assert queries_of(client, url)[1] == 0


@pytest.mark.django_db
def test_nothing_is_kept_right_after_a_change(
    client,
    practice_index,
    content_cache_on,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    # A render that may have read data from before a change (on another server, with
    # a clock up to CLOCK_MARGIN_NS apart) is not kept.
    practice = make_practice("Wijkaanpak")
    with django_capture_on_commit_callbacks(execute=True):
        page_cache.invalidate(page_cache.ALL)
    monkeypatch.setattr(page_cache, "CLOCK_MARGIN_NS", 30_000_000_000)
    client.get(practice.url)
    assert queries_of(client, practice.url)[1] > 0
    monkeypatch.setattr(page_cache, "CLOCK_MARGIN_NS", 0)
    client.get(practice.url)
    assert queries_of(client, practice.url)[1] == 0


@pytest.mark.django_db
def test_no_manage_link_token_is_kept_in_the_cache(client, content_cache_on):
    from tests.events.test_manage_link import manage_url

    site = EventsBuilder()
    session = site.session("Leerbijeenkomst", capacity=5)
    _registration, token = register(session, 1)
    client.get(session.url)  # the session page's route is kept
    response = client.get(manage_url(site.index, token), follow=True)
    assert response.status_code == 200
    stored = b"".join(value for value in cache._cache.values())
    assert token.encode() not in stored
    assert session.slug.encode() in stored  # the cache was written to at all


@pytest.mark.django_db
def test_a_kept_search_without_its_head_is_searched_again(
    client, practice_index, content_cache_on
):
    make_practice("Witwassen in de haven", themes=["witwassen"])
    rebuild_index()
    url = reverse("search") + "?q=witwassen"
    first = client.get(url).content.decode()
    assert 'type="application/atom+xml"' in first
    # The head's entry is evicted on its own (a cache under memory pressure).
    heads = [key for key in cache._cache if key.endswith(":head")]
    assert heads
    for key in heads:
        cache.delete(key.split(":", 2)[2])  # without the prefix and version
    again = client.get(url).content.decode()
    assert again == first


@pytest.mark.django_db
def test_search_error_pages_are_never_kept(client, practice_index, content_cache_on):
    from unittest import mock

    from search.engines import SearchUnavailable

    make_practice("Witwassen in de haven", themes=["witwassen"])
    rebuild_index()
    beyond = reverse("search") + "?q=witwassen&page=9"
    for _ in range(2):
        assert client.get(beyond).status_code == 404
    url = reverse("search") + "?q=witwassen"
    with mock.patch(
        "search.database.DatabaseEngine.search", side_effect=SearchUnavailable
    ):
        for _ in range(2):
            assert client.get(url).status_code == 503
    recovered = client.get(url)
    assert recovered.status_code == 200
    assert "Witwassen in de haven" in recovered.content.decode()
    assert client.get(url).content == recovered.content


@pytest.mark.django_db
def test_content_stored_by_an_error_answer_is_dropped(
    client, practice_index, content_cache_on, monkeypatch
):
    # Whatever view declared its content cacheable and then answered with an error:
    # the middleware drops what the render kept.
    from home import views as home_views

    practice = make_practice("Wijkaanpak")
    original = home_views.wagtail_views.serve

    def failing_serve(request, path):
        response = original(request, path)
        response.render()
        response.status_code = 500
        return response

    monkeypatch.setattr(home_views.wagtail_views, "serve", failing_serve)
    client.raise_request_exception = False
    client.get(practice.url)
    monkeypatch.setattr(home_views.wagtail_views, "serve", original)
    assert not [key for key in cache._cache if "pagecache:content:" in key]
