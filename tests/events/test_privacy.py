"""Personal data disappears after the retention period; anonymous counts stay."""

import datetime

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from events import services
from events.models import Attendee, Registration, SessionStatistic

from .conftest import municipality, register


def make_session_with_registrations(events_site, days_ago):
    start = timezone.now() + datetime.timedelta(days=1)
    session = events_site.session(capacity=3, start=start)
    rotterdam = services.Organisation(municipality=municipality("GM0599"))
    first, token = register(session, 2, organisation=rotterdam, notify=False)
    register(session, 1, organisation=rotterdam, notify=False)
    waiting, _ = register(
        session,
        2,
        organisation=services.Organisation(other_name="Politie"),
        notify=False,
    )
    cancelled, _ = register(session, 1, notify=False)  # waitlisted, then cancelled
    services.cancel_registration(cancelled.pk, notify=False)
    # The session took place `days_ago` days ago.
    session.start = timezone.now() - datetime.timedelta(days=days_ago, hours=3)
    session.end = timezone.now() - datetime.timedelta(days=days_ago)
    session.save()
    return session, token


@override_settings(REGISTRATION_RETENTION_DAYS=90)
def test_purge_after_retention_period(events_site):
    session, token = make_session_with_registrations(events_site, days_ago=91)
    recent, recent_token = make_session_with_registrations(events_site, days_ago=10)
    call_command("purge_registration_data")

    purged = Registration.objects.filter(session=session)
    assert purged.count() == 4
    for registration in purged:
        assert registration.anonymised_at is not None
        assert registration.contact_name == registration.contact_email == ""
        assert registration.remarks == registration.contact_phone == ""
        assert registration.token_hash is None
    assert not Attendee.objects.filter(session=session).exists()
    assert Registration.objects.for_token(token) is None

    stats = {
        s.organisation_label: (s.attendee_count, s.waitlisted_count)
        for s in SessionStatistic.objects.filter(session=session)
    }
    assert stats["Gemeente Rotterdam"] == (3, 0)
    assert stats["Politie"] == (0, 2)

    # The recent session keeps everything.
    assert Attendee.objects.filter(session=recent).count() == 6
    assert Registration.objects.for_token(recent_token) is not None
    assert not Registration.objects.filter(
        session=recent, anonymised_at__isnull=False
    ).exists()


def test_purge_is_idempotent_and_counts_stay(events_site):
    session, _ = make_session_with_registrations(events_site, days_ago=100)
    call_command("purge_registration_data")
    call_command("purge_registration_data")
    stat = SessionStatistic.objects.get(
        session=session, organisation_label="Gemeente Rotterdam"
    )
    assert stat.attendee_count == 3


def test_days_option(events_site):
    session, _ = make_session_with_registrations(events_site, days_ago=10)
    call_command("purge_registration_data", days=30)
    assert not Registration.objects.filter(anonymised_at__isnull=False).exists()
    call_command("purge_registration_data", days=5)
    assert (
        Registration.objects.filter(
            session=session, anonymised_at__isnull=False
        ).count()
        == 4
    )
