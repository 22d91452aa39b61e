"""Many simultaneous registrations never oversell a session, on SQLite and PostgreSQL.

The same test runs in both suite runs (the Makefile runs pytest again with DATABASE_URL).
The threads really run at once: each has its own database connection and they all wait
at a barrier before registering.
"""

import threading

from django.db import connection

import pytest

from events import services
from events.models import Attendee, Registration

from .conftest import EventsBuilder, people

THREADS = 32
CAPACITY = 10


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_registrations_fill_exactly_the_capacity(mailoutbox):
    session = EventsBuilder().session(capacity=CAPACITY, max_per_organisation=1)
    delegations = [people(1) for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    outcomes, errors = [], []
    lock = threading.Lock()

    def register(number):
        try:
            barrier.wait(timeout=30)
            registration, _token = services.register(
                session,
                organisation=services.Organisation(other_name=f"Gemeente {number}"),
                contact_name=f"Contact {number}",
                contact_email=f"contact{number}@org.example",
                attendees=delegations[number],
                notify=False,
            )
            with lock:
                outcomes.append(registration.status)
        except Exception as error:  # noqa: BLE001 - every error is a failure here
            with lock:
                errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert len(outcomes) == THREADS
    confirmed = Registration.objects.filter(
        session=session, status=Registration.Status.CONFIRMED
    ).count()
    waitlisted = Registration.objects.filter(
        session=session, status=Registration.Status.WAITLISTED
    ).count()
    assert confirmed == CAPACITY
    assert waitlisted == THREADS - CAPACITY
    assert outcomes.count(Registration.Status.CONFIRMED) == CAPACITY
    assert Attendee.objects.filter(session=session).count() == THREADS
    assert services.seat_summary(session)["confirmed"] == CAPACITY


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_cancellations_promote_each_waiting_registration_once():
    session = EventsBuilder().session(capacity=4, max_per_organisation=2)
    confirmed = [
        services.register(
            session,
            organisation=services.Organisation(other_name=f"Org {n}"),
            contact_name="C",
            contact_email=f"c{n}@org.example",
            attendees=people(1),
            notify=False,
        )[0]
        for n in range(4)
    ]
    for n in range(6):
        services.register(
            session,
            organisation=services.Organisation(other_name=f"Wacht {n}"),
            contact_name="C",
            contact_email=f"w{n}@org.example",
            attendees=people(1),
            notify=False,
        )
    barrier = threading.Barrier(len(confirmed))
    errors = []

    def cancel(registration):
        try:
            barrier.wait(timeout=30)
            services.cancel_registration(registration.pk, notify=False)
        except Exception as error:  # noqa: BLE001
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in confirmed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    summary = services.seat_summary(session)
    assert summary["confirmed"] == 4
    assert summary["waitlisted"] == 2
