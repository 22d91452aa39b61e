from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from portal.api import api_router
from portal.well_known import security_txt

# Outside the language prefix: the admin (in each editor's own language), documents,
# the read API and the sitemap.
urlpatterns = [
    path(".well-known/security.txt", security_txt, name="security_txt"),
    # Invitation link and second factor, before Wagtail's admin catches /admin/….
    path("admin/", include("practices.account_urls")),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("favicon.ico", home_views.favicon, name="favicon"),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap),
]

if settings.DJANGO_ADMIN_ENABLED:
    # Django's own admin bypasses Wagtail's permissions and second factor: development only.
    urlpatterns.insert(0, path("django-admin/", admin.site.urls))

if settings.DEBUG:
    from django.conf.urls.static import static

    # Images only: documents are always served by Wagtail's view, which checks who may
    # see them (settings.WAGTAILDOCS_SERVE_METHOD; docs/security.md).
    for folder in ("original_images", "images"):
        urlpatterns += static(
            f"{settings.MEDIA_URL}{folder}/", document_root=settings.MEDIA_ROOT / folder
        )

# The public site: Dutch at /…, English at /en/… (the interface language lives in the
# URL, so every page is one cacheable response; see home/middleware.py). Wagtail's page
# serving (home/views.py) comes last: it catches every remaining path.
urlpatterns += i18n_patterns(
    path("", include("events.urls")),
    path("", include("search.urls")),
    path("", include("home.views")),
    prefix_default_language=False,
)
