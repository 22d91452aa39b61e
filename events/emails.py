"""E-mails about registrations: who gets which text, composed here and rendered from
templates/events/email/.

A change does not compose its mail: `send`, called inside the transaction of the
change, decides who will hear about it and stores one task, "the messages of this
event" (events/tasks.py), with a snapshot of what the messages say that can change
later: the registration's status, its attendees and the language of the request. The
task row is written in that transaction, so a rolled-back change sends nothing and a
committed one loses nothing. The background worker then composes the messages from the
snapshot (`deliver`, templates and the .ics attachment) and hands them to Django's mail
API, the outbox (home/outbox.py), which delivers them with retries. One message per
recipient. With the immediate task backend (the tests) all of this runs at once.

Who gets what is decided in two steps. `recipients` lists, per kind of change, each
person concerned with their *audience*: the contact person (attending themselves or
not), an attendee, or a former attendee (removed or replaced). `TEXTS` then holds the
subject and paragraphs per kind and audience (and registration status where it
matters), so "Er is een plaats voor u gereserveerd" goes only to people who attend.

Every message to the contact person carries the manage link. Its token is never stored
with the registration: it is derived from SECRET_KEY and the registration's id and salt
each time a message is composed (Registration.manage_token), so a message composed
after a new link was asked for carries the link that works. A registration whose
personal data was purged before the worker came to it gets nothing. The outbox keeps a
message's text only until it is delivered.
"""

import hmac
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from events.models import Attendee, Registration, hash_token

REGISTERED = "aanmelding"
PROMOTED = "van-wachtlijst"
CANCELLED = "annulering"
ATTENDEE_CANCELLED = "deelnemer-afgemeld"
ATTENDEE_ADDED = "deelnemer-toegevoegd"
ATTENDEES_ADDED = "deelnemers-toegevoegd"
ATTENDEE_REPLACED = "deelnemer-vervangen"
ATTENDEE_UPDATED = "deelnemer-gewijzigd"
REMINDER = "herinnering"
SESSION_CANCELLED = "bijeenkomst-geannuleerd"
MESSAGE = "bericht"
NEW_LINK = "nieuwe-link"

# Audiences: who a message is for, which decides its wording.
CONTACT = "contact"  # the contact person, not attending themselves
CONTACT_ATTENDING = "contact-deelnemer"  # the contact person, also an attendee
CONTACT_FORMER = "contact-afgemeld"  # the contact person, who just removed themselves
ATTENDEE = "deelnemer"  # an attendee who is not the contact person
FORMER = "oud-deelnemer"  # a person just removed or replaced

CONFIRMED = Registration.Status.CONFIRMED
WAITLISTED = Registration.Status.WAITLISTED
ANY = "*"

# Kinds whose messages carry the session as an .ics file and, once confirmed, the online
# link: to everybody but former attendees.
WITH_CALENDAR = {
    REGISTERED,
    PROMOTED,
    REMINDER,
    ATTENDEE_ADDED,
    ATTENDEE_REPLACED,
    SESSION_CANCELLED,
}
WITHOUT_DETAILS = {CANCELLED, SESSION_CANCELLED, MESSAGE}
NOT_ATTENDING = {FORMER, CONTACT_FORMER}


# --- the texts ---------------------------------------------------------------------
# TEXTS[kind][audience][status or ANY] = (subject, paragraphs). Placeholders: title,
# organisation, contact (contact person's name), name (the attendee concerned), old and
# new (replaced and replacing attendee), count (active attendees), names (added ones).

