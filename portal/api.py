"""The public read API (Wagtail API v2). Each app registers its endpoint here."""

from wagtail.api.v2.router import WagtailAPIRouter

api_router = WagtailAPIRouter("wagtailapi")
