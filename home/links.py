"""Absolute links: every URL that leaves the portal is built from PORTAL_BASE_URL.

Mails, feeds, the API, iCal files, JSON-LD and the sitemap are read outside the page
that made them (and mails are sent by a worker, with no request at hand), so their links
never come from the request's host. `absolute_url("/path/")` and `page_url(page)` build
them from the one configured address; Wagtail's own absolute URLs (sitemap, API,
`page.full_url`) use the default Site, whose host name and port `sync_default_site`
keeps equal to the setting after every `manage.py migrate`.
"""

from urllib.parse import urlsplit

from django.conf import settings


def base_url():
    """The configured public address, without a trailing slash."""
    return settings.PORTAL_BASE_URL.rstrip("/")


def absolute_url(path):
    """`/leerbijeenkomsten/` → `https://portal.example/leerbijeenkomsten/`.

    `path` is what `reverse()`, `page.url` or `request.get_full_path()` return: it must
    start with a slash; a full URL is refused, so a link from elsewhere never slips in.
    """
    if not path.startswith("/") or path.startswith("//"):
        raise ValueError(f"absolute_url() takes a path starting with '/', not {path!r}")
    return base_url() + path


def page_url(page, subpath=""):
    """The absolute URL of a page (plus `subpath`, e.g. a route of a routable page);
    empty when the page is not routable (not under a site)."""
    parts = page.get_url_parts()
    if parts is None:
        return ""
    _site_id, _root_url, page_path = parts
    return absolute_url(page_path + subpath.lstrip("/"))


def site_address():
    """(hostname, port) of PORTAL_BASE_URL as Wagtail's Site stores them."""
    parts = urlsplit(base_url())
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def sync_default_site(using="default"):
    """Gives the default Site the host name and port of PORTAL_BASE_URL; returns
    whether it changed. Saved through the model, so Wagtail clears its cached roots."""
    from wagtail.models import Site

    hostname, port = site_address()
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(using=using, update_fields=["hostname", "port"])
    return True


def in_interface_language(path):
    """A stored Dutch path (`/praktijken/x/`, as the search index keeps it) in the
    current interface language (`/en/praktijken/x/` in English), so a visitor of the
    English interface stays in it. Anything else (a full URL, a path outside the
    language prefix such as /documenten/) comes back unchanged."""
    from django.urls import translate_url
    from django.utils import translation

    current = translation.get_language() or settings.LANGUAGE_CODE
    if current == settings.LANGUAGE_CODE or not path or not path.startswith("/"):
        return path
    if (
        path.startswith("//")
        or path == f"/{current}/"
        or path.startswith(f"/{current}/")
    ):
        return path
    # Resolved as the Dutch path it is, reversed in the current language.
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(path, current)
