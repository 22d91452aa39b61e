"""Everything `make run` needs before the server starts, in one process:
migrate, (re)load the demo content when its source changed, and print the admin login.

One Django start-up instead of three keeps a second `make run` down to seconds.
"""

import hashlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def demo_fingerprint():
    """A hash of every app's demo source and of the database it was loaded into."""
    digest = hashlib.sha256(str(connection.settings_dict["NAME"]).encode())
    for app_config in apps.get_app_configs():
        app_path = Path(app_config.path)
        if not app_path.is_relative_to(settings.BASE_DIR) or ".venv" in app_path.parts:
            continue
        for source in sorted(app_path.glob("demo*.py")):
            digest.update(source.read_bytes())
    return digest.hexdigest()


class Command(BaseCommand):
    help = (
        "Migreert, laadt de demo-inhoud als die veranderd is en toont de beheerlogin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            default=None,
            help="Het adres waarop de server luistert; gelijk aan PORTAL_BASE_URL.",
        )
        parser.add_argument(
            "--stamp",
            default=str(Path(settings.BASE_DIR) / "var" / ".demo-fingerprint"),
        )

    def handle(self, *args, url, stamp, **options):
        from home.links import base_url, sync_default_site
        from home.models import HomePage

        if url and url.rstrip("/") != base_url():
            # runserver builds every link from the setting: both must agree.
            raise CommandError(
                f"--url {url} wijkt af van PORTAL_BASE_URL ({base_url()}): "
                "zet PORTAL_BASE_URL op het adres waarop de portal draait."
            )
        call_command("migrate", interactive=False, verbosity=1)
        stamp_path = Path(stamp)
        fingerprint = demo_fingerprint()
        up_to_date = (
            stamp_path.exists()
            and stamp_path.read_text().strip() == fingerprint
            and HomePage.objects.exists()
        )
        if up_to_date:
            self.stdout.write("Demo-inhoud is al bijgewerkt.")
        else:
            call_command("load_demo")
            stamp_path.parent.mkdir(parents=True, exist_ok=True)
            stamp_path.write_text(fingerprint + "\n")
        sync_default_site()
        call_command("ensure_admin", url=base_url())
