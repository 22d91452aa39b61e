"""Onboard a municipal contributor: one account, one municipality, ready to write."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from home.models import Municipality
from practices.roles import onboard_contributor


class Command(BaseCommand):
    help = (
        "Maakt een gemeentelijke bijdrager aan of werkt die bij: account, groepen en de "
        "koppeling aan één gemeente. Toont nooit een wachtwoord."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", required=True, help="Voor- en achternaam.")
        parser.add_argument(
            "--municipality",
            required=True,
            help="CBS-code (GM0363) of slug (amsterdam) van de gemeente.",
        )
        parser.add_argument(
            "--username", default=None, help="Standaard het e-mailadres."
        )

    def handle(self, *args, email, name, municipality, username, **options):
        found = Municipality.objects.filter(
            Q(cbs_code=municipality.upper()) | Q(slug=municipality.lower())
        ).first()
        if found is None:
            raise CommandError(f"Onbekende gemeente: {municipality}")
        try:
            user, created = onboard_contributor(
                email=email, name=name, municipality=found, username=username
            )
        except LookupError as error:
            raise CommandError(str(error)) from error
        action = "aangemaakt" if created else "bijgewerkt"
        reset_url = (
            settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/password_reset/"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Bijdrager {action}: {user.get_username()} voor gemeente {found} "
                f"({found.cbs_code})."
            )
        )
        if created or not user.has_usable_password():
            self.stdout.write(
                "De bijdrager stelt zelf een wachtwoord in via "
                f"{reset_url} (met het e-mailadres {user.email})."
            )
        else:
            self.stdout.write(f"Inloggen: {settings.WAGTAILADMIN_BASE_URL}/admin/")
