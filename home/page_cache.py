"""The page cache for anonymous visitors, its HTTP headers and its invalidation.

Every anonymous page is one response for everybody who asks for its URL (the interface
language is in the URL; nothing on it depends on a cookie), so it can be kept:

- in this application's cache (Django's cache framework: local memory by default, Redis
  when CACHE_URL says so) for PAGE_CACHE_TIMEOUT seconds, by the middleware below;
- by a CDN or proxy in front, for PAGE_CACHE_SHARED_MAX_AGE seconds
  (``Cache-Control: public, max-age=0, s-maxage=…``), purged through Wagtail's front-end
  cache when WAGTAILFRONTENDCACHE is configured (FRONTEND_CACHE_* variables);
- by the browser, which revalidates every time (``max-age=0``) with ``ETag`` and
  ``Last-Modified`` and gets ``304 Not Modified`` when nothing changed.

What a cached page shows is described by *tags*: every page depends on ``all`` (menu,
footer, reference data, settings) and on ``page:<id>`` of itself and of every page it
shows (related practices, presented sessions); listings depend on ``practices`` or
``sessions``, a session page on ``seats:<id>``, the search on ``search``. A tag has a
version in the same cache; a stored page remembers the versions of its tags and is only
served while they are unchanged. A change bumps the versions of exactly the tags it
affects, after its transaction commits (the signal handlers at the bottom): publishing,
unpublishing, moving or deleting a page, reference data, settings, search promotions and
synonyms, and every registration change that alters a session's free seats.

Signed-in users and visitors with something in their session get ``private, no-store``
and are never served from or stored in the cache. Views that set Cache-Control
themselves (the manage link pages) are left alone.
"""

import hashlib
import logging
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

from wagtail import hooks
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

logger = logging.getLogger(__name__)

ALL = "all"
PRACTICES = "practices"
SESSIONS = "sessions"
SEARCH = "search"
# Views outside the page tree whose responses are cached, and what they show.
VIEW_TAGS = {
    "search": {SEARCH},
    "search_suggestions": {SEARCH},
    "search_feed": {SEARCH},
    "events_calendar": {SESSIONS},
}
ENTRY_PREFIX = "pagecache:entry:"
VERSION_PREFIX = "pagecache:tag:"
# A page rendered while one of its tags changed is not stored: its data may predate the
# change. Versions are wall-clock nanoseconds; the margin covers clock skew between
# app servers.
CLOCK_MARGIN_NS = 2_000_000_000
NEW_VERSION_AGE_NS = 60_000_000_000
HIT_HEADER = "X-Page-Cache"
# Seconds content that changes with the clock (upcoming sessions, registration opening
# and closing) is kept: the longest a visitor sees a session as upcoming after it began.
TIME_BOUND_MAX_AGE = 60
# Seconds that data kept in a per-process (local memory) cache may be stale.
LOCAL_CACHE_MAX_AGE = 10


def page_tag(pk):
    return f"page:{pk}"


def seats_tag(session_pk):
    return f"seats:{session_pk}"


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _timeout():
    return settings.PAGE_CACHE_TIMEOUT


# --- what a response shows ---------------------------------------------------------


def depends_on(request, *tags):
    """Declares that the response to ``request`` shows what ``tags`` stand for."""
    if request is None:
        return
    collected = getattr(request, "_page_cache_tags", None)
    if collected is None:
        collected = request._page_cache_tags = set()
    collected.update(tags)


@hooks.register("before_serve_page")
def _tag_served_page(page, request, serve_args, serve_kwargs):
    """Tags of a Wagtail page by type; pages add the pages they show in get_context."""
    from events.models import SessionIndexPage, SessionPage
    from home.models import HomePage, StandardPage
    from practices.models import PracticeIndexPage

    # Pages with a view restriction never get here as a public 200 for an anonymous
    # visitor: Wagtail's own hook answers with the login redirect or the password
    # form (which sets the CSRF cookie, and so is never stored).
    tags = {page_tag(page.pk)}
    if isinstance(page, HomePage):
        tags |= {PRACTICES, SESSIONS}
        # Its upcoming sessions also change with the clock.
        cache_content(request, f"page:{page.pk}", max_age=TIME_BOUND_MAX_AGE)
    elif isinstance(page, StandardPage):
        cache_content(request, f"page:{page.pk}")
    elif isinstance(page, PracticeIndexPage):
        tags.add(PRACTICES)
    elif isinstance(page, SessionIndexPage):
        tags.add(SESSIONS)
    elif isinstance(page, SessionPage):
        # And the practices presented at it, when they are read (SessionPage.get_context).
        tags.add(seats_tag(page.pk))
    depends_on(request, *tags)


