"""Background work of the events app: composing the messages of a registration change.

`emails.send` enqueues `compose_messages` in the transaction of the change, with a
snapshot of the state the messages describe; the django-tasks worker composes them
(templates, the .ics attachment) and writes them to the mail outbox (home/outbox.py),
which delivers them. So a registration holds its session's lock only for the decision
and its inserts, not for the mail (docs/benchmarks.md, "Registration burst").
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from django_tasks import task

from events import emails
from home.outbox import retry_delay

logger = logging.getLogger(__name__)


# The same priority as the outbox's delivery: a visitor waits for this mail.
@task(priority=50)
def compose_messages(
    kind, registration_id, *, attendee_id=None, payload=None, state=None, attempt=1
):
    """Composes the messages of one event and queues them in the outbox, in one
    transaction; returns how many. A failure (the database, a template) is retried with
    the outbox's back-off, at most OUTBOX_MAX_ATTEMPTS times, then logged as an error."""
    language = (state or {}).get("language") or settings.LANGUAGE_CODE
    try:
        with translation.override(language), transaction.atomic():
            return emails.deliver(
                kind,
                registration_id,
                attendee_id=attendee_id,
                payload=payload,
                state=state,
            )
    except Exception:
        backend = compose_messages.get_backend()
        if attempt >= settings.OUTBOX_MAX_ATTEMPTS or not backend.supports_defer:
            logger.exception(
                "Messages %s of registration %s not composed after %s attempts",
                kind,
                registration_id,
                attempt,
            )
            raise
        run_after = timezone.now() + datetime.timedelta(seconds=retry_delay(attempt))
        compose_messages.using(run_after=run_after).enqueue(
            kind,
            registration_id,
            attendee_id=attendee_id,
            payload=payload,
            state=state,
            attempt=attempt + 1,
        )
        logger.warning(
            "Messages %s of registration %s: attempt %s failed; next at %s",
            kind,
            registration_id,
            attempt,
            run_after.isoformat(),
            exc_info=True,
        )
        return 0