SEAT_FOR_YOU = _("Er is een plaats voor u gereserveerd.")
SEATS_FOR_ATTENDEES = ngettext_lazy(
    "Er is %(count)d plaats gereserveerd voor de deelnemer hieronder; die krijgt een "
    "eigen bevestiging.",
    "Er zijn %(count)d plaatsen gereserveerd voor de deelnemers hieronder; ieder krijgt "
    "een eigen bevestiging.",
    "count",
)
ON_WAITLIST = _(
    "De bijeenkomst is vol. De aanmelding van %(organisation)s staat daarom op de "
    "wachtlijst. Komen er genoeg plaatsen vrij voor de hele delegatie, dan schuift de "
    "aanmelding automatisch door en krijgt u daarover bericht."
)
ATTENDEE_ON_WAITLIST = _(
    "De bijeenkomst is vol: de aanmelding staat op de wachtlijst. Komen er genoeg "
    "plaatsen vrij, dan krijgt u daarover bericht."
)
REGISTERED_BY_CONTACT = _(
    "%(contact)s heeft u namens %(organisation)s aangemeld voor deze leerbijeenkomst."
)
STILL_REGISTERED = ngettext_lazy(
    "De aanmelding blijft staan voor %(count)d deelnemer.",
    "De aanmelding blijft staan voor %(count)d deelnemers.",
    "count",
)
CONFIRMED_SUBJECT = _("Aanmelding bevestigd: %(title)s")
WAITLIST_SUBJECT = _("Op de wachtlijst: %(title)s")
ADDED_SUBJECT = _("U bent aangemeld: %(title)s")
CANCELLED_SUBJECT = _("Afgemeld: %(title)s")
PROMOTED_TEXT = _(
    "Er zijn plaatsen vrijgekomen. De aanmelding van %(organisation)s staat niet meer "
    "op de wachtlijst maar is bevestigd."
)
REMINDER_SUBJECT = _("Herinnering: %(title)s")
REMINDER_ATTENDING = _(
    "Tot binnenkort! Hieronder staan de gegevens van de bijeenkomst."
)
SESSION_CANCELLED_TEXT = (
    _("Bijeenkomst geannuleerd: %(title)s"),
    [
        _(
            "Helaas gaat deze leerbijeenkomst niet door. Alle aanmeldingen vervallen; u "
            "hoeft niets te doen."
        )
    ],
)
REGISTRATION_CANCELLED = (
    _("Aanmelding geannuleerd: %(title)s"),
    [
        _(
            "De aanmelding van %(organisation)s voor deze leerbijeenkomst is "
            "geannuleerd. Alle deelnemers van deze aanmelding zijn afgemeld."
        )
    ],
)


def _same_for_contacts(texts):
    """The contact person gets the same text whether or not they attend."""
    return {CONTACT: texts, CONTACT_ATTENDING: texts}


