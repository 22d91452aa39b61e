"""Site-wide template context: the main navigation and the footer links."""

from typing import NamedTuple

from django.utils import translation

from home import page_cache, routing
from home.models import PortalSettings


class MenuLink(NamedTuple):
    url: str
    title: str


def navigation(request):
    """The home link, the main menu (live, public children of the site root marked
    'show in menus') and the footer links from the portal settings, with their URLs in
    the current interface language.

    Shown on every page and changed only by what bumps the ``all`` tag (a page in the
    menu published or moved, the settings saved), so they are read once per change and
    language (home/page_cache.cached_data), not on every request.
    """
    site = routing.site_for_request(request)
    if site is None:
        return {"home_url": "/"}
    language = translation.get_language()
    return page_cache.cached_data(
        f"navigation:{site.pk}:{language}",
        {page_cache.ALL},
        lambda: _navigation(site, request),
    )


def _navigation(site, request):
    root = site.root_page.specific
    menu_pages = root.get_children().live().public().in_menu().specific(defer=True)
    portal_settings = PortalSettings.load()

    def url_of(page):
        return page.get_url(request=request) if page is not None else ""

    return {
        "site_root": root,
        "home_url": url_of(root) or "/",
        "main_menu": [MenuLink(url_of(page), page.title) for page in menu_pages],
        "portal_settings": portal_settings,
        "accessibility_url": url_of(portal_settings.accessibility_page),
        "privacy_url": url_of(portal_settings.privacy_page),
    }
