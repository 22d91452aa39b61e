"""A mail server that hangs neither slows a registration nor loses its mail.

Against real servers on 127.0.0.1: a socket that accepts and never answers, then a real
SMTP server (aiosmtpd), and real worker processes (`manage.py db_worker`) reading the
test database, on SQLite and on PostgreSQL.
"""

import email

from django.test import override_settings

import pytest
from django_tasks_db.models import DBTaskResult

from events.models import Registration
from home.models import OutboxMessage
from tests.mail_servers import (
    HangingServer,
    RecordingSMTPServer,
    finish_worker,
    start_worker,
    stop_worker,
    wait_until,
    worker_environment,
)

from .conftest import EventsBuilder

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def registration_form(attendees):
    data = {
        "organisation_type": "overig",
        "other_organisation": "Politie Rotterdam",
        "contact_name": "Carla Coördinator",
        "contact_email": "carla@politie.example",
        "consent": "on",
        "website": "",
        "actie": "aanmelden",
        "deelnemers-TOTAL_FORMS": str(len(attendees)),
        "deelnemers-INITIAL_FORMS": "0",
    }
    for i, address in enumerate(attendees):
        data[f"deelnemers-{i}-name"] = f"Deelnemer {i}"
        data[f"deelnemers-{i}-email"] = address
    return data


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_hanging_mail_server_then_a_working_one(client):
    session = EventsBuilder().session("Weerbare wijken", capacity=5)
    attendees = ["anna@politie.example", "bram@politie.example"]
    hanging = HangingServer()
    smtp = None
    workers = []
    try:
        # The visitor gets the confirmation page; no mail server is contacted.
        response = client.post(session.url, registration_form(attendees), follow=True)
        assert response.status_code == 200
        assert "Uw aanmelding is bevestigd" in response.content.decode()
        assert hanging.accepted == []
        registration = Registration.objects.get()
        assert registration.status == Registration.Status.CONFIRMED
        # The request stored one task for the event's messages; the worker composes.
        composing = DBTaskResult.objects.filter(
            task_path="events.tasks.compose_messages"
        )
        assert composing.count() == 1
        rows = OutboxMessage.objects.all()
        assert not rows.exists()

        # A worker composes the three messages, then meets the hanging server: every
        # attempt times out, nothing is lost.
        env = worker_environment(
            hanging.port,
            EMAIL_TIMEOUT=1,
            # Longer than the three timed-out attempts of the batch below.
            OUTBOX_RETRY_BASE_SECONDS=5,
            OUTBOX_RETRY_MAX_SECONDS=5,
        )
        output = finish_worker(start_worker(env, "--batch"), timeout=120)
        assert rows.count() == 3, output
        assert len(hanging.accepted) == 3, output
        for row in rows.all():
            assert row.status == OutboxMessage.Status.PENDING
            assert row.attempts == 1
            assert "timed out" in row.last_error or "Timeout" in row.last_error

        # The mail server answers again (on the same port): two workers deliver every
        # message exactly once.
        port = hanging.port
        hanging.stop()
        smtp = RecordingSMTPServer(port)
        workers = [start_worker(env), start_worker(env)]
        assert wait_until(
            lambda: (
                set(rows.values_list("status", flat=True))
                == {OutboxMessage.Status.SENT}
            ),
            timeout=60,
        ), [stop_worker(w) for w in workers]
        assert wait_until(lambda: len(smtp.messages) >= 3, timeout=10)
        received = smtp.messages
        assert sorted(r for m in received for r in m["to"]) == sorted(
            ["carla@politie.example", *attendees]
        )
        subjects = {email.message_from_bytes(m["content"])["Subject"] for m in received}
        assert subjects == {"Aanmelding bevestigd: Weerbare wijken"}
        assert {r.attempts for r in rows.all()} == {2}
    finally:
        for worker in workers:
            stop_worker(worker)
        if smtp:
            smtp.stop()
        hanging.stop()
    # Nothing more arrives later: each message went out once.
    assert len(smtp.messages) == 3