def cached_data(name, tags, compute):
    """``compute()``, kept in the cache until one of ``tags`` changes (or for
    DATA_CACHE_TIMEOUT seconds): data that many pages share, such as the choices of the
    practice filters. The result must be picklable."""
    timeout = settings.DATA_CACHE_TIMEOUT
    if timeout <= 0:
        return compute()
    cache = _cache()
    versions = _current_versions(cache, tags)
    stamp = ".".join(str(versions[tag]) for tag in sorted(versions))
    key = f"pagecache:data:{name}:{stamp}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=data_timeout())
    return value


def current_versions(tags):
    """{tag: version} now, for the tags (or the keys of a {tag: version} dict)."""
    return _current_versions(_cache(), set(tags))


def versions_are_settled(versions, request=None):
    """None of these versions is newer than the request (less the clock margin): what
    was read for it cannot predate a change, so it may be kept."""
    started = getattr(request, "_page_cache_started", None) or time.time_ns()
    return not any(version > started - CLOCK_MARGIN_NS for version in versions.values())


# --- the main content, kept apart from the page ------------------------------------
# A page cache miss (a new URL, a filter combination asked for the first time, the
# page cache off, a visitor with a session) still renders the layout, but the main
# content (breadcrumbs and the content block of base.html) of an anonymous page comes
# from here while the tags it shows are unchanged: the view declares what the content
# varies on, the template keeps what it rendered ({% cached_content %}). Values that
# only the content needs are computed lazily by the views, so a hit reads nothing.

CONTENT_PREFIX = "pagecache:content:"


def cache_content(request, name, *vary, max_age=None):
    """Declares that the main content of the response to ``request`` is the same for
    every anonymous visitor who asks with the same ``vary`` values (besides the
    language and the tags the response depends on). ``max_age`` (seconds) bounds how
    long it is kept for content that also changes with time (upcoming sessions,
    registration opening and closing)."""
    if request is not None:
        request._content_cache = (name, vary, max_age)


def content_key(request, part=""):
    """The cache key of this response's main content (or ``part`` of the page), or
    None when it is not kept: not declared, a preview, a signed-in visitor or one with
    something in the session."""
    spec = getattr(request, "_content_cache", None)
    if (
        spec is None
        or settings.DATA_CACHE_TIMEOUT <= 0
        or getattr(request, "is_preview", False)
        or request.method not in ("GET", "HEAD")
        or _is_personal(request)
    ):
        return None
    name, vary, _max_age = spec
    digest = hashlib.sha256(repr((translation.get_language(), vary)).encode())
    key = f"{CONTENT_PREFIX}{name}:{digest.hexdigest()}"
    return f"{key}:{part}" if part else key


def _content_tags(request):
    tags = {ALL, *getattr(request, "_page_cache_tags", ())}
    match = getattr(request, "resolver_match", None)
    if match is not None:
        tags |= VIEW_TAGS.get(match.url_name, set())
    return tags


def kept_content(request, part=""):
    """(content, extra) kept for this response's main content (or ``part``), or None.

    A kept entry holds the versions of every tag its render depended on, including
    those found while rendering (the related practices a practice page shows); it is
    used while they are all unchanged, and declares them for this response, so that the
    page cache and the headers know them too. ``extra`` is what the view kept with it
    (``keep_with_content``), such as the number of results a search found, so that a
    view can skip its own work on a hit."""
    key = content_key(request, part)
    if key is None:
        return None
    prefetched = getattr(request, "_content_prefetched", None)
    if prefetched is not None and key in prefetched:
        return prefetched[key]
    entry = _cache().get(key)
    if entry is None:
        return None
    versions, content, extra = entry
    if current_versions(versions) != versions:
        return None
    depends_on(request, *versions)
    request._content_prefetched = {**(prefetched or {}), key: (content, extra)}
    return content, extra


