"""The language switch: links to the same page in the other interface languages."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def other_languages(context):
    """[{code, name, url}] for every interface language except the current one.

    The URL is the visitor's own (with its query string) under the other language's
    prefix, so switching keeps the page, its filters and the search.
    """
    request = context.get("request")
    current = translation.get_language()
    here = request.get_full_path() if request is not None else "/"
    languages = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        languages.append({"code": code, "name": name, "url": translate_url(here, code)})
    return languages


@register.filter
def in_interface_language(path):
    """`{{ hit.url|in_interface_language }}`: a stored Dutch path in the current
    interface language (home/links.py)."""
    from home.links import in_interface_language as localize

    return localize(path)
