"""Publishing, unpublishing, moving and deleting keep the index current after commit;
failures are logged and retried and never break publishing."""

import io
import logging

from django.core.management import CommandError, call_command

from wagtail.models import PageViewRestriction

import pytest

from search.database import DatabaseEngine
from search.engines import SearchQuery, get_engine
from search.models import PendingIndexUpdate, SearchDocument
from search.signals import refresh_pages

pytestmark = pytest.mark.django_db


def indexed_titles():
    return set(SearchDocument.objects.values_list("title", flat=True))


def test_publishing_indexes_after_commit(
    site_builder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = site_builder.practice("Kappers als witwasloket")
    # Nothing happens before the transaction commits.
    assert indexed_titles() == set()
    for callback in callbacks:
        callback()
    assert indexed_titles() == {"Kappers als witwasloket"}
    assert SearchDocument.objects.get().page_id == page.pk


def test_unpublishing_removes(site_builder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = site_builder.practice("Kappers als witwasloket")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert indexed_titles() == set()


def test_republishing_updates_the_document(
    site_builder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = site_builder.practice("Kappers als witwasloket")
        page.title = "Nagelstudio's als witwasloket"
        page.save_revision().publish()
    assert indexed_titles() == {"Nagelstudio's als witwasloket"}


def test_deleting_removes(site_builder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = site_builder.practice("Kappers als witwasloket")
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert indexed_titles() == set()


def test_moving_updates_the_url(site_builder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = site_builder.practice("Kappers als witwasloket", municipality="GM0363")
        other_folder = site_builder.folder(
            page.lead_municipality.__class__.objects.get(cbs_code="GM0599")
        )
    with django_capture_on_commit_callbacks(execute=True):
        page.move(other_folder, pos="last-child")
    assert "/map-rotterdam/" in SearchDocument.objects.get().url


def test_view_restriction_removes_and_lifting_it_restores(
    site_builder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = site_builder.practice("Kappers als witwasloket")
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.LOGIN
        )
    assert indexed_titles() == set()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert indexed_titles() == {"Kappers als witwasloket"}


def test_failure_is_logged_queued_and_retried(
    site_builder, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(self, documents):
        raise ConnectionError("index onbereikbaar")

    monkeypatch.setattr(DatabaseEngine, "index_documents", broken)
    with (
        caplog.at_level(logging.ERROR, logger="search.signals"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page = site_builder.practice("Kappers als witwasloket")
    # Publishing succeeded; the update waits in the queue.
    page.refresh_from_db()
    assert page.live
    assert "Search index update failed" in caplog.text
    pending = PendingIndexUpdate.objects.get()
    assert (pending.page_id, pending.action) == (page.pk, "index")
    assert "onbereikbaar" in pending.last_error

    refresh_pages([])  # still broken: nothing pending is lost
    assert PendingIndexUpdate.objects.count() == 1

    monkeypatch.undo()
    with pytest.raises(CommandError):
        monkeypatch.setattr(DatabaseEngine, "index_documents", broken)
        call_command("rebuild_search_index", "--retry-pending", stdout=io.StringIO())
    monkeypatch.undo()
    out = io.StringIO()
    call_command("rebuild_search_index", "--retry-pending", stdout=out)
    assert "1 van 1" in out.getvalue()
    assert not PendingIndexUpdate.objects.exists()
    assert indexed_titles() == {"Kappers als witwasloket"}


def test_next_update_also_retries_pending_pages(
    site_builder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        first = site_builder.practice("Kappers als witwasloket")
    PendingIndexUpdate.objects.create(page_id=first.pk, action="index")
    with django_capture_on_commit_callbacks(execute=True):
        site_builder.practice("Bibob bij vastgoed")
    assert indexed_titles() == {"Kappers als witwasloket", "Bibob bij vastgoed"}
    assert not PendingIndexUpdate.objects.exists()


def test_rebuild_command_reports_progress_and_timing(site_builder):
    for number in range(5):
        site_builder.practice(f"Praktijk {number}")
    out = io.StringIO()
    call_command("rebuild_search_index", "--batch-size", "2", stdout=out)
    text = out.getvalue()
    assert "5 documenten" in text
    assert "[############..................] 2/5 (40%" in text
    assert "] 4/5 (80%" in text
    assert "] 5/5 (100%" in text
    assert "Klaar: 5 documenten" in text
    assert get_engine().search(SearchQuery(q="praktijk")).total == 5


def test_rebuild_command_rejects_a_bad_batch_size(db):
    with pytest.raises(CommandError, match="batch-size"):
        call_command("rebuild_search_index", "--batch-size", "0", stdout=io.StringIO())


def test_rebuild_failure_keeps_the_old_index(site_builder, monkeypatch):
    site_builder.practice("Kappers als witwasloket")
    call_command("rebuild_search_index", stdout=io.StringIO())

    def broken(*args, **kwargs):
        raise RuntimeError("schijf vol")
        yield  # pragma: no cover

    monkeypatch.setattr(
        "search.management.commands.rebuild_search_index.all_documents", broken
    )
    with pytest.raises(CommandError, match="oude index"):
        call_command("rebuild_search_index", stdout=io.StringIO())
    assert indexed_titles() == {"Kappers als witwasloket"}
