"""Atom feeds of the practice listing: /praktijken/feed/?<the same filters>.

A feed carries only public fields: title, summary, municipality, themes and dates. Never
restricted details, never contact details.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

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
        return obj["index"].get_url(request=self.request)

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
        return item.get_url(request=self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item):
        return _("Gemeente %(name)s") % {"name": item.lead_municipality}

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]
