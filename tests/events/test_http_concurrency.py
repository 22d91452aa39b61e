"""200 simultaneous registration POSTs over HTTP at a 5-seat session: the real portal
under gunicorn with 3 workers on PostgreSQL (issue 8, item 8). Exactly 5 confirmed,
none lost, no 5xx.

Runs in the PostgreSQL part of `make test` (marked postgres_only: deselected on SQLite).
Bounded: every request has a time-out and gunicorn is stopped at the end. The burst is
bench/registration.py's, which also reports the speed (docs/benchmarks.md).
"""

import pytest

from bench import registration as bench
from events.models import Registration
from tests.mail_servers import database_environment

from .conftest import EventsBuilder

REQUESTS = 200
CAPACITY = 5

pytestmark = pytest.mark.postgres_only


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_200_simultaneous_registrations_over_http(tmp_path):
    session = EventsBuilder().session("Drukte", capacity=CAPACITY)
    port = bench.free_port()
    env = bench.portal_environment(
        database_environment()["DATABASE_URL"], port, tmp_path / "static"
    )
    bench.collect_static(env)
    portal = bench.Portal(env, port, workers=3)
    try:
        portal.wait_until_ready(session.url)
        statuses, latencies, wall = bench.burst(
            port, session.url, REQUESTS, timeout=180
        )
    finally:
        portal.stop()
    log = (tmp_path / "gunicorn.log").read_text()
    registrations = Registration.objects.filter(session=session)
    confirmed = registrations.filter(status=Registration.Status.CONFIRMED).count()
    result = bench.summarise(
        statuses,
        latencies,
        wall,
        (
            confirmed,
            registrations.filter(status=Registration.Status.WAITLISTED).count(),
            registrations.count(),
        ),
        CAPACITY,
    )
    assert result["5xx"] == 0, log[-3000:]
    assert result["no_answer"] == 0, result
    assert statuses.count(303) == REQUESTS, sorted(set(map(str, statuses)))
    assert result["lost"] == 0
    assert registrations.count() == REQUESTS
    assert confirmed == CAPACITY
    assert result["waitlisted"] == REQUESTS - CAPACITY
