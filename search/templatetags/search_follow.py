"""Template tags of "Volg deze zoekopdracht": the form's hidden fields and the feed link
for the search page and the practice listing."""

from django import template
from django.urls import reverse

from home.models import Municipality
from search import subscriptions
from search.engines import SearchQuery

register = template.Library()

# Practice listing filter (practices/filters.py) → search facet with the same values.
LISTING_FACETS = {
    "thema": "theme",
    "interventie": "intervention",
    "partner": "partner",
    "spoor": "track",
    "gemeente": "municipality",
    "regio": "riec",
    "bewijs": "evidence",
    "trefwoord": "tag",
    "jaar": "year",
}


def _follow(query, unsupported=()):
    q, filters = subscriptions.canonical(query)
    params = [("q", q)]
    for name, values in filters.items():
        params.extend((name, value) for value in values)
    return {
        "params": params,
        "description": subscriptions.describe(q, filters),
        "feed_url": subscriptions.feed_path(q, filters),
        "unsupported": list(unsupported),
        "action": reverse("search_follow"),
    }


@register.simple_tag
def search_follow(query):
    """For the search page: the current query and filters (not the sort or page)."""
    if query is None:
        query = SearchQuery()
    return _follow(query)


@register.simple_tag
def listing_follow(practice_filter):
    """For the practice listing: its filters as the search's facets (practices only).
    Filters the search has no facet for (kind, status, assessed since) cannot be
    followed by e-mail; they are listed so the page can say so."""
    filters = {"type": ("practice",)}
    unsupported = []
    for name, value in practice_filter.values.items():
        facet = LISTING_FACETS.get(name)
        if facet is None:
            unsupported.append(str(practice_filter.form.fields[name].label))
            continue
        if isinstance(value, Municipality):
            value = value.slug
        filters[facet] = (str(value),)
    return _follow(SearchQuery(filters=filters), unsupported)
