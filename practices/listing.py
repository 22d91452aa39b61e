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
    practice_filter, practices = filter_practices(index_page, request.GET)
    paginator = Paginator(practices, PER_PAGE)
    # get_page falls back to the first or last page for a page number that is not one.
    page_obj = paginator.get_page(request.GET.get("page"))
    query = practice_filter.query_dict()
    feed_url = index_page.url + "feed/"
    if query:
        feed_url += "?" + urlencode(query)
    return {
        "filter": practice_filter,
        "filter_form": practice_filter.form,
        "filter_notices": practice_filter.notices,
        "practices": page_obj.object_list,
        "page_obj": page_obj,
        "paginator": paginator,
        "feed_url": feed_url,
    }
