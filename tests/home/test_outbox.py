"""The mail outbox: every message is a row written in the change's transaction, delivered
by a task with retries and back-off, exactly once, and visible to editors."""

import datetime
import threading
import time
from email.mime.text import MIMEText

from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from home import outbox
from home.models import OutboxMessage
from tests import factories

FAILING = "tests.events.mail_backends.FailingBackend"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_message_is_stored_then_delivered_once(db, mailoutbox):
    send_mail("Onderwerp", "Tekst", "portaal@example.org", ["a@example.org"])
    row = OutboxMessage.objects.get()
    assert row.status == OutboxMessage.Status.SENT
    assert row.attempts == 1
    assert row.recipients == "a@example.org"
    assert row.subject == "Onderwerp"
    # Delivered text is not kept: a manage link in a mail stays secret.
    assert row.payload == {}
    assert [m.subject for m in mailoutbox] == ["Onderwerp"]
    # A second delivery of the same row sends nothing.
    assert outbox.deliver(row.pk) == outbox.SKIPPED
    assert len(mailoutbox) == 1


def test_every_part_of_a_message_survives_the_outbox(db, mailoutbox):
    message = EmailMultiAlternatives(
        subject="Aanmelding bevestigd: café",
        body="Tekst met é",
        from_email="Kennisportaal <noreply@portaal.example>",
        to=["a@example.org"],
        cc=["b@example.org"],
        bcc=["c@example.org"],
        reply_to=["d@example.org"],
        headers={"X-Portal": "events"},
    )
    message.attach_alternative("<p>HTML</p>", "text/html")
    message.attach("agenda.ics", "BEGIN:VCALENDAR", "text/calendar")
    message.attach("bijlage.bin", b"\x00\x01\xff", "application/octet-stream")
    message.attach(MIMEText("als MIME-deel", "plain", "utf-8"))
    message.send()
    delivered = mailoutbox[0]
    assert delivered.subject == message.subject
    assert delivered.body == message.body
    assert delivered.from_email == message.from_email
    assert (delivered.to, delivered.cc, delivered.bcc, delivered.reply_to) == (
        ["a@example.org"],
        ["b@example.org"],
        ["c@example.org"],
        ["d@example.org"],
    )
    assert delivered.extra_headers["X-Portal"] == "events"
    assert delivered.extra_headers["Message-ID"].endswith("@portaal.example>")
    assert list(delivered.alternatives) == [("<p>HTML</p>", "text/html")]
    assert list(delivered.attachments[:2]) == [
        ("agenda.ics", "BEGIN:VCALENDAR", "text/calendar"),
        ("bijlage.bin", b"\x00\x01\xff", "application/octet-stream"),
    ]
    assert delivered.attachments[2].get_payload(decode=True) == b"als MIME-deel"
    # The rebuilt message renders as a whole, as the SMTP backend will do.
    raw = delivered.message().as_bytes()
    assert b"bijlage.bin" in raw and b"X-Portal: events" in raw
    row = OutboxMessage.objects.get()
    assert row.recipients == "a@example.org, b@example.org, c@example.org"


@override_settings(TASKS=DATABASE_TASKS)
def test_the_row_and_its_task_commit_with_the_change(db, mailoutbox):
    with transaction.atomic():
        send_mail("Blijft", "Tekst", None, ["a@example.org"])
    row = OutboxMessage.objects.get()
    assert row.status == OutboxMessage.Status.PENDING
    task = DBTaskResult.objects.get()
    assert task.task_path == "home.outbox.deliver_outbox_message"
    assert task.args_kwargs["args"] == [row.pk]
    assert mailoutbox == []  # the worker has not run yet
    assert outbox.deliver(row.pk) == outbox.SENT
    assert len(mailoutbox) == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_a_rolled_back_change_leaves_no_row_and_no_task(db, mailoutbox):
    class Refused(Exception):
        pass

    with pytest.raises(Refused), transaction.atomic():
        send_mail("Verdwijnt", "Tekst", None, ["a@example.org"])
        raise Refused
    assert not OutboxMessage.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert mailoutbox == []


def test_a_message_without_recipients_is_not_stored(db):
    assert send_mail("Niemand", "Tekst", None, []) == 0
    assert not OutboxMessage.objects.exists()


@override_settings(
    OUTBOX_DELIVERY_BACKEND=FAILING,
    OUTBOX_MAX_ATTEMPTS=4,
    OUTBOX_RETRY_BASE_SECONDS=60,
    OUTBOX_RETRY_MAX_SECONDS=150,
)
def test_retries_back_off_then_give_up(db, mailoutbox):
    send_mail("Later", "Tekst", None, ["a@example.org"])
    row = OutboxMessage.objects.get()
    assert (row.status, row.attempts) == (OutboxMessage.Status.PENDING, 1)
    assert "SMTPServerDisconnected" in row.last_error
    waits = []
    now = row.next_attempt_at
    waits.append(now - row.created_at)
    # Not due yet: nothing happens.
    assert outbox.deliver(row.pk, now=now - datetime.timedelta(seconds=1)) == (
        outbox.SKIPPED
    )
    for expected in (outbox.RETRY, outbox.RETRY, outbox.FAILED):
        assert outbox.deliver(row.pk, now=now) == expected
        row.refresh_from_db()
        if row.next_attempt_at:
            waits.append(row.next_attempt_at - now)
            now = row.next_attempt_at
    assert [round(w.total_seconds()) for w in waits] == [60, 120, 150]
    assert (row.status, row.attempts) == (OutboxMessage.Status.FAILED, 4)
    assert row.payload  # kept for a resend
    assert mailoutbox == []


