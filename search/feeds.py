"""The Atom feed of a search: /zoeken/feed/?q=…&<the search page's filters>.

The same engine call as the search page (newest first), so the feed holds what the page
finds. Like the practice listing's feed (practices/feeds.py) it carries only public
fields: title, snippet text, municipality, themes and dates.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from home.links import absolute_url
from search import subscriptions
from search.engines import SearchQuery, SearchUnavailable, get_engine
from search.views import UNAVAILABLE, BadSearchRequest, query_from_request

FEED_SIZE = 50


def _text_response(message, status):
    return HttpResponse(
        str(message), status=status, content_type="text/plain; charset=utf-8"
    )


class SearchFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, query, results):
        self.request = request
        return {"query": query, "results": results}

    def title(self, obj):
        q, filters = subscriptions.canonical(obj["query"])
        return _("Zoeken: %(search)s – Kennisportaal Wijkaanpak & Ondermijning") % {
            "search": subscriptions.describe(q, filters)
        }

    def link(self, obj):
        return absolute_url(
            subscriptions.search_path(*subscriptions.canonical(obj["query"]))
        )

    def feed_url(self, obj):
        return absolute_url(self.request.get_full_path())

    def subtitle(self, obj):
        return _("Nieuwe praktijken en leerbijeenkomsten bij deze zoekopdracht.")

    def items(self, obj):
        return obj["results"].hits

    def item_title(self, hit):
        return hit.title

    def item_description(self, hit):
        return strip_tags(str(hit.snippet))

    def item_link(self, hit):
        return absolute_url(hit.url) if hit.url.startswith("/") else hit.url

    def item_guid(self, hit):
        return self.item_link(hit)

    def item_pubdate(self, hit):
        if hit.date is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(hit.date, datetime.time()))

    def item_author_name(self, hit):
        if hit.municipality:
            return _("Gemeente %(name)s") % {"name": hit.municipality}
        return None

    def item_categories(self, hit):
        return [str(hit.kind_label), *hit.themes]


@csrf_exempt
@require_GET
def search_feed(request):
    try:
        asked = query_from_request(request)
    except BadSearchRequest as error:
        return _text_response(error.message, error.status)
    query = SearchQuery(
        q=asked.q, filters=asked.filters, sort="newest", per_page=FEED_SIZE
    )
    try:
        results = get_engine().search(query)
    except SearchUnavailable:
        return _text_response(UNAVAILABLE, 503)
    return SearchFeed()(request, query=query, results=results)
