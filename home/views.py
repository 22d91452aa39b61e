"""Site-wide views: Wagtail's page serving, and the files crawlers and browsers ask for.

Wagtail's page serving, with the anonymous registration form outside Django's CSRF.

Why that is safe: CSRF protects requests that carry *ambient authority* — a session
cookie that makes the forged request act as a signed-in user. The registration form of a
session page acts as nobody: it only creates a registration from what is typed in it,
which an attacker could submit just as well from their own browser. Its CSRF token is
what made every session page set a ``csrftoken`` cookie and so unfit for any shared
cache. Instead of the token, a POST to it must come from this portal (``Origin``, else
``Referer``, equal to this host or listed in CSRF_TRUSTED_ORIGINS), so another site
cannot make a visitor's browser register silently. Every other POST to a page (the
manage link pages, Wagtail form pages, password-protected pages) keeps Django's CSRF
protection. See docs/decisions.md.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import NoReverseMatch, re_path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET

from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views

from home import routing
from home.links import absolute_url

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
_serve_with_csrf = csrf_protect(wagtail_views.serve)


def is_anonymous_form(route):
    """Is this routed request the registration form of a session page?"""
    from events.models import SessionPage

    page, args, _kwargs = route
    view = args[0] if args else None
    return isinstance(page, SessionPage) and getattr(view, "__name__", "") == "detail"


def comes_from_this_site(request):
    """The POST's Origin (or, without one, its Referer) is this portal."""
    origin = request.META.get("HTTP_ORIGIN")
    if not origin or origin == "null":
        referer = urlsplit(request.META.get("HTTP_REFERER", ""))
        if not referer.scheme or not referer.netloc:
            return False
        origin = f"{referer.scheme}://{referer.netloc}"
    try:
        own = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return False
    return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS


@csrf_exempt
def serve(request, path):
    if request.method in SAFE_METHODS:
        # An anonymous visitor's route comes from the cache when it can (home/routing.py);
        # Wagtail's serve then uses the route kept on the request.
        routing.route(request, path)
        return wagtail_views.serve(request, path)
    route = routing.route(request, path)
    if route is None or not is_anonymous_form(route):
        return _serve_with_csrf(request, path)
    # The test client's switch for CSRF checks covers this check too.
    checked = not getattr(request, "_dont_enforce_csrf_checks", False)
    if checked and not comes_from_this_site(request):
        return HttpResponseForbidden(
            _(
                "Deze aanmelding kwam niet van de pagina van de bijeenkomst op dit "
                "portaal. Vul het formulier opnieuw in op die pagina."
            ),
            content_type="text/plain; charset=utf-8",
        )
    return wagtail_views.serve(request, path)


# Wagtail's own URL patterns, with its page serving replaced by the view above.
urlpatterns = [
    pattern
    for pattern in wagtail_urls.urlpatterns
    if getattr(pattern, "name", None) != "wagtail_serve"
] + [re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve")]


# --- robots.txt and favicon ---------------------------------------------------------
# Not for crawlers: the admin, the registrations' personal manage links, the APIs.
PRIVATE_ROUTES = (
    "wagtailadmin_home",
    "admin:index",
    "search_api",
    # The follow-a-search links from mails (and the subscribe POST).
    "search_follow",
)


@require_GET
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    from wagtail.contrib.sitemaps.views import sitemap

    lines = ["User-agent: *"]
    for name in PRIVATE_ROUTES:
        try:
            lines.append(f"Disallow: {reverse(name)}")
        except NoReverseMatch:  # Django's admin is not mounted in production
            continue
    lines += ["Disallow: /*/aanmelding/", f"Sitemap: {absolute_url(reverse(sitemap))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links: send them to ours."""
    return HttpResponseRedirect(static("images/favicon.ico"))