TEXTS = {
    REGISTERED: {
        CONTACT: {
            CONFIRMED: (
                CONFIRMED_SUBJECT,
                [
                    _(
                        "De aanmelding van %(organisation)s voor deze leerbijeenkomst "
                        "is bevestigd."
                    ),
                    SEATS_FOR_ATTENDEES,
                ],
            ),
            WAITLISTED: (WAITLIST_SUBJECT, [ON_WAITLIST]),
        },
        CONTACT_ATTENDING: {
            CONFIRMED: (
                CONFIRMED_SUBJECT,
                [
                    _(
                        "De aanmelding van %(organisation)s voor deze leerbijeenkomst "
                        "is bevestigd."
                    ),
                    SEAT_FOR_YOU,
                ],
            ),
            WAITLISTED: (WAITLIST_SUBJECT, [ON_WAITLIST]),
        },
        ATTENDEE: {
            CONFIRMED: (CONFIRMED_SUBJECT, [REGISTERED_BY_CONTACT, SEAT_FOR_YOU]),
            WAITLISTED: (
                WAITLIST_SUBJECT,
                [REGISTERED_BY_CONTACT, ATTENDEE_ON_WAITLIST],
            ),
        },
    },
    PROMOTED: {
        CONTACT: {
            ANY: (
                _("Van de wachtlijst: aanmelding bevestigd voor %(title)s"),
                [PROMOTED_TEXT, SEATS_FOR_ATTENDEES],
            )
        },
        CONTACT_ATTENDING: {
            ANY: (
                _("Van de wachtlijst: u kunt deelnemen aan %(title)s"),
                [PROMOTED_TEXT, SEAT_FOR_YOU],
            )
        },
        ATTENDEE: {
            ANY: (
                _("Van de wachtlijst: u kunt deelnemen aan %(title)s"),
                [PROMOTED_TEXT, SEAT_FOR_YOU],
            )
        },
    },
    CANCELLED: {
        **_same_for_contacts({ANY: REGISTRATION_CANCELLED}),
        ATTENDEE: {
            ANY: (
                CANCELLED_SUBJECT,
                [
                    _(
                        "De aanmelding van %(organisation)s voor deze leerbijeenkomst "
                        "is geannuleerd. U bent daarom afgemeld."
                    )
                ],
            )
        },
    },
    ATTENDEE_CANCELLED: {
        **_same_for_contacts(
            {
                ANY: (
                    _("Deelnemer afgemeld: %(title)s"),
                    [
                        _("%(name)s is afgemeld voor deze leerbijeenkomst."),
                        STILL_REGISTERED,
                    ],
                )
            }
        ),
        CONTACT_FORMER: {
            ANY: (
                CANCELLED_SUBJECT,
                [
                    _("U bent afgemeld voor deze leerbijeenkomst."),
                    STILL_REGISTERED,
                ],
            )
        },
        FORMER: {
            ANY: (
                CANCELLED_SUBJECT,
                [
                    _(
                        "U bent afgemeld voor deze leerbijeenkomst door %(contact)s, "
                        "die de aanmelding van %(organisation)s beheert."
                    )
                ],
            )
        },
    },
    ATTENDEE_REPLACED: {
        CONTACT: {
            ANY: (
                _("Deelnemer vervangen: %(title)s"),
                [_("%(old)s is vervangen door %(new)s.")],
            )
        },
        CONTACT_ATTENDING: {
            CONFIRMED: (
                _("Deelnemer vervangen: %(title)s"),
                [_("%(old)s is vervangen door %(new)s."), SEAT_FOR_YOU],
            ),
            WAITLISTED: (
                _("Deelnemer vervangen: %(title)s"),
                [_("%(old)s is vervangen door %(new)s."), ON_WAITLIST],
            ),
        },
        ATTENDEE: {
            CONFIRMED: (
                ADDED_SUBJECT,
                [
                    _(
                        "%(contact)s heeft u namens %(organisation)s aangemeld voor "
                        "deze leerbijeenkomst, in plaats van %(old)s."
                    ),
                    SEAT_FOR_YOU,
                ],
            ),
            WAITLISTED: (
                ADDED_SUBJECT,
                [
                    _(
                        "%(contact)s heeft u namens %(organisation)s aangemeld voor "
                        "deze leerbijeenkomst, in plaats van %(old)s."
                    ),
                    ATTENDEE_ON_WAITLIST,
                ],
            ),
        },
        FORMER: {
            ANY: (
                CANCELLED_SUBJECT,
                [
                    _(
                        "%(contact)s heeft u afgemeld voor deze leerbijeenkomst en uw "
                        "plaats aan iemand anders van %(organisation)s gegeven."
                    )
                ],
            )
        },
    },
    ATTENDEE_UPDATED: {
        **_same_for_contacts(
            {
                ANY: (
                    _("Gegevens gewijzigd: %(title)s"),
                    [_("De gegevens van deelnemer %(name)s zijn gewijzigd.")],
                )
            }
        ),
        ATTENDEE: {
            ANY: (
                _("Gegevens gewijzigd: %(title)s"),
                [
                    _(
                        "%(contact)s heeft uw gegevens voor deze leerbijeenkomst "
                        "gewijzigd."
                    )
                ],
            )
        },
    },
    ATTENDEE_ADDED: {
        ATTENDEE: {
            CONFIRMED: (ADDED_SUBJECT, [REGISTERED_BY_CONTACT, SEAT_FOR_YOU]),
            WAITLISTED: (ADDED_SUBJECT, [REGISTERED_BY_CONTACT, ATTENDEE_ON_WAITLIST]),
        },
    },
    ATTENDEES_ADDED: {
        CONTACT: {
            CONFIRMED: (
                _("Deelnemers toegevoegd: %(title)s"),
                [
                    _("Toegevoegd aan de aanmelding van %(organisation)s: %(names)s."),
                    SEATS_FOR_ATTENDEES,
                ],
            ),
            WAITLISTED: (
                _("Deelnemers toegevoegd: %(title)s"),
                [
                    _("Toegevoegd aan de aanmelding van %(organisation)s: %(names)s."),
                    ON_WAITLIST,
                ],
            ),
        },
        CONTACT_ATTENDING: {
            CONFIRMED: (
                _("Deelnemers toegevoegd: %(title)s"),
                [
                    _("Toegevoegd aan de aanmelding van %(organisation)s: %(names)s."),
                    SEAT_FOR_YOU,
                ],
            ),
            WAITLISTED: (
                _("Deelnemers toegevoegd: %(title)s"),
                [
                    _("Toegevoegd aan de aanmelding van %(organisation)s: %(names)s."),
                    ON_WAITLIST,
                ],
            ),
        },
    },
    REMINDER: {
        CONTACT: {
            ANY: (
                REMINDER_SUBJECT,
                [
                    _(
                        "De bijeenkomst begint binnenkort. Hieronder staan de gegevens "
                        "van de bijeenkomst en de deelnemers van %(organisation)s."
                    )
                ],
            )
        },
        CONTACT_ATTENDING: {ANY: (REMINDER_SUBJECT, [REMINDER_ATTENDING])},
        ATTENDEE: {ANY: (REMINDER_SUBJECT, [REMINDER_ATTENDING])},
    },
    SESSION_CANCELLED: {
        **_same_for_contacts({ANY: SESSION_CANCELLED_TEXT}),
        ATTENDEE: {ANY: SESSION_CANCELLED_TEXT},
    },
    NEW_LINK: {
        **_same_for_contacts(
            {
                ANY: (
                    _("Nieuwe link voor uw aanmelding: %(title)s"),
                    [
                        _(
                            "U heeft een nieuwe persoonlijke link gevraagd voor de "
                            "aanmelding van %(organisation)s. De vorige link werkt niet "
                            "meer."
                        )
                    ],
                )
            }
        )
    },
}


