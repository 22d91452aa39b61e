"""Interface language: the one in the URL (/en/… is English), else Dutch."""

from django.conf import settings
from django.utils import translation


class UrlLanguageMiddleware:
    """Activates the language of the URL prefix: English under /en/, Dutch elsewhere.

    Django's LocaleMiddleware would fall back to the language cookie and the browser's
    Accept-Language header for unprefixed URLs and add ``Vary: Accept-Language``; the
    portal is Dutch first, and a page is the same for everyone who asks for its URL, so
    a shared cache can keep one copy of it. The Wagtail admin (outside the prefix) sets
    each editor's own language itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = (
            translation.get_language_from_path(request.path_info)
            or settings.LANGUAGE_CODE
        )
        request.LANGUAGE_CODE = language
        # Only for this request: the next one on this thread starts from the default.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
