"""Followed searches under simultaneous requests and runs, on SQLite and PostgreSQL (the
suite runs again with DATABASE_URL): one confirmation mail per address, one digest per
subscription, whatever runs at the same time."""

import datetime
import threading

from django.db import connection
from django.utils import timezone

import pytest

from search import subscriptions
from search.engines import SearchQuery
from search.models import SearchSubscription, SearchSubscriptionItem

from .conftest import SiteBuilder, rebuild_index

THREADS = 6


def run_at_once(function, count=THREADS):
    barrier = threading.Barrier(count)
    results, errors = [], []
    lock = threading.Lock()

    def worker(number):
        try:
            barrier.wait(timeout=30)
            result = function(number)
            with lock:
                results.append(result)
        except Exception as error:  # noqa: BLE001 - every error is a failure here
            with lock:
                errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_subscribes_send_one_confirmation(mailoutbox):
    results, errors = run_at_once(
        lambda number: subscriptions.subscribe(
            "ana@example.org", SearchQuery(q=f"witwassen {number}"), "daily", "nl"
        )
    )
    assert errors == []
    assert sum(outcome.mail_sent for outcome in results) == 1
    assert len(mailoutbox) == 1
    assert SearchSubscription.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_digest_runs_send_each_digest_once(mailoutbox):
    builder = SiteBuilder()
    before = timezone.now() - datetime.timedelta(days=2)
    for number in range(3):
        SearchSubscription.objects.create(
            email=f"p{number}@example.org",
            query="witwassen",
            query_key=subscriptions.query_key("witwassen", {}),
            frequency="daily",
            token_salt=f"zout{number}",
            confirmed_at=before,
            checked_until=before,
        )
    builder.practice("Witwassen bij kappers", themes=["witwassen"])
    rebuild_index()
    now = timezone.now() + datetime.timedelta(minutes=1)
    runs, errors = run_at_once(
        lambda number: subscriptions.send_digests("daily", now=now), count=3
    )
    assert errors == []
    assert sum(run.sent for run in runs) == 3
    assert sorted(m.to[0] for m in mailoutbox) == [
        "p0@example.org",
        "p1@example.org",
        "p2@example.org",
    ]
    assert SearchSubscriptionItem.objects.count() == 3
