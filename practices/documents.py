"""Confidential documents: served only to those who may read restricted details.

A document is confidential when

* it is filed in a collection with any view restriction (Wagtail's collection privacy;
  on top of that restriction, the reader must also be allowed to see restricted
  details), or
* it is linked from the restricted details of a practice (live or in its latest draft)
  and from nowhere public: no other field of any page, snippet or setting refers to it.

Wagtail's document view asks ``before_serve_document`` (registered in wagtail_hooks.py)
before it sends a file; documents are only served through that view
(WAGTAILDOCS_SERVE_METHOD = "serve_view"), never straight from MEDIA_ROOT.
"""

import re

from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.db.models.fields.json import KeyTextTransform
from django.http import Http404

from wagtail.models import ReferenceIndex, Revision

from practices.roles import can_view_restricted_details

RESTRICTED_FIELD = "restricted_details"
DOCUMENT_LINK = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
LINKTYPE_DOCUMENT = re.compile(r'\blinktype="document"')
LINK_ID = re.compile(r'\bid="(\d+)"')


def document_ids_in_rich_text(html):
    """The ids of the documents a stored rich text links to."""
    ids = set()
    for tag in DOCUMENT_LINK.findall(html or ""):
        if LINKTYPE_DOCUMENT.search(tag):
            match = LINK_ID.search(tag)
            if match:
                ids.add(int(match.group(1)))
    return ids


def _linked_from_restricted_drafts(document):
    """Whether the latest revision of a practice links the document in its
    restricted details (drafts are not in Wagtail's reference index)."""
    from practices.models import PracticePage

    candidates = (
        Revision.objects.filter(
            pk__in=PracticePage.objects.exclude(latest_revision=None).values(
                "latest_revision"
            ),
            content_type=ContentType.objects.get_for_model(PracticePage),
        )
        .annotate(restricted=KeyTextTransform(RESTRICTED_FIELD, "content"))
        .filter(restricted__contains=f'id="{document.pk}"')
        .values_list("restricted", flat=True)
    )
    return any(document.pk in document_ids_in_rich_text(text) for text in candidates)


def is_confidential(document):
    if document.collection.get_view_restrictions().exists():
        return True
    references = ReferenceIndex.get_references_to(document)
    restricted = public = False
    for model_path in references.values_list("model_path", flat=True):
        if model_path.split(".")[0] == RESTRICTED_FIELD:
            restricted = True
        else:
            public = True
    if public:
        return False
    return restricted or _linked_from_restricted_drafts(document)


def guard_confidential_document(document, request):
    """before_serve_document: the login page for visitors, a 404 for other users."""
    if can_view_restricted_details(request.user) or not is_confidential(document):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404("Document not found")
