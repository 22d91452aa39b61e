"""Template tags of the practices app."""

from django import template

from home.models import Theme
from practices.listing import public_practices
from practices.models import PracticeIndexPage, ThemeDossierPage

register = template.Library()

LATEST_COUNT = 6


@register.simple_tag(takes_context=True)
def home_practices(context, home_page):
    """Featured practices (live only, in the editors' order), the latest published
    practices and the themes, for the home page. A fixed number of queries."""
    request = context.get("request")
    featured_ids = [link.practice_id for link in home_page.featured_practices.all()]
    featured_by_id = {
        practice.pk: practice
        for practice in public_practices().filter(pk__in=featured_ids)
    }
    featured = [featured_by_id[pk] for pk in featured_ids if pk in featured_by_id]
    latest = list(
        public_practices()
        .exclude(pk__in=featured_by_id)
        .order_by("-first_published_at", "-pk")[:LATEST_COUNT]
    )
    index = PracticeIndexPage.objects.live().public().first()
    dossier_urls = {
        dossier.theme_id: dossier.get_url(request=request)
        for dossier in ThemeDossierPage.objects.live().public()
    }
    themes = list(Theme.objects.all())
    for theme in themes:
        theme.dossier_url = dossier_urls.get(theme.pk)
    return {
        "featured": featured,
        "latest": latest,
        "themes": themes,
        "index_url": index.get_url(request=request) if index else None,
    }
