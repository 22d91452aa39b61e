"""Template helpers shared by every app's templates."""

import functools

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


class CachedContentNode(template.Node):
    def __init__(self, nodelist, part):
        self.nodelist = nodelist
        self.part = part

    def render(self, context):
        from home import page_cache

        request = context.get("request")
        kept = page_cache.kept_content(request, self.part) if request else None
        if kept is not None:
            return mark_safe(kept[0])  # noqa: S308 (rendered by this template)
        content = self.nodelist.render(context)
        if request is not None:
            page_cache.store_content(request, self.part, content)
        return content


@register.tag
def cached_content(parser, token):
    """{% cached_content ["part"] %}…{% endcached_content %}: the main content of a
    page (or another part of it, such as the head), kept while nothing it shows
    changes, when the view declared it may be (home/page_cache.cache_content)."""
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError("cached_content takes at most a part name")
    part = bits[1].strip("\"'") if len(bits) == 2 else ""
    nodelist = parser.parse(("endcached_content",))
    parser.delete_first_token()
    return CachedContentNode(nodelist, part)


@register.simple_tag
def layout_assets():
    """The icons and style sheets of every page (includes/layout_assets.html), rendered
    once per process: resolving thirteen hashed static names cost more than the rest
    of the page's head."""
    return _layout_assets()


@functools.cache
def _layout_assets():
    from django.template.loader import render_to_string

    return mark_safe(render_to_string("includes/layout_assets.html").strip())  # noqa: S308
