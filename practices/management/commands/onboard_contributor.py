"""Onboard a municipal contributor: one account, one municipality, ready to write.

A new account (or one that never set a password) gets the invitation e-mail with a
single-use link to set a password (practices/invitations.py).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from home.models import Municipality
from practices.invitations import invite_contributor
from practices.roles import InactiveAccountError


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
            user, created, invited = invite_contributor(
                email=email, name=name, municipality=found, username=username
            )
        except (LookupError, InactiveAccountError) as error:
            raise CommandError(str(error)) from error
        action = "aangemaakt" if created else "bijgewerkt"
        self.stdout.write(
            self.style.SUCCESS(
                f"Bijdrager {action}: {user.get_username()} voor gemeente {found} "
                f"({found.cbs_code})."
            )
        )
        if invited:
            self.stdout.write(
                f"Uitnodiging verstuurd naar {user.email}: daarin staat de link om een "
                "wachtwoord in te stellen (één keer te gebruiken, "
                f"{settings.PASSWORD_RESET_TIMEOUT // 86400} dagen geldig)."
            )
        else:
            self.stdout.write(
                f"Inloggen: {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"
            )
