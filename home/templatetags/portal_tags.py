"""Template helpers shared by every app's templates."""

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

# Pages are written in Dutch only (WAGTAIL_CONTENT_LANGUAGES).
CONTENT_LANGUAGE = "nl"

register = template.Library()


@register.simple_tag
def elided_page_range(page_obj, on_each_side=2, on_ends=1):
    """Page numbers around the current page, with Paginator.ELLIPSIS for the gaps."""
    return list(
        page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=on_each_side, on_ends=on_ends
        )
    )


@register.simple_tag
def content_lang():
    """` lang="nl"` on an element that holds editors' Dutch content (page titles,
    summaries, body, reference data) while the interface is in another language, so
    screen readers pronounce it as Dutch; nothing in the Dutch interface."""
    if translation.get_language() == CONTENT_LANGUAGE:
        return ""
    return mark_safe(f' lang="{CONTENT_LANGUAGE}"')  # noqa: S308 (a constant)