# --- who gets what -----------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    """One message of an event: to whom, as which audience, about which attendee."""

    address: str
    audience: str
    name: str  # for the greeting
    attendee: object = None  # the Attendee the message is addressed to, if any

    @property
    def is_contact(self):
        return self.audience in (CONTACT, CONTACT_ATTENDING, CONTACT_FORMER)


def send(kind, registration_id, *, attendee_id=None, payload=None, registration=None):
    """Schedules the messages of `kind` about a registration, in the current transaction.

    Reads the registration (unless `registration` is given with its attendees loaded,
    as `services.register` does), decides who gets a message and stores one task with a
    snapshot of the state the messages describe (see the module docstring). Returns how
    many messages the worker will compose; nothing is stored when that is none.
    """
    if registration is None:
        registration = (
            Registration.objects.prefetch_related("attendees")
            .filter(pk=registration_id, anonymised_at__isnull=True)
            .first()
        )
        if registration is None:
            return 0
    payload = payload or {}
    people = recipients(kind, registration, attendee_id=attendee_id, payload=payload)
    if not people:
        return 0
    from events.tasks import compose_messages

    compose_messages.enqueue(
        kind,
        registration.pk,
        attendee_id=attendee_id,
        payload=payload,
        state=snapshot(registration),
    )
    return len(people)


def snapshot(registration):
    """What the messages of a change say that may change before they are composed:
    the registration's status, its attendees (as they were) and the language."""
    return {
        "language": translation.get_language(),
        "status": registration.status,
        "cancelled_at": _iso(registration.cancelled_at),
        "attendees": [
            {
                "id": a.pk,
                "name": a.name,
                "email": a.email,
                "role": a.role,
                "cancelled_at": _iso(a.cancelled_at),
            }
            for a in registration.attendees.all()
        ],
    }


