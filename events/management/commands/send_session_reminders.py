"""Sends the reminder before a session; run it from a scheduler (e.g. every hour).

Idempotent: each registration gets at most one reminder (reminder_sent_at is claimed in
the database before sending), so overlapping runs never send twice.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from events import emails
from events.models import Registration


class Command(BaseCommand):
    help = "Stuurt de herinnering voor leerbijeenkomsten die binnen SESSION_REMINDER_HOURS beginnen."

    def handle(self, *args, **options):
        now = timezone.now()
        horizon = now + datetime.timedelta(hours=settings.SESSION_REMINDER_HOURS)
        due = Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            anonymised_at__isnull=True,
            session__start__gt=now,
            session__start__lte=horizon,
            session__is_cancelled=False,
            session__live=True,
        ).values_list("pk", flat=True)
        sent = registrations = 0
        for registration_id in list(due):
            # The claim and the mail (in the outbox) commit together or not at all.
            with transaction.atomic():
                claimed = Registration.objects.filter(
                    pk=registration_id, reminder_sent_at__isnull=True
                ).update(reminder_sent_at=now)
                if not claimed:
                    continue  # another run got there first
                registrations += 1
                sent += emails.send(emails.REMINDER, registration_id)
        self.stdout.write(
            f"Herinneringen: {registrations} aanmeldingen, {sent} e-mails verstuurd."
        )
