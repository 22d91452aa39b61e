"""The mail outbox: Django's e-mail backend for the whole portal (EMAIL_BACKEND).

Sending a message (send_mail, EmailMessage.send, Wagtail's notifications, password
resets) writes it as an OutboxMessage row and enqueues a django-tasks task, both in the
transaction that is open at that moment. So the mail of a change is committed with the
change or not at all, and no request ever waits for a mail server.

The task (`deliver_outbox_messages`) claims each row with one conditional UPDATE (only one
worker can move it from "pending" to "sending"), hands the message to the real backend
named by OUTBOX_DELIVERY_BACKEND (SMTP in production, console in dev, locmem in tests)
and marks it sent. A failure is retried with exponential back-off
(OUTBOX_RETRY_BASE_SECONDS doubled per attempt, at most OUTBOX_RETRY_MAX_SECONDS) until
OUTBOX_MAX_ATTEMPTS; then the row is "failed" and editors can resend it from the admin.

With the database task backend the task row is written in the same transaction as the
outbox row and the change. With the immediate backend (the tests) the delivery runs at
once, inside the transaction, so `django.core.mail.outbox` fills as before; retries of
such a backend, which cannot defer a task, are left to `manage.py send_outbox`.
"""

import base64
import datetime
import email
import logging
from email.message import Message
from email.mime.base import MIMEBase
from email.utils import formatdate, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import make_msgid
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from django_tasks import task

from home.models import OutboxMessage

logger = logging.getLogger(__name__)

SERIAL_VERSION = 1

SENT = "sent"
RETRY = "retry"
FAILED = "failed"
SKIPPED = "skipped"


# --- serialising -------------------------------------------------------------------


class _StoredPart(MIMEBase):
    """A MIME attachment read back from its bytes (Django attaches MIMEBase as is)."""

    def __init__(self, policy=None):
        Message.__init__(self, **({"policy": policy} if policy else {}))


def _content(value):
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    return {"text": value}


def _restore(value):
    if "base64" in value:
        return base64.b64decode(value["base64"])
    return value["text"]


