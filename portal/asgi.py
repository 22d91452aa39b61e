"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_asgi_application()

# Before the server serves a request: read the search's sets of documents, so that
# no visitor's search waits for them (docs/search.md, "Warm-up").
from search.database import warm_up  # noqa: E402

warm_up()
