"""The practice listing: the public queryset, filtering and pagination."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Prefetch

from home.models import Theme
from practices.filters import PracticeFilter
from practices.models import PracticePage

PER_PAGE = 12


def public_practices(index_page=None):
    """Live, public practices with everything a listing or a feed shows, in a fixed
    number of queries whatever their number."""
    queryset = PracticePage.objects.live().public()
    if index_page is not None:
        queryset = queryset.descendant_of(index_page)
    return queryset.select_related("lead_municipality__riec_region").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.only("pk", "name", "slug"))
    )


def filter_practices(index_page, params):
    """(filter, filtered queryset) for the GET parameters of a listing or feed."""
    base = PracticePage.objects.live().public().descendant_of(index_page)
    practice_filter = PracticeFilter(params, base_queryset=base)
    return practice_filter, practice_filter.apply(public_practices(index_page))


def listing_context(index_page, request):
    """What the listing shows, every part read only when it is rendered: a kept copy of
    the content and the head (home/page_cache.cache_content) reads nothing."""
    from django.utils.functional import SimpleLazyObject

    filtered = SimpleLazyObject(lambda: filter_practices(index_page, request.GET))
    practice_filter = SimpleLazyObject(lambda: filtered[0])
    paginator = SimpleLazyObject(lambda: Paginator(filtered[1], PER_PAGE))
    # get_page falls back to the first or last page for a page number that is not one.
    page_obj = SimpleLazyObject(lambda: paginator.get_page(request.GET.get("page")))

    def feed_url():
        query = practice_filter.query_dict()
        url = index_page.url + "feed/"
        return url + "?" + urlencode(query) if query else url

    return {
        "filter": practice_filter,
        "filter_form": SimpleLazyObject(lambda: practice_filter.form),
        "filter_notices": SimpleLazyObject(lambda: practice_filter.notices),
        "practices": SimpleLazyObject(lambda: list(page_obj.object_list)),
        "page_obj": page_obj,
        "paginator": paginator,
        "feed_url": SimpleLazyObject(feed_url),
    }
