"""Everything `make run` needs before the server starts, in one process:
migrate, (re)load the demo content when its source changed, and print the admin login.

One Django start-up instead of three keeps a second `make run` down to seconds.
"""

import hashlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
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
        parser.add_argument("--url", default="http://127.0.0.1:8000")
        parser.add_argument(
            "--stamp",
            default=str(Path(settings.BASE_DIR) / "var" / ".demo-fingerprint"),
        )

    def handle(self, *args, url, stamp, **options):
        from home.models import HomePage

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
        call_command("ensure_admin", url=url)