def serialise_message(message):
    """Everything needed to rebuild `message` later, as JSON-safe data."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            attachments.append({"mime": _content(attachment.as_bytes())})
        else:
            filename, content, mimetype = attachment
            attachments.append(
                {"filename": filename, "mimetype": mimetype, **_content(content)}
            )
    return {
        "version": SERIAL_VERSION,
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(a) for a in message.to],
        "cc": [str(a) for a in message.cc],
        "bcc": [str(a) for a in message.bcc],
        "reply_to": [str(a) for a in message.reply_to],
        "headers": {str(k): str(v) for k, v in message.extra_headers.items()},
        "content_subtype": message.content_subtype,
        "mixed_subtype": message.mixed_subtype,
        "encoding": message.encoding,
        "alternatives": [
            {"mimetype": mimetype, **_content(content)}
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "alternative_subtype": getattr(message, "alternative_subtype", None),
        "attachments": attachments,
    }


def deserialise_message(data):
    """The EmailMessage (or EmailMultiAlternatives) that serialise_message stored."""
    if data.get("version") != SERIAL_VERSION:
        raise ValueError(f"unknown outbox message version {data.get('version')}")
    cls = EmailMultiAlternatives if data["alternatives"] else EmailMessage
    message = cls(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data["content_subtype"]
    message.mixed_subtype = data["mixed_subtype"]
    message.encoding = data["encoding"]
    for alternative in data["alternatives"]:
        message.attach_alternative(_restore(alternative), alternative["mimetype"])
    if data["alternatives"] and data["alternative_subtype"]:
        message.alternative_subtype = data["alternative_subtype"]
    for attachment in data["attachments"]:
        if "mime" in attachment:
            part = email.message_from_bytes(
                _restore(attachment["mime"]), _class=_StoredPart
            )
            message.attach(part)
        else:
            message.attach(
                attachment["filename"], _restore(attachment), attachment["mimetype"]
            )
    return message


# --- the e-mail backend ------------------------------------------------------------


class OutboxEmailBackend(BaseEmailBackend):
    """EMAIL_BACKEND: stores each message as an outbox row; the worker sends it."""

    def send_messages(self, email_messages):
        return len(queue_messages(email_messages))


def queue_messages(messages, *, now=None):
    """Writes messages to the outbox and schedules one delivery task for them all, in
    one savepoint of the current transaction; returns the rows."""
    now = now or timezone.now()
    rows = [
        OutboxMessage(
            subject=str(message.subject)[:2000],
            from_email=str(message.from_email),
            recipients=", ".join(str(r) for r in message.recipients()),
            payload=serialise_message(_stamped(message, now)),
            next_attempt_at=now,
        )
        for message in messages
        if message.recipients()
    ]
    if not rows:
        return []
    with transaction.atomic():
        rows = OutboxMessage.objects.bulk_create(rows)
        schedule([row.pk for row in rows])
    return rows


def queue_message(message, *, now=None):
    """Writes one message to the outbox and schedules its delivery; returns the row."""
    rows = queue_messages([message], now=now)
    return rows[0] if rows else None


def _stamped(message, now):
    headers = {name.lower() for name in message.extra_headers}
    # Fixed when the change happens: a retry is the same message (receivers can drop a
    # duplicate by its Message-ID) and carries the time of the change, not of delivery.
    if "message-id" not in headers:
        domain = parseaddr(str(message.from_email))[1].rpartition("@")[2]
        message.extra_headers["Message-ID"] = make_msgid(
            domain=domain or "kennisportaal.invalid"
        )
    if "date" not in headers:
        message.extra_headers["Date"] = formatdate(now.timestamp(), localtime=True)
    return message


def schedule(message_ids, run_after=None):
    """Enqueues the delivery task for these rows; a retry waits until `run_after`
    where the task backend can defer."""
    if isinstance(message_ids, int):
        message_ids = [message_ids]
    delivery = deliver_outbox_messages
    if run_after is not None:
        if not delivery.get_backend().supports_defer:
            return None  # picked up by `manage.py send_outbox` once it is due
        delivery = delivery.using(run_after=run_after)
    return delivery.enqueue(list(message_ids))


# --- delivering --------------------------------------------------------------------


def retry_delay(attempts):
    """Seconds to wait after the `attempts`-th failed attempt: doubling, capped."""
    base = settings.OUTBOX_RETRY_BASE_SECONDS
    return min(base * 2 ** max(attempts - 1, 0), settings.OUTBOX_RETRY_MAX_SECONDS)


def deliver(message_id, *, now=None):
    """Sends one outbox row if it is due and nobody else has claimed it.

    Returns SENT, RETRY (failed, another attempt is scheduled), FAILED (gave up after
    OUTBOX_MAX_ATTEMPTS) or SKIPPED (not due, already sent or claimed elsewhere).
    """
    # Retries wait from the moment of the failure; `now` fixes both times in tests.
    failed_at = now
    now = now or timezone.now()
    # The claim: one UPDATE that only one worker can win, on every database.
    claimed = (
        OutboxMessage.objects.filter(pk=message_id, status=OutboxMessage.Status.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(
            status=OutboxMessage.Status.SENDING,
            claimed_at=now,
            attempts=F("attempts") + 1,
        )
    )
    if not claimed:
        return SKIPPED
    row = OutboxMessage.objects.get(pk=message_id)
    try:
        message = deserialise_message(row.payload)
        connection = get_connection(
            settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False
        )
        connection.send_messages([message])
    except Exception as error:  # any failure of the mail server or of the message
        return _delivery_failed(row, error, failed_at or timezone.now())
    OutboxMessage.objects.filter(
        pk=message_id, status=OutboxMessage.Status.SENDING
    ).update(
        status=OutboxMessage.Status.SENT,
        sent_at=timezone.now(),
        claimed_at=None,
        next_attempt_at=None,
        last_error="",
        # The text may hold secrets (a manage link): it is not kept once delivered.
        payload={},
    )
    return SENT


def _delivery_failed(row, error, now):
    error_text = f"{type(error).__name__}: {error}"[:2000]
    if row.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        OutboxMessage.objects.filter(pk=row.pk).update(
            status=OutboxMessage.Status.FAILED,
            claimed_at=None,
            next_attempt_at=None,
            last_error=error_text,
        )
        logger.error(
            "Outbox message %s failed for good after %s attempts: %s",
            row.pk,
            row.attempts,
            error_text,
        )
        return FAILED
    next_attempt_at = now + datetime.timedelta(seconds=retry_delay(row.attempts))
    with transaction.atomic():
        OutboxMessage.objects.filter(pk=row.pk).update(
            status=OutboxMessage.Status.PENDING,
            claimed_at=None,
            next_attempt_at=next_attempt_at,
            last_error=error_text,
        )
        schedule(row.pk, run_after=next_attempt_at)
    logger.warning(
        "Outbox message %s: attempt %s failed (%s); next attempt at %s",
        row.pk,
        row.attempts,
        error_text,
        next_attempt_at.isoformat(),
    )
    return RETRY


# Ahead of Wagtail's index updates in the queue: a visitor waits for this mail.
@task(priority=50)
def deliver_outbox_messages(message_ids):
    """The django-tasks task that delivers outbox rows, each on its own (see deliver):
    one failing message does not hold up the others."""
    outcomes = [deliver(message_id) for message_id in message_ids]
    return {outcome: outcomes.count(outcome) for outcome in set(outcomes)}


# --- maintenance (manage.py send_outbox, the admin's resend action) -----------------


def resend(message_ids, *, now=None):
    """Puts failed (or stuck) rows back in the queue with a fresh set of attempts."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            OutboxMessage.objects.filter(pk__in=message_ids)
            .exclude(status=OutboxMessage.Status.SENT)
            .exclude(
                status=OutboxMessage.Status.SENDING,
                claimed_at__gt=now - _claim_timeout(),
            )
            .values_list("pk", flat=True)
        )
        OutboxMessage.objects.filter(pk__in=ids).update(
            status=OutboxMessage.Status.PENDING,
            attempts=0,
            next_attempt_at=now,
            claimed_at=None,
        )
        for message_id in ids:
            schedule(message_id)
    return len(ids)


