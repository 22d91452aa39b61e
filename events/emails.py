"""E-mails about registrations: composed here, rendered from templates/events/email/.

Mail is sent inside the transaction that changes the registration (`send`): Django's
mail API puts each message in the outbox (home/outbox.py) as part of that transaction,
so a rolled-back change sends nothing, a committed one loses nothing, and the worker
delivers it with retries. One message per recipient.

Every message to the contact person carries the manage link. Its token is never stored
with the registration: it is derived from SECRET_KEY and the registration's id and salt
each time a message is composed (Registration.manage_token). The outbox keeps a
message's text only until it is delivered.
"""

import hmac

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Registration, hash_token

REGISTERED = "aanmelding"
PROMOTED = "van-wachtlijst"
CANCELLED = "annulering"
ATTENDEE_CANCELLED = "deelnemer-afgemeld"
ATTENDEE_ADDED = "deelnemer-toegevoegd"
REMINDER = "herinnering"
SESSION_CANCELLED = "bijeenkomst-geannuleerd"
MESSAGE = "bericht"
NEW_LINK = "nieuwe-link"


def send(kind, registration_id, **options):
    """Queues the messages of `kind` in the outbox, in the current transaction."""
    return deliver(kind, registration_id, **options)


def deliver(kind, registration_id, *, attendee_id=None, payload=None):
    """Composes every message of one event and hands it to Django's mail API (the
    outbox); returns how many were queued."""
    registration = (
        Registration.objects.select_related("session", "municipality", "city_network")
        .filter(pk=registration_id, anonymised_at__isnull=True)
        .first()
    )
    if registration is None:
        return 0
    sent = 0
    for recipient, attendee, with_link in recipients(
        kind, registration, attendee_id=attendee_id
    ):
        message = compose(
            kind,
            registration,
            recipient,
            attendee=attendee,
            with_link=with_link,
            payload=payload,
        )
        sent += message.send(fail_silently=False)
    return sent


def recipients(kind, registration, *, attendee_id=None):
    """(address, attendee or None, gets the manage link) for each message of an event.

    Every message to the contact person carries the manage link, also one they get as
    an attendee of their own delegation (e.g. the editors' message); nobody else's does.
    """
    attendees = list(registration.attendees.all())
    active = [a for a in attendees if a.cancelled_at is None]
    contact = registration.contact_email.lower()
    result = []
    if kind == NEW_LINK:
        return [(registration.contact_email, None, True)]
    if kind in (ATTENDEE_CANCELLED, ATTENDEE_ADDED, MESSAGE):
        attendee = next((a for a in attendees if a.pk == attendee_id), None)
        if attendee is not None:
            result.append((attendee.email, attendee, attendee.email == contact))
        if kind == ATTENDEE_CANCELLED and attendee and attendee.email != contact:
            result.append((registration.contact_email, None, True))
        return result
    if kind == REMINDER and registration.status != Registration.Status.CONFIRMED:
        return []
    people = attendees if kind == CANCELLED else active
    result.append((registration.contact_email, None, True))
    # The contact person gets one message, also when they attend themselves.
    result.extend((a.email, a, False) for a in people if a.email != contact)
    return result


# --- composing ---------------------------------------------------------------------


def manage_url(registration, token=None):
    """The full manage-link URL; without `token`, the registration's current one.

    Empty when the registration has no link (personal data purged) or the session has
    ended (the link would give 404 anyway).
    """
    if token is None:
        if registration.token_hash is None or registration.session.has_ended:
            return ""
        token = registration.manage_token()
        if not hmac.compare_digest(hash_token(token), registration.token_hash):
            # SECRET_KEY was rotated since the hash was stored: store the hash of the
            # token the current key derives, unless the salt changed meanwhile.
            Registration.objects.filter(
                pk=registration.pk, token_salt=registration.token_salt
            ).exclude(token_hash=None).update(token_hash=hash_token(token))
    from home.links import page_url

    index = registration.session.get_parent().specific
    return page_url(index, index.reverse_subpage("manage", kwargs={"token": token}))


