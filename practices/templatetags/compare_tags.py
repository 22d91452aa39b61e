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

    # The listing's URL changes only with the page tree, which bumps ALL.
    language = translation.get_language()
    return page_cache.cached_data(
        f"practice-compare-url:{language}", {page_cache.ALL}, compute
    )
