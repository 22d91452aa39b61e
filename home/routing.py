"""Page routing for anonymous visitors, from the cache.

Wagtail finds a page by walking the tree one level at a time (two queries per level),
then reads the site and the view restrictions of the page and its ancestors: a practice
page took seven queries before its own content was read. What an anonymous GET of a
path resolves to only changes when the tree, a page's publication, a view restriction
or a site changes, and each of those bumps a page-cache tag (home/page_cache.py): the
route is kept with the versions of the tags it depends on (``all`` and the page's own
tag) and used while they are unchanged.

Only public routes to a page's own address are kept (no view restriction on the page or
an ancestor; no sub-path of a routable page, such as a feed or a manage link with its
secret token), and only for visitors without a session cookie, for whom a page never
depends on who asks. A miss, a
signed-in editor or a preview routes the normal way.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import Http404

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from home import page_cache

ROUTE_PREFIX = "pagecache:route:"


def _enabled(request):
    # Any method: where a path leads does not depend on it (an anonymous registration
    # POST is routed like the GET of its form).
    return (
        settings.DATA_CACHE_TIMEOUT > 0
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _key(request, path):
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    address = f"{request.scheme}://{host}/{path}"
    return ROUTE_PREFIX + hashlib.sha256(address.encode()).hexdigest()


def site_for_request(request):
    """Site.find_for_request(request), kept per host while nothing bumps ``all`` (a
    site's change does). Wagtail keeps the answer on the request, where every later
    lookup in this request finds it."""
    if not hasattr(request, "_wagtail_site") and _enabled(request):
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        request._wagtail_site = page_cache.cached_data(
            f"site:{hashlib.sha256(host.encode()).hexdigest()}",
            {page_cache.ALL},
            lambda: Site.find_for_request(request),
        )
    return Site.find_for_request(request)


def route(request, path):
    """Page.route_for_request(request, path), from the cache when it can be."""
    key = _key(request, path) if _enabled(request) else None
    if key is not None and _restore(request, key):
        return request._wagtail_route_for_request
    result = Page.route_for_request(request, path)
    if key is not None and result is not None:
        _store(request, key, path, result)
    return result


def _restore(request, key):
    cache = page_cache._cache()
    entry = cache.get(key)
    if entry is None:
        return False
    versions, site, page = entry
    if page_cache.current_versions(versions) != versions:
        return False
    if isinstance(page, RoutablePageMixin):
        try:
            # Its own view for the page's address, from its URL patterns: no database.
            result = page.route(request, [])
        except Http404:
            return False
    else:
        result = (page, [], {})
    # Known public when stored, and every change of a view restriction bumps `all`.
    page.get_view_restrictions = _no_restrictions
    request._wagtail_site = site
    request._wagtail_route_for_request = result
    return True


def _no_restrictions():
    return []


def _store(request, key, path, result):
    page = result[0]
    site = Site.find_for_request(request)
    if site is None or page.get_view_restrictions():
        return
    # What the tree consumed of the path.
    root_path = site.root_page.url_path
    consumed = [part for part in page.url_path[len(root_path) :].split("/") if part]
    components = [part for part in path.split("/") if part]
    if components[: len(consumed)] != consumed:
        return  # routed some other way (an alias, a custom route): not ours to keep
    if components[len(consumed) :]:
        # A routable page's sub-path (a feed, a manage link with its secret token):
        # not kept, so no token ever lands in the cache.
        return
    versions = page_cache.current_versions(
        {page_cache.ALL, page_cache.page_tag(page.pk)}
    )
    if not page_cache.versions_are_settled(versions, request):
        return  # changed while routing: keep nothing that may predate the change
    page_cache._cache().set(
        key, (versions, site, page), timeout=page_cache.data_timeout()
    )
