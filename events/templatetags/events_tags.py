"""Template tags of the events app, for pages of other apps (the home page)."""

from django import template
from django.utils import timezone

from events.models import SessionIndexPage, SessionPage

register = template.Library()


@register.simple_tag(takes_context=True)
def upcoming_sessions(context, count=3):
    """The next `count` live sessions of the current site, and the index page."""
    request = context.get("request")
    site_root = context.get("site_root")
    sessions = (
        SessionPage.objects.live()
        .public()
        .filter(end__gte=timezone.now())
        .prefetch_related("themes")
        .order_by("start")
    )
    index = SessionIndexPage.objects.live().public()
    if site_root is not None:
        sessions = sessions.descendant_of(site_root)
        index = index.descendant_of(site_root)
    del request
    return {"sessions": list(sessions[:count]), "index": index.first()}
