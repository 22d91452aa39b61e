from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from portal.api import api_router

urlpatterns = [
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("favicon.ico", home_views.favicon, name="favicon"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap),
    path("", include("events.urls")),
    path("", include("search.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving last: it catches every remaining path.
urlpatterns += [path("", include(wagtail_urls))]
