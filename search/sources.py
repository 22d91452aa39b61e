"""What gets indexed: a live, public PracticePage or SessionPage as a document dict.

A document is engine-neutral::

    {"page_id", "kind", "title", "url", "date", "snippet_source", "body",
     "municipality", "themes", "facets": {facet: [(value, label), ...]}}

Never indexed: ``PracticePage.restricted_details`` (only for signed-in government
users), contact details, online meeting links and anything on pages that are not live
or have a view restriction.
"""

import re

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from wagtail.models import Page

from events.models import SessionPage
from practices.models import PracticePage

SNIPPET_SOURCE_LENGTH = 3000
# StreamField keys whose values are not text a reader sees.
NON_TEXT_KEYS = {"id", "type", "level", "image", "document", "page", "practice", "url"}

PRACTICE_TEXT_FIELDS = (
    "summary",
    "neighbourhood",
    "problem",
    "approach",
    "partners_description",
    "results",
    "what_did_not_work",
    "lessons",
    "costs_and_capacity",
)
SESSION_TEXT_FIELDS = (
    "summary",
    "audience",
    "co_organisers",
    "venue_name",
    "description",
    "programme",
    "lessons_learned",
    "materials",
)
INDEXED_TYPES = (PracticePage, SessionPage)


# The end of a block element or a line break: where words of two paragraphs would
# otherwise run together ("niet.</p><p>Een" → "niet.Een").
_BLOCK_END = re.compile(r"(</(?:p|li|h[1-6]|div|blockquote|td|th|tr)>|<br\s*/?>)", re.I)


def strip_html(html):
    """Text of an HTML fragment, with a space wherever a block ends."""
    return " ".join(strip_tags(_BLOCK_END.sub(r"\1 ", html)).split())


def plain_text(value):
    """Readable text of a model field: plain text, rich text or a StreamField."""
    if value is None:
        return ""
    raw_data = getattr(value, "raw_data", None)
    if raw_data is not None:
        return " ".join(_stream_strings(list(raw_data)))
    return strip_html(str(value))


def _stream_strings(data):
    if isinstance(data, str):
        text = strip_html(data)
        return [text] if text else []
    if isinstance(data, dict):
        strings = []
        for key, value in data.items():
            if key not in NON_TEXT_KEYS:
                strings.extend(_stream_strings(value))
        return strings
    if isinstance(data, list | tuple):
        return [s for item in data for s in _stream_strings(item)]
    return []


def is_indexable(page):
    page = page.specific
    return (
        isinstance(page, INDEXED_TYPES)
        and page.live
        and not page.get_view_restrictions().exists()
    )


def _local_date(value):
    return timezone.localtime(value).date() if value else None


def _terms(manager):
    return [(term.slug, term.name) for term in manager.all()]


def practice_document(page):
    municipalities = [page.lead_municipality, *page.other_municipalities.all()]
    municipalities = list({m.pk: m for m in municipalities}.values())
    regions = {m.riec_region.slug: m.riec_region.name for m in municipalities}
    themes = _terms(page.themes)
    published = page.first_published_at or page.last_published_at or timezone.now()
    document_date = _local_date(published)
    texts = [plain_text(getattr(page, name)) for name in PRACTICE_TEXT_FIELDS]
    # Lessons from learning sessions about this practice (practices/lessons.py).
    from practices.lessons import lesson_texts

    texts += lesson_texts(page)
    return {
        "page_id": page.pk,
        "kind": "practice",
        "title": page.title,
        "url": page.get_url() or page.url_path,
        "date": document_date,
        "snippet_source": Truncator(" ".join(t for t in texts if t)).chars(
            SNIPPET_SOURCE_LENGTH
        ),
        "body": "\n".join(texts),
        "municipality": page.lead_municipality.display_name,
        "themes": [name for _slug, name in themes],
        "facets": {
            "type": [("practice", "Praktijk")],
            "theme": themes,
            "tag": [(tag.slug, tag.name) for tag in page.tags.all()],
            "municipality": [(m.slug, m.display_name) for m in municipalities],
            "riec": sorted(regions.items()),
            "intervention": _terms(page.intervention_types),
            "partner": _terms(page.partner_types),
            "track": _terms(page.tracks),
            "evidence": [(page.evidence_level, page.get_evidence_level_display())],
            "year": [(str(page.year or document_date.year),) * 2],
        },
    }


def session_document(page):
    themes = _terms(page.themes)
    document_date = _local_date(page.start)
    texts = [plain_text(getattr(page, name)) for name in SESSION_TEXT_FIELDS]
    return {
        "page_id": page.pk,
        "kind": "session",
        "title": page.title,
        "url": page.get_url() or page.url_path,
        "date": document_date,
        "snippet_source": Truncator(" ".join(t for t in texts if t)).chars(
            SNIPPET_SOURCE_LENGTH
        ),
        "body": "\n".join(texts),
        "municipality": "",
        "themes": [name for _slug, name in themes],
        "facets": {
            "type": [("session", "Leerbijeenkomst")],
            "theme": themes,
            "year": [(str(document_date.year), str(document_date.year))],
        },
    }


def document_for(page):
    """The document for ``page``, or ``None`` when it must not be in the index."""
    page = page.specific
    if not is_indexable(page):
        return None
    if isinstance(page, PracticePage):
        return practice_document(page)
    return session_document(page)


def all_documents(chunk_size=200):
    """Documents of every indexable page, read in chunks with their relations."""
    practices = (
        PracticePage.objects.live()
        .public()
        .select_related("lead_municipality__riec_region")
        .prefetch_related(
            "other_municipalities__riec_region",
            "themes",
            "tags",
            "intervention_types",
            "partner_types",
            "tracks",
        )
        .order_by("pk")
    )
    for page in practices.iterator(chunk_size=chunk_size):
        yield practice_document(page)
    sessions = (
        SessionPage.objects.live().public().prefetch_related("themes").order_by("pk")
    )
    for page in sessions.iterator(chunk_size=chunk_size):
        yield session_document(page)


def count_documents():
    return (
        PracticePage.objects.live().public().count()
        + SessionPage.objects.live().public().count()
    )


def indexable_page_ids(page):
    """The page and its descendants that the search index may contain (a move or an
    unpublish of a parent affects them all)."""
    return list(
        Page.objects.descendant_of(page, inclusive=True)
        .type(*INDEXED_TYPES)
        .values_list("pk", flat=True)
    )
