"""The mail of a registration change is composed by the worker, not in the request.

With the database task backend (production's): the change stores one compose task in
its own transaction, with a snapshot of what the messages say; a rolled-back or refused
change stores none; the worker later composes the text of the moment of the change
(status, attendees, language), a registration purged meanwhile gets nothing. And the
registration POST runs a fixed, small number of queries, the thank-you page included.
"""

import datetime
from io import StringIO

from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

import pytest
from django_tasks_db.models import DBTaskResult

from events import emails, services
from events.models import Registration
from events.privacy import purge
from events.tasks import compose_messages
from home.models import OutboxMessage

from .conftest import people, register
from .test_registration import form_data

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
COMPOSE = "events.tasks.compose_messages"

pytestmark = pytest.mark.usefixtures("events_site")


def compose_tasks():
    return DBTaskResult.objects.filter(task_path=COMPOSE).order_by("enqueued_at")


def run_compose_tasks():
    """What the worker does with each waiting compose task, in the order they came."""
    composed = 0
    for row in compose_tasks().filter(status="READY"):
        result = row.task_result
        composed += compose_messages.call(*result.args, **result.kwargs)
        row.delete()
    return composed


def subjects_to(address):
    return [
        row.subject
        for row in OutboxMessage.objects.order_by("pk")
        if address in row.recipients
    ]


@pytest.fixture(autouse=True)
def database_tasks():
    with override_settings(TASKS=DATABASE_TASKS):
        yield


def test_a_registration_stores_one_compose_task_and_no_message(events_site, mailoutbox):
    session = events_site.session(capacity=5)
    registration, _token = register(session, 2, contact_email="carla@org.example")
    task = compose_tasks().get()
    kwargs = task.task_result.kwargs
    assert task.task_result.args == [emails.REGISTERED, registration.pk]
    assert kwargs["state"]["status"] == Registration.Status.CONFIRMED
    assert kwargs["state"]["language"] == "nl"
    assert len(kwargs["state"]["attendees"]) == 2
    # Nothing composed yet: no outbox row, no mail.
    assert not OutboxMessage.objects.exists()
    assert mailoutbox == []

    assert run_compose_tasks() == 3
    assert subjects_to("carla@org.example") == [
        f"Aanmelding bevestigd: {session.title}"
    ]
    assert OutboxMessage.objects.count() == 3
    assert {row.status for row in OutboxMessage.objects.all()} == {
        OutboxMessage.Status.PENDING
    }


def test_a_rolled_back_change_stores_no_task(events_site):
    session = events_site.session(capacity=5)
    with pytest.raises(RuntimeError), transaction.atomic():
        register(session, 1)
        assert compose_tasks().count() == 1
        raise RuntimeError("the change fails after the registration")
    assert not Registration.objects.exists()
    assert not compose_tasks().exists()


def test_a_refused_registration_stores_no_task(events_site):
    session = events_site.session(capacity=5, max_per_organisation=1)
    with pytest.raises(services.RegistrationRefused):
        register(session, 2)
    assert not Registration.objects.exists()
    assert not compose_tasks().exists()


def test_first_mail_says_waitlisted_although_promoted_before_composing(events_site):
    session = events_site.session(capacity=1)
    first, _ = register(session, 1)
    waiting, _ = register(session, 1, contact_email="wim@org.example")
    assert waiting.status == Registration.Status.WAITLISTED
    # The seat frees up and the waitlist moves before the worker came by.
    services.cancel_registration(first.pk)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED

    run_compose_tasks()
    assert subjects_to("wim@org.example") == [
        f"Op de wachtlijst: {session.title}",
        f"Van de wachtlijst: aanmelding bevestigd voor {session.title}",
    ]


