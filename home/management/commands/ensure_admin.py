"""Create the local administrator account for `make run` and print its login.

The password is generated once and kept in var/admin-password (readable by the owner
only), so later runs print the same login instead of changing it.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Maakt het lokale beheerdersaccount aan (alleen voor ontwikkeling) en toont de login."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--url", default="http://127.0.0.1:8000", help="Adres van de site."
        )
        parser.add_argument(
            "--password-file",
            default=str(Path(settings.BASE_DIR) / "var" / "admin-password"),
        )

    def handle(self, *args, username, password_file, url, **options):
        password_path = Path(password_file)
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        password = password_path.read_text().strip() if password_path.exists() else ""

        if user is None or not password or not user.check_password(password):
            password = secrets.token_urlsafe(12)
            if user is None:
                user = User.objects.create_superuser(
                    username=username,
                    email=f"{username}@kennisportaal.example",
                    password=password,
                )
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
            password_path.parent.mkdir(parents=True, exist_ok=True)
            password_path.write_text(password + "\n")
            password_path.chmod(0o600)

        self.stdout.write(
            self.style.SUCCESS(
                f"\n  Portaal: {url}/\n  Beheer:  {url}/admin/\n"
                f"  Gebruikersnaam: {username}\n  Wachtwoord:     {password}\n"
            )
        )