@override_settings(TASKS=DATABASE_TASKS, OUTBOX_DELIVERY_BACKEND=FAILING)
def test_a_retry_is_a_deferred_task(db):
    send_mail("Later", "Tekst", None, ["a@example.org"])
    row = OutboxMessage.objects.get()
    outbox.deliver(row.pk)
    row.refresh_from_db()
    retry = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert retry.run_after == row.next_attempt_at
    assert retry.args_kwargs["args"] == [row.pk]


class SlowCountingBackend(BaseEmailBackend):
    """Takes its time, so that two workers would overlap if both could claim a row."""

    sent = []

    def send_messages(self, messages):
        time.sleep(0.3)
        self.sent.extend(messages)
        return len(messages)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(
    TASKS=DATABASE_TASKS,
    OUTBOX_DELIVERY_BACKEND="tests.home.test_outbox.SlowCountingBackend",
)
def test_two_workers_send_a_row_once():
    SlowCountingBackend.sent = []
    send_mail("Eén keer", "Tekst", None, ["a@example.org"])
    row = OutboxMessage.objects.get()
    start = threading.Barrier(2)
    outcomes = []

    def worker():
        start.wait()
        try:
            outcomes.append(outbox.deliver(row.pk))
        finally:
            from django.db import connection

            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [outbox.SENT, outbox.SKIPPED]
    assert len(SlowCountingBackend.sent) == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_send_outbox_frees_stale_claims_and_prunes(db, mailoutbox):
    send_mail("Vastgelopen", "Tekst", None, ["a@example.org"])
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    OutboxMessage.objects.update(status="bezig", claimed_at=long_ago, attempts=1)
    old = OutboxMessage.objects.create(
        subject="Oud",
        recipients="b@example.org",
        status=OutboxMessage.Status.SENT,
        sent_at=timezone.now() - datetime.timedelta(days=31),
    )
    call_command("send_outbox")
    assert [m.subject for m in mailoutbox] == ["Vastgelopen"]
    assert not OutboxMessage.objects.filter(pk=old.pk).exists()
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT


@override_settings(TASKS=DATABASE_TASKS)
def test_a_fresh_claim_is_left_alone(db, mailoutbox):
    send_mail("Bezig", "Tekst", None, ["a@example.org"])
    OutboxMessage.objects.update(status="bezig", claimed_at=timezone.now())
    call_command("send_outbox")
    assert mailoutbox == []


# --- the admin -----------------------------------------------------------------------


@pytest.fixture
def failed_message(db):
    with override_settings(OUTBOX_DELIVERY_BACKEND=FAILING, OUTBOX_MAX_ATTEMPTS=1):
        send_mail("Mislukt", "Tekst", None, ["a@example.org"])
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.FAILED
    return message


def test_editors_see_failed_mail(client, editor, failed_message):
    client.force_login(editor)
    response = client.get(reverse("outbox:index") + "?status=mislukt")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mislukt" in html and "a@example.org" in html
    assert "SMTPServerDisconnected" in html
    assert reverse("outbox:resend", args=(failed_message.pk,)) in html
    inspect = client.get(reverse("outbox:inspect", args=(failed_message.pk,)))
    assert inspect.status_code == 200


def test_editors_resend_failed_mail(client, editor, failed_message, mailoutbox):
    client.force_login(editor)
    url = reverse("outbox:resend", args=(failed_message.pk,))
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert mailoutbox == []  # a GET changes nothing
    response = client.post(url)
    assert response.status_code == 302
    failed_message.refresh_from_db()
    assert failed_message.status == OutboxMessage.Status.SENT
    assert [m.subject for m in mailoutbox] == ["Mislukt"]
    # A sent message cannot be sent again.
    client.post(url)
    assert len(mailoutbox) == 1


def test_the_outbox_is_not_editable(client, editor, failed_message):
    client.force_login(editor)
    index = client.get(reverse("outbox:index")).content.decode()
    assert "/edit/" not in index and "/delete/" not in index


@pytest.mark.parametrize("who", ["contributor", "anonymous"])
def test_others_cannot_see_or_resend(client, practice_index, failed_message, who):
    if who == "contributor":
        client.force_login(factories.make_contributor("GM0599", index=practice_index))
    index = client.get(reverse("outbox:index"))
    resend = client.post(reverse("outbox:resend", args=(failed_message.pk,)))
    if who == "anonymous":
        assert index.status_code == resend.status_code == 302
        assert "/login/" in index["Location"]
    else:
        assert index.status_code in (302, 403)
        assert resend.status_code in (302, 403)
    failed_message.refresh_from_db()
    assert failed_message.status == OutboxMessage.Status.FAILED
    assert mail.outbox == []


def test_send_outbox_fails_while_mail_is_failed(db, failed_message):
    with pytest.raises(CommandError):
        call_command("send_outbox")