def test_first_mail_goes_to_the_attendee_of_that_moment(events_site):
    session = events_site.session(capacity=5)
    attendees = people(1)
    registration, _ = register(session, attendees)
    attendee = registration.attendees.get()
    replacement = services.AttendeeData(name="Rik Nieuw", email="rik@org.example")
    services.replace_attendee(registration.pk, attendee.pk, replacement)

    run_compose_tasks()
    # The first attendee was registered, then replaced; Rik only hears he replaced them.
    assert subjects_to(attendees[0].email) == [
        f"Aanmelding bevestigd: {session.title}",
        f"Afgemeld: {session.title}",
    ]
    assert subjects_to("rik@org.example") == [f"U bent aangemeld: {session.title}"]


def test_mail_is_composed_in_the_language_of_the_change(events_site):
    session = events_site.session(capacity=5)
    with translation.override("en"):
        register(session, 1, contact_email="carla@org.example")
    # The worker runs in Dutch (no request); the snapshot says English.
    run_compose_tasks()
    assert subjects_to("carla@org.example") == [
        f"Registration confirmed: {session.title}"
    ]


def test_a_new_link_composed_later_carries_the_link_that_works(events_site):
    session = events_site.session(capacity=5)
    registration, _ = register(session, 1, contact_email="carla@org.example")
    services.new_manage_link(registration.pk)
    _registration, token = services.new_manage_link(registration.pk)
    run_compose_tasks()
    bodies = [
        row.payload["body"]
        for row in OutboxMessage.objects.order_by("pk")
        if "carla@org.example" in row.recipients
    ]
    assert len(bodies) == 3  # the confirmation and two new-link messages
    assert all(token in body for body in bodies)


def test_registration_purged_before_composing_gets_nothing(events_site):
    session = events_site.session(capacity=5, days=-200)
    registration, _ = register_in_the_past(session)
    assert compose_tasks().count() == 1
    assert purge() == 1
    assert run_compose_tasks() == 0
    assert not OutboxMessage.objects.exists()
    registration.refresh_from_db()
    assert registration.anonymised_at is not None


def register_in_the_past(session):
    """A registration for a session long over (the rules refuse a started one)."""
    moment = session.start.replace(year=session.start.year - 1)
    return register(session, 1, now=moment)