def _iso(moment):
    return moment.isoformat() if moment else None


def _apply_snapshot(registration, state):
    """Puts the snapshot's status and attendees on a freshly read registration."""
    registration.status = state["status"]
    registration.cancelled_at = parse_datetime(state["cancelled_at"] or "")
    attendees = [
        Attendee(
            pk=a["id"],
            registration=registration,
            session_id=registration.session_id,
            name=a["name"],
            email=a["email"],
            role=a["role"],
            cancelled_at=parse_datetime(a["cancelled_at"] or ""),
        )
        for a in state["attendees"]
    ]
    set_attendees(registration, attendees)
    return registration


def set_attendees(registration, attendees):
    """Makes `registration.attendees.all()` answer `attendees` without a query, the
    way prefetch_related fills it."""
    queryset = registration.attendees.all()
    queryset._result_cache = list(attendees)
    queryset._prefetch_done = True
    registration._prefetched_objects_cache = {"attendees": queryset}


def deliver(kind, registration_id, *, attendee_id=None, payload=None, state=None):
    """Composes every message of one event and hands it to Django's mail API (the
    outbox); returns how many were queued. `state` is the snapshot `send` took; without
    it the registration is taken as it is now."""
    registrations = Registration.objects.select_related(
        "session", "municipality", "city_network"
    ).filter(pk=registration_id, anonymised_at__isnull=True)
    if state is None:
        registrations = registrations.prefetch_related("attendees")
    registration = registrations.first()
    if registration is None:
        return 0
    if state is not None:
        _apply_snapshot(registration, state)
    payload = payload or {}
    people = recipients(kind, registration, attendee_id=attendee_id, payload=payload)
    shared = _shared_context(registration) if people else {}
    concerned = next(
        (a.name for a in registration.attendees.all() if a.pk == attendee_id), ""
    )
    messages = [
        compose(
            kind, registration, recipient, payload=payload, about=concerned, **shared
        )
        for recipient in people
    ]
    if not messages:
        return 0
    # One call: the outbox stores the event's messages together, with one task.
    with get_connection(fail_silently=False) as connection:
        return connection.send_messages(messages)


def recipients(kind, registration, *, attendee_id=None, payload=None):
    """The Recipients of one event (see the module docstring)."""
    payload = payload or {}
    attendees = list(registration.attendees.all())
    active = [a for a in attendees if a.cancelled_at is None]
    contact_email = registration.contact_email.lower()
    contact_attends = any(a.email == contact_email for a in active)
    contact = Recipient(
        registration.contact_email,
        CONTACT_ATTENDING if contact_attends else CONTACT,
        registration.contact_name,
    )
    concerned = next((a for a in attendees if a.pk == attendee_id), None)

    def attendee(person, audience=ATTENDEE):
        return Recipient(person.email, audience, person.name, person)

    def others(people):
        return [attendee(a) for a in people if a.email != contact_email]

    if kind in (NEW_LINK, ATTENDEES_ADDED):
        return [contact]
    if kind == REMINDER and registration.status != CONFIRMED:
        return []
    if kind in (REGISTERED, PROMOTED, REMINDER, SESSION_CANCELLED):
        return [contact, *others(active)]
    if kind == CANCELLED:
        # Those cancelled with the registration, not those removed before.
        cancelled_now = [
            a for a in attendees if a.cancelled_at == registration.cancelled_at
        ]
        return [contact, *others(cancelled_now)]
    if concerned is None:
        return []
    is_contact = concerned.email == contact_email
    if kind == MESSAGE:
        # The editors' message: the contact person gets it with the manage link.
        if is_contact:
            return [Recipient(concerned.email, CONTACT_ATTENDING, contact.name)]
        return [attendee(concerned)]
    if kind == ATTENDEE_ADDED:
        return [] if is_contact else [attendee(concerned)]
    if kind == ATTENDEE_CANCELLED:
        if is_contact:
            return [Recipient(registration.contact_email, CONTACT_FORMER, contact.name)]
        return [contact, attendee(concerned, FORMER)]
    if kind == ATTENDEE_UPDATED:
        return [contact] if is_contact else [contact, attendee(concerned)]
    if kind == ATTENDEE_REPLACED:
        result = [contact]
        if not is_contact:
            result.append(attendee(concerned))
        old_email = payload.get("old_email", "")
        if old_email and old_email != contact_email:
            result.append(Recipient(old_email, FORMER, payload.get("old_name", "")))
        return result
    raise ValueError(f"unknown mail kind {kind}")


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


