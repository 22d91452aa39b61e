"""Removes personal data of registrations after the retention period (run it daily)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from events.privacy import purge


class Command(BaseCommand):
    help = (
        "Verwijdert persoonsgegevens van aanmeldingen REGISTRATION_RETENTION_DAYS dagen "
        "na afloop van de bijeenkomst; bewaart alleen anonieme aantallen per organisatie."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Bewaartermijn in dagen (standaard {settings.REGISTRATION_RETENTION_DAYS}).",
        )

    def handle(self, *args, days=None, **options):
        count = purge(days=days)
        self.stdout.write(f"Persoonsgegevens verwijderd van {count} aanmeldingen.")