def _texts(kind, registration, attendee, payload):
    """Subject and paragraphs of one kind of message."""
    title = registration.session.title
    confirmed = registration.status == Registration.Status.CONFIRMED
    if kind == REGISTERED and confirmed:
        return (
            _("Aanmelding bevestigd: %(title)s") % {"title": title},
            [
                _(
                    "De aanmelding van %(organisation)s voor deze leerbijeenkomst is "
                    "bevestigd. Er is een plaats voor u gereserveerd."
                )
                % {"organisation": registration.organisation_name},
            ],
        )
    if kind == REGISTERED:
        return (
            _("Op de wachtlijst: %(title)s") % {"title": title},
            [
                _(
                    "De bijeenkomst is vol. De aanmelding van %(organisation)s staat "
                    "daarom op de wachtlijst. Komen er genoeg plaatsen vrij voor de hele "
                    "delegatie, dan schuift de aanmelding automatisch door en krijgt u "
                    "daarover bericht."
                )
                % {"organisation": registration.organisation_name},
            ],
        )
    if kind == PROMOTED:
        return (
            _("Van de wachtlijst: u kunt deelnemen aan %(title)s") % {"title": title},
            [
                _(
                    "Er zijn plaatsen vrijgekomen. De aanmelding van %(organisation)s "
                    "staat niet meer op de wachtlijst maar is bevestigd."
                )
                % {"organisation": registration.organisation_name},
            ],
        )
    if kind == CANCELLED:
        return (
            _("Aanmelding geannuleerd: %(title)s") % {"title": title},
            [
                _(
                    "De aanmelding van %(organisation)s voor deze leerbijeenkomst is "
                    "geannuleerd. Alle deelnemers van deze aanmelding zijn afgemeld."
                )
                % {"organisation": registration.organisation_name},
            ],
        )
    if kind == ATTENDEE_CANCELLED:
        return (
            _("Afgemeld: %(title)s") % {"title": title},
            [
                _("%(name)s is afgemeld voor deze leerbijeenkomst.")
                % {"name": attendee.name if attendee else ""},
            ],
        )
    if kind == ATTENDEE_ADDED:
        return (
            _("U bent aangemeld: %(title)s") % {"title": title},
            [
                _(
                    "%(contact)s heeft u namens %(organisation)s aangemeld voor deze "
                    "leerbijeenkomst."
                )
                % {
                    "contact": registration.contact_name,
                    "organisation": registration.organisation_name,
                },
                _("Status van de aanmelding: %(status)s.")
                % {"status": registration.get_status_display()},
            ],
        )
    if kind == REMINDER:
        return (
            _("Herinnering: %(title)s") % {"title": title},
            [_("Tot binnenkort! Hieronder staan de gegevens van de bijeenkomst.")],
        )
    if kind == SESSION_CANCELLED:
        reason = registration.session.cancellation_reason
        return (
            _("Bijeenkomst geannuleerd: %(title)s") % {"title": title},
            [
                _(
                    "Helaas gaat deze leerbijeenkomst niet door. Alle aanmeldingen "
                    "vervallen; u hoeft niets te doen."
                ),
                *([_("Reden: %(reason)s") % {"reason": reason}] if reason else []),
            ],
        )
    if kind == MESSAGE:
        return payload["subject"], payload["body"].split("\n\n")
    if kind == NEW_LINK:
        return (
            _("Nieuwe link voor uw aanmelding: %(title)s") % {"title": title},
            [
                _(
                    "U heeft een nieuwe persoonlijke link gevraagd voor de aanmelding "
                    "van %(organisation)s. De vorige link werkt niet meer."
                )
                % {"organisation": registration.organisation_name},
            ],
        )
    raise ValueError(f"unknown mail kind {kind}")


def compose(
    kind, registration, recipient, *, attendee=None, with_link=False, payload=None
):
    from events.calendar import session_calendar

    session = registration.session
    subject, paragraphs = _texts(kind, registration, attendee, payload or {})
    confirmed = registration.status == Registration.Status.CONFIRMED
    show_online = (
        confirmed
        and kind in (REGISTERED, PROMOTED, REMINDER, ATTENDEE_ADDED)
        and bool(session.online_meeting_url)
    )
    attach_ics = kind in (
        REGISTERED,
        PROMOTED,
        REMINDER,
        ATTENDEE_ADDED,
        SESSION_CANCELLED,
    )
    context = {
        "kind": kind,
        "subject": subject,
        "paragraphs": paragraphs,
        "registration": registration,
        "session": session,
        "session_url": session.get_full_url(),
        "attendee": attendee,
        "attendees": registration.active_attendees(),
        "is_contact": attendee is None,
        "manage_url": manage_url(registration) if with_link else "",
        # Changes are possible only while the registration and the session are on.
        "manage_can_change": registration.is_active
        and not session.is_cancelled
        and not session.has_started,
        "online_url": session.online_meeting_url if show_online else "",
        "show_details": kind not in (CANCELLED, SESSION_CANCELLED, MESSAGE),
        "start": timezone.localtime(session.start),
        "end": timezone.localtime(session.end),
    }
    text = render_to_string("events/email/message.txt", context)
    html = render_to_string("events/email/message.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
    )
    message.attach_alternative(html, "text/html")
    if attach_ics:
        calendar = session_calendar(session, online_url=context["online_url"])
        message.attach(
            "leerbijeenkomst.ics",
            calendar.to_ical().decode("utf-8"),
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    return message
