"""Sends the outbox's due mail in this process and tidies it; for a scheduler or by hand.

The worker (`manage.py db_worker`) normally delivers every message, retries included.
This command is the safety net, e.g. every 15 minutes from cron: it frees rows whose
worker died mid-send, sends every due row (also those of a task backend that cannot
schedule retries), and deletes sent and failed rows after OUTBOX_RETENTION_DAYS. The
other apps' safety nets (outbox.SAFETY_NETS: the compose tasks of registration mail) run
first, so what they recover is sent in the same run.
`--failed` first gives rows that used up their attempts a fresh set (like the admin's
resend action), and failed compose tasks a new one. Exits 1 while some mail is failed.
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
            requeued += sum(net.retry_failed() for net in outbox.SAFETY_NETS)
            self.stdout.write(f"Opnieuw in de wachtrij: {requeued}.")
        recovered = sum(net.recover() for net in outbox.SAFETY_NETS)
        if recovered:
            self.stdout.write(f"Opgepakt na een gestopte worker: {recovered}.")
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
        not_composed = sum(net.failed() for net in outbox.SAFETY_NETS)
        if not_composed:
            raise CommandError(
                f"{not_composed} e-mailtaken konden niet worden samengesteld; zie het "
                "log van de worker en probeer ze opnieuw met --failed."
            )
