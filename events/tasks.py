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
from django.db.models import Q
from django.utils import timezone, translation

from django_tasks import task
from django_tasks.base import TaskResultStatus

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


class ComposeSafetyNet:
    """`send_outbox`'s safety net for compose tasks (home/outbox.SAFETY_NETS).

    The database worker does not take up again a task it was killed in the middle of,
    and a task waits for ever while no worker runs. So every run of `send_outbox`
    composes, in its own process, each compose task that a worker took but did not
    finish within OUTBOX_CLAIM_TIMEOUT_SECONDS, or that no worker took that long after
    it was due. Composing takes milliseconds, so a task that old is not being worked
    on; taking it is one conditional update, so two runs never both compose it.
    """

    path = compose_messages.module_path

    def _tasks(self):
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.filter(task_path=self.path)

    def recover(self, now=None):
        from django_tasks_db.models import get_date_max

        now = now or timezone.now()
        before = now - datetime.timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT_SECONDS)
        waiting = Q(status=TaskResultStatus.READY) & (
            Q(run_after__lt=before)
            | Q(run_after=get_date_max(), enqueued_at__lt=before)
        )
        stuck = Q(status=TaskResultStatus.RUNNING, started_at__lt=before)
        recovered = 0
        for row in self._tasks().filter(waiting | stuck).order_by("enqueued_at"):
            taken = (
                self._tasks()
                .filter(pk=row.pk, status=row.status, started_at=row.started_at)
                .update(
                    status=TaskResultStatus.RUNNING,
                    started_at=now,
                    worker_ids=[*row.worker_ids, "send_outbox"],
                )
            )
            if not taken:
                continue  # another run of send_outbox, or a worker, has it now
            status = TaskResultStatus.SUCCESSFUL
            try:
                compose_messages.call(
                    *row.args_kwargs["args"], **row.args_kwargs["kwargs"]
                )
            except Exception:  # logged by compose_messages; counted by failed()
                status = TaskResultStatus.FAILED
            self._tasks().filter(pk=row.pk).update(
                status=status, finished_at=timezone.now()
            )
            recovered += 1
        return recovered

    def failed(self):
        """Compose tasks that used up their attempts (until the worker prunes them)."""
        return self._tasks().filter(status=TaskResultStatus.FAILED).count()

    def retry_failed(self):
        """Gives each failed compose task a new task with a fresh set of attempts."""
        retried = 0
        for row in self._tasks().filter(status=TaskResultStatus.FAILED):
            kwargs = {**row.args_kwargs["kwargs"], "attempt": 1}
            with transaction.atomic():
                compose_messages.enqueue(*row.args_kwargs["args"], **kwargs)
                row.delete()
            retried += 1
        return retried


compose_safety_net = ComposeSafetyNet()
