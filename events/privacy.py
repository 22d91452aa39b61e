"""Removing registrants' personal data after the retention period.

REGISTRATION_RETENTION_DAYS (default 90) after a session has ended, every registration
for it loses its personal data: the contact person's name, e-mail, phone, remarks and
the manage-link hash are blanked and the attendees are deleted. (Mail to them leaves
the outbox sooner: OUTBOX_RETENTION_DAYS, see home/outbox.py.)
What stays is anonymous: per organisation, how many attendees were confirmed and how
many waited, in SessionStatistic; the registration row keeps only its organisation
(a municipality, network or organisation name), status and dates.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from events.models import (
    Attendee,
    Registration,
    SessionPage,
    SessionStatistic,
)


def purge(now=None, days=None):
    """Anonymises every registration that is due; returns how many."""
    now = now or timezone.now()
    days = settings.REGISTRATION_RETENTION_DAYS if days is None else days
    cutoff = now - datetime.timedelta(days=days)
    due_sessions = SessionPage.objects.filter(
        end__lt=cutoff,
        registrations__anonymised_at__isnull=True,
    ).distinct()
    total = 0
    for session in due_sessions:
        total += _purge_session(session, now)
    return total


@transaction.atomic
def _purge_session(session, now):
    registrations = list(
        Registration.objects.filter(session=session, anonymised_at__isnull=True)
        .select_related("municipality", "city_network")
        .annotate(
            seats=Count("attendees", filter=Q(attendees__cancelled_at__isnull=True))
        )
    )
    counts = defaultdict(lambda: {"confirmed": 0, "waitlisted": 0, "kind": ""})
    for registration in registrations:
        entry = counts[registration.organisation_name]
        entry["kind"] = registration.organisation_kind
        if registration.status == Registration.Status.CONFIRMED:
            entry["confirmed"] += registration.seats
        elif registration.status == Registration.Status.WAITLISTED:
            entry["waitlisted"] += registration.seats
    for label, entry in counts.items():
        statistic, _ = SessionStatistic.objects.get_or_create(
            session=session,
            organisation_label=label[:200],
            defaults={
                "session_title": session.title[:255],
                "session_start": session.start,
                "organisation_kind": entry["kind"],
            },
        )
        statistic.attendee_count += entry["confirmed"]
        statistic.waitlisted_count += entry["waitlisted"]
        statistic.save()
    ids = [r.pk for r in registrations]
    Attendee.objects.filter(registration_id__in=ids).delete()
    Registration.objects.filter(pk__in=ids).update(
        contact_name="",
        contact_email="",
        contact_phone="",
        remarks="",
        # No hash: no token matches; no salt: the old link cannot be derived either.
        token_hash=None,
        token_salt="",
        anonymised_at=now,
    )
    return len(ids)
