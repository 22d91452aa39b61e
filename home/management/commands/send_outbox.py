"""Sends the outbox's due mail in this process and tidies it; for a scheduler or by hand.

The worker (`manage.py db_worker`) normally delivers every message, retries included.
This command is the safety net, e.g. every 15 minutes from cron: it frees rows whose
worker died mid-send, sends every due row (also those of a task backend that cannot
schedule retries), and deletes sent and failed rows after OUTBOX_RETENTION_DAYS.
`--failed` first gives rows that used up their attempts a fresh set (like the admin's
resend action). Exits 1 while some rows are failed.
"""

from django.core.management.base import BaseCommand, CommandError

from home import outbox
from home.models import OutboxMessage


class Command(BaseCommand):
    help = "Verstuurt wachtende e-mail uit de outbox en ruimt oude rijen op."

    def add_arguments(self, parser):
        parser.add_argument(
            "--failed",
            action="store_true",
            help="Probeer ook mislukte e-mail opnieuw (met nieuwe pogingen).",
        )
        parser.add_argument(
            "--limit", type=int, default=None, help="Ten hoogste zoveel e-mails."
        )

    def handle(self, *args, failed=False, limit=None, **options):
        if failed:
            ids = OutboxMessage.objects.filter(
                status=OutboxMessage.Status.FAILED
            ).values_list("pk", flat=True)
            requeued = outbox.resend(list(ids))
            self.stdout.write(f"Opnieuw in de wachtrij: {requeued}.")
        outcomes = outbox.send_due(limit=limit)
        pruned = outbox.prune()
        self.stdout.write(
            f"Verstuurd: {outcomes[outbox.SENT]}, later opnieuw: "
            f"{outcomes[outbox.RETRY]}, mislukt: {outcomes[outbox.FAILED]}, "
            f"opgeruimd: {pruned}."
        )
        still_failed = OutboxMessage.objects.filter(
            status=OutboxMessage.Status.FAILED
        ).count()
        if still_failed:
            raise CommandError(
                f"{still_failed} e-mails zijn mislukt; zie Instellingen → Uitgaande "
                "e-mail in de beheeromgeving."
            )
