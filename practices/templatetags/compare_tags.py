"""Template tags for comparing practices (practices/compare.py)."""

from django import template
from django.utils import translation

from home import page_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def practice_compare_url(context):
    """The URL of the comparison (/praktijken/vergelijk/ in the current language), or
    "" without a live practice listing. No query on a page that knows the listing."""
    from practices.compare import compare_url
    from practices.models import PracticeIndexPage

    known = context.get("compare_url")
    if known:
        return known
    page = context.get("page")
    if isinstance(page, PracticeIndexPage):
        return compare_url(page)

    def compute():
        index_page = PracticeIndexPage.objects.live().public().first()
        return compare_url(index_page) if index_page else ""

    # Once per request (a result page asks for every hit), then from the shared cache:
    # the listing's URL changes only with the page tree, which bumps ALL.
    request = context.get("request")
    if request is not None and hasattr(request, "_practice_compare_url"):
        return request._practice_compare_url
    language = translation.get_language()
    url = page_cache.cached_data(
        f"practice-compare-url:{language}", {page_cache.ALL}, compute
    )
    if request is not None:
        request._practice_compare_url = url
    return url
