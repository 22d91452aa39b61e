"""Site-wide template context: the main navigation and the footer links."""

from wagtail.models import Site

from home.models import PortalSettings


def navigation(request):
    """Main menu = live children of the site root that are marked 'show in menus'.

    Two queries per request; the settings row is cached per request by Wagtail.
    """
    site = Site.find_for_request(request)
    if site is None:
        return {}
    root = site.root_page
    menu_pages = root.get_children().live().public().in_menu().specific(defer=True)
    portal_settings = PortalSettings.load(request_or_site=request)
    return {
        "site_root": root,
        "main_menu": menu_pages,
        "portal_settings": portal_settings,
    }
