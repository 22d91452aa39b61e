"""Bring the reference data (municipalities, regions, themes, ...) up to date."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Werkt gemeenten, RIEC-regio's, thema's en andere referentiegegevens bij."

    def handle(self, *args, **options):
        from home.reference_data import load_reference_data

        with transaction.atomic():
            load_reference_data(apps)
        self.stdout.write(self.style.SUCCESS("Referentiegegevens bijgewerkt."))
