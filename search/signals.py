"""Keeping the search index current: publishing, unpublishing, moving, deleting and
view restrictions change the index after the transaction commits.

An index update never breaks publishing: a failure is logged and the page is recorded
in PendingIndexUpdate, which the next successful update (or
``manage.py rebuild_search_index --retry-pending``) works off.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from search.engines import get_engine
from search.models import PendingIndexUpdate, SearchIndexState, Synonym
from search.sources import INDEXED_TYPES, document_for, indexable_page_ids

logger = logging.getLogger(__name__)
# Pending updates retried along with each new update (the rest wait for the next).
RETRY_BATCH = 50


def refresh_pages(page_ids):
    """Index the pages that may be in the index and remove the others.

    Retries earlier failures too. Never raises: a failure is logged and queued.
    """
    page_ids = set(page_ids)
    pending = list(
        PendingIndexUpdate.objects.exclude(page_id__in=page_ids).values_list(
            "page_id", flat=True
        )[:RETRY_BATCH]
    )
    page_ids.update(pending)
    if not page_ids:
        return
    pages = {}
    try:
        engine = get_engine()
        pages = {
            page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()
        }
        documents = []
        removed = []
        for page_id in sorted(page_ids):
            document = document_for(pages[page_id]) if page_id in pages else None
            if document is None:
                removed.append(page_id)
            else:
                documents.append(document)
        if removed:
            engine.remove_pages(removed)
        if documents:
            engine.index_documents(documents)
    except Exception as error:
        logger.exception("Search index update failed for pages %s", sorted(page_ids))
        record_failure(page_ids, pages_known=pages, error=error)
    else:
        PendingIndexUpdate.objects.filter(page_id__in=page_ids).delete()


def record_failure(page_ids, pages_known, error):
    try:
        for page_id in page_ids:
            action = (
                PendingIndexUpdate.Action.INDEX
                if page_id in pages_known
                else PendingIndexUpdate.Action.REMOVE
            )
            update, created = PendingIndexUpdate.objects.get_or_create(
                page_id=page_id,
                defaults={"action": action, "last_error": str(error)[:2000]},
            )
            if not created:
                update.action = action
                update.attempts += 1
                update.last_error = str(error)[:2000]
                update.save()
    except Exception:
        # Even the retry queue is unavailable (database down): the log has it all.
        logger.exception("Could not record the failed search index update")


def refresh_after_commit(page_ids):
    page_ids = list(page_ids)
    if page_ids:
        transaction.on_commit(lambda: refresh_pages(page_ids), robust=True)


def _affected(page):
    try:
        return indexable_page_ids(page)
    except Exception:
        logger.exception("Could not list the pages under %s for the search index", page)
        return [page.pk]


@receiver(page_published)
def on_published(sender, instance, **kwargs):
    if isinstance(instance, INDEXED_TYPES):
        refresh_after_commit([instance.pk])


@receiver(page_unpublished)
def on_unpublished(sender, instance, **kwargs):
    refresh_after_commit(_affected(instance))


@receiver(page_slug_changed)
def on_slug_changed(sender, instance, **kwargs):
    # Every page below has a new URL.
    refresh_after_commit(_affected(instance))


@receiver(post_page_move)
def on_moved(sender, instance, **kwargs):
    refresh_after_commit(_affected(instance))


def on_deleted(sender, instance, **kwargs):
    refresh_after_commit([instance.pk])


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_view_restriction_changed(sender, instance, **kwargs):
    try:
        page = Page.objects.get(pk=instance.page_id)
    except Page.DoesNotExist:
        return
    refresh_after_commit(_affected(page))


@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
def on_synonyms_changed(sender, instance, **kwargs):
    # Queries expand with the synonyms: cached totals and facet counts are stale.
    SearchIndexState.bump()


def connect():
    for model in INDEXED_TYPES:
        post_delete.connect(
            on_deleted, sender=model, dispatch_uid=f"search_del_{model}"
        )
