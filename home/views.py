"""Site-wide files that crawlers and browsers ask for at fixed addresses."""

from django.http import HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from home.links import absolute_url

# Not for crawlers: the admin, the registrations' personal manage links, the APIs.
PRIVATE_ROUTES = ("wagtailadmin_home", "admin:index", "search_api")


@require_GET
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    from wagtail.contrib.sitemaps.views import sitemap

    lines = ["User-agent: *"]
    lines += [f"Disallow: {reverse(name)}" for name in PRIVATE_ROUTES]
    lines += ["Disallow: /*/aanmelding/", f"Sitemap: {absolute_url(reverse(sitemap))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links: send them to ours."""
    return HttpResponseRedirect(static("images/favicon.ico"))