def skip_content(request):
    """This response's content is not to be kept (an error page of a view that
    declared its content cacheable)."""
    request._content_cache = None


def keep_with_content(request, **extra):
    """Values to keep with this response's main content (see ``kept_content``)."""
    request._content_extra = extra


def store_content(request, part, content):
    """Keeps rendered content with the versions of the tags it depended on."""
    key = content_key(request, part)
    if key is None:
        return
    versions = current_versions(_content_tags(request))
    if not versions_are_settled(versions, request):
        return  # something it shows changed during this request
    entry = (versions, str(content), getattr(request, "_content_extra", None))
    _cache().set(key, entry, timeout=content_timeout(request))
    request._content_stored = [*getattr(request, "_content_stored", []), key]


def _forget_unless_ok(request, response):
    """Content is kept only from a 200 answer: whatever an error page stored goes."""
    stored = getattr(request, "_content_stored", None)
    if stored and response.status_code != 200:
        _cache().delete_many(stored)


def content_timeout(request):
    """Seconds the main content of this response is kept."""
    max_age = request._content_cache[2]
    timeout = data_timeout()
    return timeout if max_age is None else min(timeout, max_age)


def data_timeout():
    """Seconds shared data, routes and content are kept (DATA_CACHE_TIMEOUT). A change
    invalidates them at once through their tags in a shared cache (Redis); the local
    memory cache is per process, and another process's change cannot reach it, so
    there nothing is kept longer than LOCAL_CACHE_MAX_AGE."""
    timeout = settings.DATA_CACHE_TIMEOUT
    if settings.CACHES[settings.PAGE_CACHE_ALIAS]["BACKEND"].endswith("LocMemCache"):
        return min(timeout, LOCAL_CACHE_MAX_AGE)
    return timeout


# --- the middleware ----------------------------------------------------------------


class PageCacheMiddleware:
    """Serves and stores anonymous pages; sets the caching headers of every page.

    Sits after ConditionalGetMiddleware (which answers 304 from the ETag and
    Last-Modified set here) and before the session, CSRF and authentication
    middleware, so that a hit costs two cache reads and nothing else.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = request._page_cache_started = time.time_ns()
        _request_memo.versions = {}
        try:
            key = self._key(request) if self._may_use_cache(request) else None
            if key is not None:
                response = self._lookup(key)
                if response is not None:
                    return response
            response = self.get_response(request)
            _forget_unless_ok(request, response)
            self._finish(request, response, key, started)
            return response
        finally:
            _request_memo.versions = None

    def _may_use_cache(self, request):
        return (
            _timeout() > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    def _key(self, request):
        try:
            host = request.get_host()
        except DisallowedHost:
            return None  # CommonMiddleware answers with a 400
        address = f"{request.scheme}://{host}{request.get_full_path()}"
        return ENTRY_PREFIX + hashlib.sha256(address.encode()).hexdigest()

    def _lookup(self, key):
        cache = _cache()
        entry = cache.get(key)
        if entry is None:
            return None
        versions, status, headers, content = entry
        current = cache.get_many([VERSION_PREFIX + tag for tag in versions])
        if any(
            current.get(VERSION_PREFIX + tag) != version
            for tag, version in versions.items()
        ):
            return None
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response.headers[name] = value
        response.headers[HIT_HEADER] = "hit"
        return response

    def _finish(self, request, response, key, started):
        if "Cache-Control" in response:
            return  # the view decided (e.g. the manage link pages: private, no-store)
        if _is_personal(request):
            patch_cache_control(response, private=True, no_store=True)
            return
        tags = getattr(request, "_page_cache_tags", None)
        if not tags:
            match = getattr(request, "resolver_match", None)
            tags = VIEW_TAGS.get(match.url_name) if match else None
        if (
            not tags
            or request.method not in ("GET", "HEAD")
            or response.status_code != 200
            or response.streaming
            or response.cookies
        ):
            return
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=settings.PAGE_CACHE_SHARED_MAX_AGE,
        )
        _drop_vary_cookie(response)
        if not response.has_header("ETag"):
            set_response_etag(response)
        versions = _current_versions(_cache(), {ALL, *tags})
        if not response.has_header("Last-Modified"):
            # The last change to anything the page shows: the same for every render
            # until the next change, so If-Modified-Since works without the cache too.
            changed = min(max(versions.values()), time.time_ns())
            response.headers["Last-Modified"] = http_date(changed / 1e9)
        if key is not None:
            self._store(key, versions, response, started)
            response.headers[HIT_HEADER] = "miss"

    def _store(self, key, versions, response, started):
        cache = _cache()
        if any(version > started - CLOCK_MARGIN_NS for version in versions.values()):
            return  # something this page shows changed while it was rendered
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in ("set-cookie", HIT_HEADER.lower())
        ]
        entry = (versions, response.status_code, headers, response.content)
        cache.set(key, entry, timeout=_timeout())


def _is_personal(request):
    """Signed in, or something in the session: the response is for this visitor only."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and session.accessed and not session.is_empty())


