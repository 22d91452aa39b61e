"""Atom feeds of the practice listing: /praktijken/feed/?<the same filters>.

A feed carries only public fields: title, summary, municipality, themes and dates. Never
restricted details, never contact details.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from home.links import absolute_url, page_url

FEED_SIZE = 50


class PracticeFeed(Feed):
    feed_type = Atom1Feed
    language = "nl"

    def get_object(self, request, index_page):
        from practices.listing import filter_practices

        practice_filter, practices = filter_practices(index_page, request.GET)
        self.request = request
        return {
            "index": index_page,
            "filter": practice_filter,
            "items": list(practices[:FEED_SIZE]),
        }

    def title(self, obj):
        applied = "; ".join(obj["filter"].applied_labels())
        base = _("Praktijken – Kennisportaal Wijkaanpak & Ondermijning")
        return f"{base} ({applied})" if applied else base

    def link(self, obj):
        return page_url(obj["index"])

    def feed_url(self, obj):
        # rel=self is this feed with the filters it was asked with.
        return absolute_url(self.request.get_full_path())

    def subtitle(self, obj):
        return obj["index"].introduction or _(
            "Nieuwe casussen en goede praktijken van gemeenten."
        )

    def items(self, obj):
        return obj["items"]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return page_url(item)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item):
        return _("Gemeente %(name)s") % {"name": item.lead_municipality}

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]