# Mail that waits somewhere before it reaches the outbox registers a safety net here
# (events: the compose tasks of registration mail), so `send_outbox` covers it too.
# Each is an object with recover(now) -> count, failed() -> count and
# retry_failed() -> count.
SAFETY_NETS = []


def register_safety_net(net):
    if net not in SAFETY_NETS:
        SAFETY_NETS.append(net)


def _claim_timeout():
    return datetime.timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT_SECONDS)


def release_stale_claims(*, now=None):
    """Rows a worker claimed but never finished (it was killed) become pending again.

    A worker killed after the mail server accepted a message but before the row was
    marked sent makes that one message go out twice: at-least-once, never lost.
    """
    now = now or timezone.now()
    return OutboxMessage.objects.filter(
        status=OutboxMessage.Status.SENDING, claimed_at__lt=now - _claim_timeout()
    ).update(status=OutboxMessage.Status.PENDING, claimed_at=None, next_attempt_at=now)


def send_due(*, now=None, limit=None):
    """Delivers every due pending row in this process; returns {outcome: count}."""
    now = now or timezone.now()
    release_stale_claims(now=now)
    due = (
        OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)
    )
    outcomes = {SENT: 0, RETRY: 0, FAILED: 0, SKIPPED: 0}
    for message_id in list(due[:limit] if limit else due):
        outcomes[deliver(message_id, now=now)] += 1
    return outcomes


def prune(*, now=None):
    """Deletes rows older than OUTBOX_RETENTION_DAYS that are sent or given up on."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    deleted, _ = OutboxMessage.objects.filter(
        Q(status=OutboxMessage.Status.SENT, sent_at__lt=cutoff)
        | Q(status=OutboxMessage.Status.FAILED, created_at__lt=cutoff)
    ).delete()
    return deleted