def _drop_vary_cookie(response):
    # The anonymous page is the same whatever cookie a visitor sends; signed-in visitors
    # get private responses, and a CDN in front passes requests with the session cookie
    # through (docs/deployment.md).
    if not response.has_header("Vary"):
        return
    kept = [
        value.strip()
        for value in response["Vary"].split(",")
        if value.strip() and value.strip().lower() != "cookie"
    ]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


# The versions read during the current request, so that the route, the shared data and
# the parts of one page cost one cache read per tag (set and cleared by the middleware).
_request_memo = threading.local()


def _current_versions(cache, tags):
    memo = getattr(_request_memo, "versions", None)
    if memo is not None:
        known = {tag: memo[tag] for tag in tags if tag in memo}
        if len(known) < len(tags):
            known.update(_read_versions(cache, [t for t in tags if t not in known]))
            memo.update(known)
        return known
    return _read_versions(cache, tags)


def _read_versions(cache, tags):
    keys = {VERSION_PREFIX + tag: tag for tag in tags}
    found = cache.get_many(list(keys))
    missing = [key for key in keys if key not in found]
    if missing:
        # Never bumped, or evicted: start a new version (never a fixed value, or an
        # entry stored before an eviction could become valid again), dated well before
        # this request so that it does not count as a change during it.
        start = time.time_ns() - NEW_VERSION_AGE_NS
        for key in missing:
            cache.add(key, start, timeout=None)
        found.update(cache.get_many(missing))
    return {tag: found.get(key, time.time_ns()) for key, tag in keys.items()}


# --- invalidation ------------------------------------------------------------------


def invalidate(*tags, purge_urls=None):
    """After the current transaction commits: every stored page that shows one of
    ``tags`` is stale, and the URLs that ``purge_urls()`` returns are purged from a CDN
    in front (only when one is configured; computed then, outside the transaction)."""
    tags = set(tags)

    def bump():
        try:
            now = time.time_ns()
            _cache().set_many({VERSION_PREFIX + tag: now for tag in tags}, timeout=None)
            memo = getattr(_request_memo, "versions", None)
            if memo is not None:
                memo.update(dict.fromkeys(tags, now))
        except Exception:  # a cache outage must never break publishing or registering
            logger.exception("Could not invalidate the page cache for %s", tags)
        if purge_urls is not None and getattr(settings, "WAGTAILFRONTENDCACHE", None):
            _purge(purge_urls)

    transaction.on_commit(bump)


def _purge(purge_urls):
    try:
        from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

        urls = sorted(set(purge_urls()))
        if urls:
            purge_urls_from_cache_task.enqueue(urls)
    except Exception:  # the CDN expires its copy after s-maxage anyway
        logger.exception("Could not purge pages from the front-end cache")


def page_urls(page):
    """The full URLs of ``page`` in every interface language (for a CDN purge)."""
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            url = page.get_full_url()
        if url:
            urls.append(url)
    return urls


def _purge_urls_for(page, *, listings):
    """The page itself and the listings that show it."""
    from events.models import SessionIndexPage
    from home.models import HomePage
    from practices.models import PracticeIndexPage

    pages = [page]
    if PRACTICES in listings:
        pages += list(PracticeIndexPage.objects.live())
    if SESSIONS in listings:
        pages += list(SessionIndexPage.objects.live())
    if listings:
        pages += list(HomePage.objects.live())
    urls = []
    for item in pages:
        urls += page_urls(item)
        if isinstance(item, PracticeIndexPage):
            urls += [url + "feed/" for url in page_urls(item)]
    return urls


