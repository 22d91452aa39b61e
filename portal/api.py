"""The public read API (Wagtail API v2). Each app registers its endpoint here."""

from wagtail.api.v2.router import WagtailAPIRouter

from practices.api import PracticesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("praktijken", PracticesAPIViewSet)