@override_settings(DATA_CACHE_TIMEOUT=600)
def test_registration_post_query_count(client, events_site):
    session = events_site.session(capacity=5)
    client.get(session.url)  # the route and the choices are kept, as in production
    data = form_data(
        organisation_type="overig", municipality="", other_organisation="Politie"
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.post(session.url, data)
    assert response.status_code == 303
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    # The lock, one count, the registration, its attendees, the compose task; on
    # PostgreSQL the id comes from the sequence first, on SQLite the token hash follows
    # the insert; a savepoint pair because the test runs inside a transaction.
    assert len(statements) == 8, [q["sql"][:60] for q in queries.captured_queries]
    assert statements.count("INSERT") == 3
    assert compose_tasks().count() == 1

    # The thank-you page finds the registration through the signed cookie.
    with CaptureQueriesContext(connection) as queries:
        page = client.get(response["Location"])
    assert "Uw aanmelding is bevestigd" in page.content.decode()
    assert "private" in page["Cache-Control"]
    assert not any("django_session" in q["sql"] for q in queries.captured_queries)


def test_thank_you_page_refuses_a_forged_or_foreign_cookie(client, events_site):
    session = events_site.session(capacity=5)
    other = events_site.session(capacity=5)
    registration, _ = register(session, 1)
    thanks = session.url + "aanmelden/bevestigd/"
    # Not signed: ignored.
    client.cookies["aanmelding"] = f"{session.pk}:{registration.pk}"
    assert client.get(thanks).status_code == 302
    # Signed for another session's page: ignored.
    response = client.post(other.url, form_data())
    assert response.status_code == 303
    assert client.get(thanks).status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_a_failing_composition_is_tried_again_later(events_site, monkeypatch):
    session = events_site.session(capacity=5)
    register(session, 1)
    task = compose_tasks().get()
    args, kwargs = task.task_result.args, task.task_result.kwargs
    task.delete()

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(emails, "deliver", broken)
    assert compose_messages.call(*args, **kwargs) == 0
    retry = compose_tasks().get()
    assert retry.task_result.kwargs["attempt"] == 2
    assert retry.run_after is not None
    assert not OutboxMessage.objects.exists()

    # The last attempt gives up loudly: the worker marks the task failed.
    with override_settings(OUTBOX_MAX_ATTEMPTS=2), pytest.raises(RuntimeError):
        compose_messages.call(*args, **{**kwargs, "attempt": 2})
    assert compose_tasks().count() == 1

    # Composed at last: the messages reach the outbox.
    monkeypatch.undo()
    assert compose_messages.call(*args, **retry.task_result.kwargs) == 2
    assert OutboxMessage.objects.count() == 2


# --- send_outbox's safety net: a worker that died, or none at all ------------------


def age(row, *, status, seconds):
    """Makes a compose task look as if it was taken/due `seconds` ago."""
    moment = timezone.now() - datetime.timedelta(seconds=seconds)
    DBTaskResult.objects.filter(pk=row.pk).update(
        status=status,
        started_at=moment if status == "RUNNING" else None,
        enqueued_at=moment,
    )


@override_settings(OUTBOX_CLAIM_TIMEOUT_SECONDS=600)
def test_send_outbox_composes_mail_whose_worker_died(events_site, mailoutbox):
    session = events_site.session(capacity=5)
    register(session, 1, contact_email="carla@org.example")
    row = compose_tasks().get()
    age(row, status="RUNNING", seconds=601)  # a worker took it and was killed

    call_command("send_outbox", stdout=StringIO())

    row.refresh_from_db()
    assert row.status == "SUCCESSFUL"
    assert "send_outbox" in row.worker_ids
    assert [m.subject for m in mailoutbox if "carla@org.example" in m.to] == [
        f"Aanmelding bevestigd: {session.title}"
    ]
    # Nothing is composed twice on the next run.
    call_command("send_outbox", stdout=StringIO())
    assert OutboxMessage.objects.count() == 2


@override_settings(OUTBOX_CLAIM_TIMEOUT_SECONDS=600)
def test_send_outbox_composes_mail_no_worker_took(events_site, mailoutbox):
    session = events_site.session(capacity=5)
    register(session, 1)
    age(compose_tasks().get(), status="READY", seconds=601)

    call_command("send_outbox", stdout=StringIO())

    assert compose_tasks().get().status == "SUCCESSFUL"
    assert len(mailoutbox) == 2


@override_settings(OUTBOX_CLAIM_TIMEOUT_SECONDS=600)
def test_send_outbox_leaves_tasks_a_worker_may_still_be_on(events_site, mailoutbox):
    session = events_site.session(capacity=5)
    register(session, 1)
    register(session, 1, contact_email="wim@org.example")
    running, waiting = compose_tasks()
    age(running, status="RUNNING", seconds=30)
    age(waiting, status="READY", seconds=30)

    call_command("send_outbox", stdout=StringIO())

    assert sorted(compose_tasks().values_list("status", flat=True)) == [
        "READY",
        "RUNNING",
    ]
    assert not OutboxMessage.objects.exists()
    assert mailoutbox == []


def test_send_outbox_reports_and_retries_mail_that_could_not_be_composed(
    events_site, mailoutbox
):
    session = events_site.session(capacity=5)
    register(session, 1, contact_email="carla@org.example")
    row = compose_tasks().get()
    DBTaskResult.objects.filter(pk=row.pk).update(status="FAILED")

    with pytest.raises(CommandError, match="1 e-mailtaken"):
        call_command("send_outbox", stdout=StringIO())
    assert mailoutbox == []

    out = StringIO()
    call_command("send_outbox", "--failed", stdout=out)
    assert "Opnieuw in de wachtrij: 1" in out.getvalue()
    retry = compose_tasks().get()
    assert retry.status == "READY"
    assert retry.task_result.kwargs["attempt"] == 1
    assert run_compose_tasks() == 2
    call_command("send_outbox", stdout=StringIO())
    assert [m.subject for m in mailoutbox if "carla@org.example" in m.to] == [
        f"Aanmelding bevestigd: {session.title}"
    ]