def tags_for_page_change(page):
    """Tags a published, unpublished or deleted page invalidates."""
    from events.models import SessionPage
    from practices.models import PracticePage

    cls = page.specific_class or type(page)
    tags = {page_tag(page.pk), SEARCH}
    if issubclass(cls, PracticePage):
        tags.add(PRACTICES)
    elif issubclass(cls, SessionPage):
        tags.add(SESSIONS)
    if page.show_in_menus or page.numchild:
        # In the main menu, or an ancestor whose title is in its descendants'
        # breadcrumbs: shown on every page.
        tags.add(ALL)
    return tags


def _page_changed(sender, instance, **kwargs):
    tags = tags_for_page_change(instance)
    invalidate(*tags, purge_urls=lambda: _purge_urls_for(instance, listings=tags))


def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) and type(instance) is Page:
        # Deleting a specific page also deletes its Page row: handle it once.
        _page_changed(sender, instance, **kwargs)


def _tree_changed(sender, instance=None, **kwargs):
    # A page moved or got a new slug: the URLs of it and everything below it changed,
    # and links to them are on many pages.
    invalidate(ALL, SEARCH, PRACTICES, SESSIONS)


def _everything_changed(sender, **kwargs):
    # Reference data and settings are shown on every page (filters, facts, footer).
    invalidate(ALL, SEARCH, PRACTICES, SESSIONS)


def _tag_renamed(sender, instance, created=False, **kwargs):
    if not created:  # new tags come with a practice, which invalidates by itself
        invalidate(ALL, SEARCH, PRACTICES)


def _view_restriction_changed(sender, **kwargs):
    # A page (and its subtree) became private or public again: a stored public copy
    # must go at once.
    invalidate(ALL, SEARCH, PRACTICES, SESSIONS)


def _search_changed(sender, **kwargs):
    invalidate(SEARCH)


def _seats_changed(sender, instance, **kwargs):
    """A registration or attendee changed: the session's free seats may have too."""
    session_id = instance.session_id

    def urls():
        from events.models import SessionPage

        session = SessionPage.objects.filter(pk=session_id).first()
        return _purge_urls_for(session, listings={SESSIONS}) if session else []

    invalidate(seats_tag(session_id), SESSIONS, purge_urls=urls)


def connect():
    """Connects the invalidation handlers (HomeConfig.ready)."""
    from taggit.models import Tag
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import PageViewRestriction, Site

    from events.models import Attendee, Registration
    from home.models import (
        CityNetwork,
        InterventionType,
        Municipality,
        PartnerType,
        PortalSettings,
        RiecRegion,
        Theme,
        Track,
    )
    from search.models import Synonym

    uid = "home.page_cache"
    page_published.connect(_page_changed, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(_page_changed, dispatch_uid=f"{uid}.unpublished")
    post_delete.connect(_page_deleted, dispatch_uid=f"{uid}.deleted")
    post_page_move.connect(_tree_changed, dispatch_uid=f"{uid}.moved")
    page_slug_changed.connect(_tree_changed, dispatch_uid=f"{uid}.slug")
    for model in (
        Theme,
        InterventionType,
        PartnerType,
        Track,
        Municipality,
        RiecRegion,
        CityNetwork,
        PortalSettings,
        Site,
    ):
        for signal in (post_save, post_delete):
            signal.connect(
                _everything_changed,
                sender=model,
                dispatch_uid=f"{uid}.{model.__name__}.{signal is post_save}",
            )
    for signal in (post_save, post_delete):
        signal.connect(
            _view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"{uid}.restriction.{signal is post_save}",
        )
    post_save.connect(_tag_renamed, sender=Tag, dispatch_uid=f"{uid}.tag")
    post_delete.connect(_tag_renamed, sender=Tag, dispatch_uid=f"{uid}.tag.deleted")
    for model in (Query, SearchPromotion, Synonym):
        for signal in (post_save, post_delete):
            signal.connect(
                _search_changed,
                sender=model,
                dispatch_uid=f"{uid}.{model.__name__}.{signal is post_save}",
            )
    for model in (Registration, Attendee):
        for signal in (post_save, post_delete):
            signal.connect(
                _seats_changed,
                sender=model,
                dispatch_uid=f"{uid}.{model.__name__}.{signal is post_save}",
            )