def texts(kind, audience, registration, *, name="", payload=None):
    """Subject and paragraphs of one message, in the active language; `name` is the
    attendee the change is about."""
    payload = payload or {}
    if kind == MESSAGE:
        return payload["subject"], payload["body"].split("\n\n")
    by_status = TEXTS[kind][audience]
    subject, paragraphs = by_status.get(registration.status) or by_status[ANY]
    active = registration.active_attendees()
    values = {
        "title": registration.session.title,
        "organisation": registration.organisation_name,
        "contact": registration.contact_name,
        "name": name,
        "old": payload.get("old_name", ""),
        "new": payload.get("new_name", ""),
        "count": len(active),
        "names": ", ".join(
            a.name for a in active if a.pk in set(payload.get("attendee_ids", []))
        ),
    }
    # Lazy texts: `%` also picks the plural form of an ngettext_lazy by its count.
    result = [str(p % values) for p in paragraphs]
    if kind == SESSION_CANCELLED and registration.session.cancellation_reason:
        result.append(
            str(_("Reden: %(reason)s"))
            % {"reason": registration.session.cancellation_reason}
        )
    return str(subject % values), result


def _shared_context(registration):
    """What every message of one event has in common (computed once per event)."""
    session = registration.session
    return {
        "session_url": session.get_full_url(),
        "link": manage_url(registration),
        # The .ics attachments, built once per event: {online link: file content}.
        "calendars": {},
    }


def compose(
    kind,
    registration,
    recipient,
    *,
    payload=None,
    about="",
    session_url=None,
    link=None,
    calendars=None,
):
    """One message (an EmailMultiAlternatives) for one Recipient."""
    from events.calendar import session_calendar

    session = registration.session
    if session_url is None:
        session_url = session.get_full_url()
    if link is None and recipient.is_contact:
        link = manage_url(registration)
    subject, paragraphs = texts(
        kind, recipient.audience, registration, name=about, payload=payload
    )
    attending = recipient.audience not in NOT_ATTENDING
    show_online = (
        registration.status == CONFIRMED
        and attending
        and kind in WITH_CALENDAR - {SESSION_CANCELLED}
        and bool(session.online_meeting_url)
    )
    context = {
        "kind": kind,
        "subject": subject,
        "paragraphs": paragraphs,
        "greeting_name": recipient.name,
        "registration": registration,
        "session": session,
        "session_url": session_url,
        "attendee": recipient.attendee,
        "attendees": registration.active_attendees(),
        "is_contact": recipient.is_contact,
        "manage_url": link if recipient.is_contact else "",
        # Changes are possible only while the registration and the session are on.
        "manage_can_change": registration.is_active
        and not session.is_cancelled
        and not session.has_started,
        "online_url": session.online_meeting_url if show_online else "",
        "show_details": kind not in WITHOUT_DETAILS and attending,
        "start": timezone.localtime(session.start),
        "end": timezone.localtime(session.end),
    }
    text = render_to_string("events/email/message.txt", context)
    html = render_to_string("events/email/message.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.address],
    )
    message.attach_alternative(html, "text/html")
    if kind in WITH_CALENDAR and attending:
        calendars = {} if calendars is None else calendars
        online_url = context["online_url"]
        if online_url not in calendars:
            calendar = session_calendar(session, online_url=online_url)
            calendars[online_url] = calendar.to_ical().decode("utf-8")
        message.attach(
            "leerbijeenkomst.ics",
            calendars[online_url],
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    return message
