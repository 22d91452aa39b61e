"""Retries e-mails that the mail server refused; run it from a scheduler."""

from django.core.management.base import BaseCommand

from events import emails


class Command(BaseCommand):
    help = "Verstuurt mislukte e-mails over aanmeldingen opnieuw."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None)

    def handle(self, *args, limit=None, **options):
        sent, failed = emails.resend_failed(limit=limit)
        self.stdout.write(f"Opnieuw verstuurd: {sent}; nog steeds mislukt: {failed}.")
        if failed:
            # A non-zero exit lets the scheduler alert someone.
            raise SystemExit(1)
