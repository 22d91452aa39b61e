"""Build (or bring up to date) the demo site. Safe to run again: it never makes doubles."""

import logging
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = (
        "Laadt de demo-inhoud (idempotent); referentiegegevens komen uit de migraties."
    )

    def handle(self, *args, **options):
        # Wagtail logs every page it creates and publishes at INFO: hundreds of lines
        # that would bury the admin login printed after this command.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        with transaction.atomic():
            # Each app contributes its own demo content, in INSTALLED_APPS order.
            for app_config in apps.get_app_configs():
                if app_config.module and module_has_submodule(
                    app_config.module, "demo"
                ):
                    import_module(f"{app_config.name}.demo").build(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo-inhoud geladen."))
