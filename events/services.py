"""The registration rules, in one place. Views, admin and commands only call these.

Every function that changes seats runs in one transaction that first locks the session:
on PostgreSQL `SELECT ... FOR UPDATE` on the session row, on SQLite the IMMEDIATE
transaction mode (portal/settings/base.py) takes the database's write lock at BEGIN.
Either way two requests for the same session are served one after the other, so counting
and then writing can never oversell.

Waitlist policy (docs/events.md): first come, first served, skip to fit. Waitlisted
registrations are considered in the order they came in; each is promoted as a whole when
it fits in the free seats, and one that does not fit is passed over (it keeps its place)
so that a large delegation does not keep smaller ones behind it waiting for seats it
cannot use. A new registration is confirmed when it fits in the free seats; because every
freed seat is offered to the waitlist at once, such free seats are ones that no earlier
waitlisted registration could use.

The mail of a change is scheduled inside the same transaction (events/emails.py: one
task with a snapshot of what the messages say), so it is sent only when the change
commits; the background worker composes it, outside the session's lock.
"""

from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from events import emails
from events.models import (
    Attendee,
    Registration,
    SessionPage,
    hash_token,
    new_token_salt,
)


class RegistrationRefused(Exception):
    """A rule refuses the request; `message` is Dutch and meant for the visitor."""

    def __init__(self, message, status=409):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class AttendeeData:
    name: str
    email: str
    role: str = ""
    municipality: object = None

    @property
    def normalised_email(self):
        return self.email.strip().lower()


@dataclass(frozen=True)
class Organisation:
    """Exactly one of a municipality, a city network or another organisation's name."""

    municipality: object = None
    city_network: object = None
    other_name: str = ""

    def __post_init__(self):
        given = [
            self.municipality is not None,
            self.city_network is not None,
            bool(self.other_name.strip()),
        ]
        if sum(given) != 1:
            raise RegistrationRefused(
                _(
                    "Kies één organisatie: een gemeente, een stedennetwerk of een andere "
                    "organisatie."
                ),
                status=400,
            )

    @property
    def key(self):
        if self.municipality is not None:
            return f"gemeente:{self.municipality.cbs_code}"
        if self.city_network is not None:
            return f"netwerk:{self.city_network.slug}"
        return "overig:" + " ".join(self.other_name.lower().split())


# --- reading -----------------------------------------------------------------------


def confirmed_seats(session_id):
    """Seats taken: active attendees of confirmed registrations."""
    return Attendee.objects.filter(
        session_id=session_id,
        cancelled_at__isnull=True,
        registration__status=Registration.Status.CONFIRMED,
    ).count()


def seat_summary(session):
    """Confirmed seats, free seats and waitlisted people of a session, in one query."""
    counts = Attendee.objects.filter(
        session_id=session.pk, cancelled_at__isnull=True
    ).aggregate(
        confirmed=Count(
            "pk", filter=Q(registration__status=Registration.Status.CONFIRMED)
        ),
        waitlisted=Count(
            "pk", filter=Q(registration__status=Registration.Status.WAITLISTED)
        ),
    )
    return {
        "capacity": session.capacity,
        "confirmed": counts["confirmed"],
        "free": max(session.capacity - counts["confirmed"], 0),
        "waitlisted": counts["waitlisted"],
    }


# --- the rules ---------------------------------------------------------------------


def _lock_session(session_id, fields=None):
    # of=("self",): lock only the session's own row, not Wagtail's page row, so editors
    # saving the page do not wait for registrations (and the other way round).
    # `fields`: read only these (the lock is held while the row becomes an object).
    sessions = SessionPage.objects.select_for_update(of=("self",))
    if fields:
        sessions = sessions.only(*fields)
    return sessions.get(pk=session_id)


def check_registration_open(session, now):
    if session.is_cancelled:
        raise RegistrationRefused(_("Deze bijeenkomst is geannuleerd."))
    if now >= session.start:
        raise RegistrationRefused(
            _("Deze bijeenkomst is al begonnen; aanmelden kan niet meer.")
        )
    if session.registration_opens_at and now < session.registration_opens_at:
        raise RegistrationRefused(
            _("Aanmelden is nog niet geopend. Dat kan vanaf %(moment)s.")
            % {"moment": _format_moment(session.registration_opens_at)}
        )
    if session.registration_closes_at and now >= session.registration_closes_at:
        raise RegistrationRefused(_("Aanmelden voor deze bijeenkomst is gesloten."))


def _check_changeable(session, now):
    if session.is_cancelled:
        raise RegistrationRefused(_("Deze bijeenkomst is geannuleerd."))
    if now >= session.start:
        raise RegistrationRefused(
            _("De bijeenkomst is al begonnen; wijzigen kan niet meer.")
        )


def _format_moment(moment):
    local = timezone.localtime(moment)
    return local.strftime("%d-%m-%Y %H:%M")


def _organisation_attendees(organisation_key):
    """The filter for an organisation's attendees in active registrations."""
    return Q(
        registration__organisation_key=organisation_key,
        registration__status__in=[
            Registration.Status.CONFIRMED,
            Registration.Status.WAITLISTED,
        ],
    )


def _check_organisation_quota(session, organisation_key, adding, already=None):
    """Refuse when the organisation's active attendees (`already`, counted here when
    not given) plus `adding` exceed the per-organisation maximum; counts every active
    registration of the organisation."""
    if already is None:
        already = (
            Attendee.objects.filter(session=session, cancelled_at__isnull=True)
            .filter(_organisation_attendees(organisation_key))
            .count()
        )
    if already + adding > session.max_per_organisation:
        left = max(session.max_per_organisation - already, 0)
        raise RegistrationRefused(
            _(
                "Uw organisatie heeft al %(already)d deelnemers aangemeld; per "
                "organisatie kunnen er ten hoogste %(max)d deelnemen. U kunt nog "
                "%(left)d deelnemer(s) aanmelden."
            )
            % {"already": already, "max": session.max_per_organisation, "left": left}
        )


def _check_emails_differ(attendees):
    emails_given = [a.normalised_email for a in attendees]
    if len(set(emails_given)) != len(emails_given):
        raise RegistrationRefused(
            _("Elk e-mailadres mag maar één keer voorkomen in een aanmelding."),
            status=400,
        )


def _check_attendee_emails(session, attendees, exclude_attendee_ids=()):
    _check_emails_differ(attendees)
    emails_given = [a.normalised_email for a in attendees]
    taken = sorted(
        Attendee.objects.filter(
            session=session, cancelled_at__isnull=True, email__in=emails_given
        )
        .exclude(pk__in=exclude_attendee_ids)
        .values_list("email", flat=True)
    )
    if taken:
        raise RegistrationRefused(
            _("Dit e-mailadres is al aangemeld voor deze bijeenkomst: %(emails)s.")
            % {"emails": ", ".join(taken)}
        )


# What register() reads of the locked session: the window, the quota and the seats.
REGISTER_FIELDS = (
    "capacity",
    "max_per_organisation",
    "is_cancelled",
    "start",
    "registration_opens_at",
    "registration_closes_at",
)


def _new_registration_id():
    """PostgreSQL: the next registration id, taken from the table's sequence before the
    session is locked, so the row is inserted with its token hash at once. None on
    SQLite, whose lock is taken at BEGIN anyway: there the hash follows the insert."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id'))",
            [Registration._meta.db_table],
        )
        return cursor.fetchone()[0]


def register(
    session,
    *,
    organisation,
    contact_name,
    contact_email,
    attendees,
    contact_phone="",
    remarks="",
    now=None,
    notify=True,
):
    """Registers a delegation: confirmed when it fits entirely, else waitlisted whole.

    Returns (registration, token); the token is the secret of the manage link. It is
    not stored (only its hash): it is derived from SECRET_KEY, the registration's id and
    its random salt whenever a mail needs it (Registration.manage_token).

    Registrations for one session are served one after the other (the lock), so the
    rows are built before the lock and the locked part is only the count, the inserts
    and the mail task: that time sets how many registrations a session takes per second
    (docs/benchmarks.md, "Registration burst").
    """
    now = now or timezone.now()
    attendees = list(attendees)
    if not attendees:
        raise RegistrationRefused(_("Meld ten minste één deelnemer aan."), status=400)
    registration = Registration(
        session_id=session.pk,
        municipality=organisation.municipality,
        city_network=organisation.city_network,
        other_organisation=organisation.other_name.strip(),
        organisation_key=organisation.key,
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        contact_phone=contact_phone.strip(),
        remarks=remarks.strip(),
        consent_at=now,
    )
    people = [
        Attendee(
            session_id=session.pk,
            name=a.name.strip(),
            email=a.normalised_email,
            role=a.role.strip(),
            municipality=a.municipality,
        )
        for a in attendees
    ]
    with transaction.atomic():
        registration.pk = _new_registration_id()
        if registration.pk is not None:
            registration.token_hash = hash_token(registration.manage_token())
        session = _lock_session(session.pk, fields=REGISTER_FIELDS)
        check_registration_open(session, now)
        if len(attendees) > session.max_per_organisation:
            raise RegistrationRefused(
                _("Per organisatie kunnen ten hoogste %(max)d mensen deelnemen.")
                % {"max": session.max_per_organisation}
            )
        _check_emails_differ(attendees)
        # The seats, the organisation's quota and the addresses in one query.
        counts = Attendee.objects.filter(
            session_id=session.pk, cancelled_at__isnull=True
        ).aggregate(
            confirmed=Count(
                "pk", filter=Q(registration__status=Registration.Status.CONFIRMED)
            ),
            organisation=Count("pk", filter=_organisation_attendees(organisation.key)),
            taken=Count("pk", filter=Q(email__in=[a.email for a in people])),
        )
        if counts["taken"]:
            _check_attendee_emails(session, attendees)  # names the addresses
        _check_organisation_quota(
            session, organisation.key, len(attendees), already=counts["organisation"]
        )
        fits = counts["confirmed"] + len(attendees) <= session.capacity
        registration.status = (
            Registration.Status.CONFIRMED if fits else Registration.Status.WAITLISTED
        )
        registration.confirmed_at = now if fits else None
        # No savepoint around the inserts: an IntegrityError ends this transaction
        # (or this function's savepoint, when called inside another transaction).
        try:
            registration.save(force_insert=True)
            for person in people:
                person.registration = registration
            Attendee.objects.bulk_create(people)
        except IntegrityError as error:  # pragma: no cover - the lock prevents this
            raise RegistrationRefused(
                _("Een van de e-mailadressen is al aangemeld voor deze bijeenkomst.")
            ) from error
        if registration.token_hash is None:
            # The token needs the primary key: without a sequence (SQLite) its hash
            # is stored right after the insert.
            registration.token_hash = hash_token(registration.manage_token())
            Registration.objects.filter(pk=registration.pk).update(
                token_hash=registration.token_hash
            )
        if notify:
            # What the mail needs is in hand: no query to read it back.
            emails.set_attendees(registration, people)
            emails.send(emails.REGISTERED, registration.pk, registration=registration)
    return registration, registration.manage_token()


def new_manage_link(registration_id, *, now=None, notify=True):
    """Gives a registration a new manage link; the old one stops working at once.

    A new random salt makes a new token. Returns (registration, new token); the new
    link goes only to the contact person by e-mail.
    """
    now = now or timezone.now()
    with transaction.atomic():
        session, registration = _locked_registration(registration_id)
        if registration.anonymised_at is not None or session.has_ended:
            raise RegistrationRefused(
                _("Deze aanmelding kan niet meer worden beheerd.")
            )
        registration.token_salt = new_token_salt()
        token = registration.manage_token()
        registration.token_hash = hash_token(token)
        registration.save(update_fields=["token_salt", "token_hash", "updated_at"])
        if notify:
            emails.send(emails.NEW_LINK, registration.pk)
    return registration, token


def promote_waitlist(session, now=None, notify=True):
    """Offers free seats to the waitlist (first come, first served, skip to fit).

    Must run inside the transaction that locked the session. Returns the promoted
    registrations.
    """
    now = now or timezone.now()
    if session.is_cancelled or now >= session.start:
        return []
    free = session.capacity - confirmed_seats(session.pk)
    promoted = []
    waiting = (
        Registration.objects.waitlisted()
        .filter(session=session)
        .annotate(
            seats=Count("attendees", filter=Q(attendees__cancelled_at__isnull=True))
        )
        .order_by("created_at", "pk")
    )
    for registration in waiting:
        if free <= 0:
            break
        if 0 < registration.seats <= free:
            registration.status = Registration.Status.CONFIRMED
            registration.confirmed_at = now
            registration.save(update_fields=["status", "confirmed_at", "updated_at"])
            free -= registration.seats
            promoted.append(registration)
            if notify:
                emails.send(emails.PROMOTED, registration.pk)
    return promoted


def promote_waitlist_for(session_id, now=None):
    """promote_waitlist in its own transaction, e.g. after an editor raised capacity."""
    with transaction.atomic():
        return promote_waitlist(_lock_session(session_id), now=now)


def _locked_registration(registration_id):
    """Locks the registration's session, then reads the registration fresh."""
    session_id = (
        Registration.objects.filter(pk=registration_id)
        .values_list("session_id", flat=True)
        .first()
    )
    if session_id is None:
        raise Registration.DoesNotExist
    session = _lock_session(session_id)
    registration = Registration.objects.select_related(
        "municipality", "city_network"
    ).get(pk=registration_id)
    return session, registration


def cancel_registration(registration_id, *, now=None, by_editor=False, notify=True):
    """Cancels a whole registration and offers its seats to the waitlist."""
    now = now or timezone.now()
    with transaction.atomic():
        session, registration = _locked_registration(registration_id)
        if registration.status == Registration.Status.CANCELLED:
            raise RegistrationRefused(_("Deze aanmelding is al geannuleerd."))
        if not by_editor:
            _check_changeable(session, now)
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        registration.attendees.filter(cancelled_at__isnull=True).update(
            cancelled_at=now
        )
        if notify:
            emails.send(emails.CANCELLED, registration.pk)
        promote_waitlist(session, now=now, notify=notify)
    return registration


def cancel_attendee(registration_id, attendee_id, *, now=None, notify=True):
    """Cancels one attendee; the last one cancels the whole registration."""
    now = now or timezone.now()
    with transaction.atomic():
        session, registration = _locked_registration(registration_id)
        _check_changeable(session, now)
        attendee = registration.attendees.filter(
            pk=attendee_id, cancelled_at__isnull=True
        ).first()
        if attendee is None or not registration.is_active:
            raise RegistrationRefused(_("Deze deelnemer is niet (meer) aangemeld."))
        if registration.attendees.filter(cancelled_at__isnull=True).count() == 1:
            return cancel_registration(registration_id, now=now, notify=notify)
        attendee.cancelled_at = now
        attendee.save(update_fields=["cancelled_at"])
        registration.save(update_fields=["updated_at"])
        if notify:
            emails.send(
                emails.ATTENDEE_CANCELLED, registration.pk, attendee_id=attendee.pk
            )
        promote_waitlist(session, now=now, notify=notify)
    return registration


def replace_attendee(registration_id, attendee_id, data, *, now=None, notify=True):
    """Puts another person (or corrected details) in an attendee's seat."""
    now = now or timezone.now()
    with transaction.atomic():
        session, registration = _locked_registration(registration_id)
        _check_changeable(session, now)
        attendee = registration.attendees.filter(
            pk=attendee_id, cancelled_at__isnull=True
        ).first()
        if attendee is None or not registration.is_active:
            raise RegistrationRefused(_("Deze deelnemer is niet (meer) aangemeld."))
        _check_attendee_emails(session, [data], exclude_attendee_ids=[attendee.pk])
        old_name, old_email = attendee.name, attendee.email
        before = (
            attendee.name,
            attendee.email,
            attendee.role,
            attendee.municipality_id,
        )
        attendee.name = data.name.strip()
        attendee.email = data.normalised_email
        attendee.role = data.role.strip()
        attendee.municipality = data.municipality
        attendee.save()
        registration.save(update_fields=["updated_at"])
        after = (attendee.name, attendee.email, attendee.role, attendee.municipality_id)
        if notify and old_email != attendee.email:
            # Another person takes the seat: the contact, the new and the old attendee
            # each hear about it.
            emails.send(
                emails.ATTENDEE_REPLACED,
                registration.pk,
                attendee_id=attendee.pk,
                payload={
                    "old_name": old_name,
                    "old_email": old_email,
                    "new_name": attendee.name,
                },
            )
        elif notify and before != after:
            emails.send(
                emails.ATTENDEE_UPDATED, registration.pk, attendee_id=attendee.pk
            )
    return attendee


def add_attendees(registration_id, attendees, *, now=None, notify=True):
    """The contact person adds attendees to an existing registration.

    The same rules as registering: the window must be open, the per-organisation
    maximum counts all active registrations of the organisation, an e-mail address once
    per session. All or nothing: a confirmed registration takes the new attendees only
    if they all fit in the free seats (it is never split); a waitlisted registration
    takes them on the waitlist and is then considered for promotion like any other.
    Returns the new Attendee objects.
    """
    now = now or timezone.now()
    attendees = list(attendees)
    if not attendees:
        raise RegistrationRefused(_("Vul ten minste één deelnemer in."), status=400)
    with transaction.atomic():
        session, registration = _locked_registration(registration_id)
        if not registration.is_active:
            raise RegistrationRefused(_("Deze aanmelding is geannuleerd."))
        check_registration_open(session, now)
        _check_attendee_emails(session, attendees)
        _check_organisation_quota(
            session, registration.organisation_key, len(attendees)
        )
        if registration.status == Registration.Status.CONFIRMED:
            free = max(session.capacity - confirmed_seats(session.pk), 0)
            if len(attendees) > free:
                raise RegistrationRefused(
                    _(
                        "Er zijn nog %(free)d plaats(en) vrij; u wilt er %(wanted)d "
                        "toevoegen. Er is niets gewijzigd. Een bevestigde aanmelding "
                        "wordt niet gesplitst: meld minder deelnemers aan, of doe een "
                        "nieuwe aanmelding voor de wachtlijst."
                    )
                    % {"free": free, "wanted": len(attendees)}
                )
        try:
            with transaction.atomic():
                added = Attendee.objects.bulk_create(
                    Attendee(
                        registration=registration,
                        session=session,
                        name=a.name.strip(),
                        email=a.normalised_email,
                        role=a.role.strip(),
                        municipality=a.municipality,
                    )
                    for a in attendees
                )
        except IntegrityError as error:  # pragma: no cover - the lock prevents this
            raise RegistrationRefused(
                _("Een van de e-mailadressen is al aangemeld voor deze bijeenkomst.")
            ) from error
        registration.save(update_fields=["updated_at"])
        promoted = []
        if registration.status == Registration.Status.WAITLISTED:
            promoted = promote_waitlist(session, now=now, notify=notify)
        if notify and registration not in promoted:
            # When the registration was promoted just now, the promotion mail goes to
            # every attendee, the new ones included.
            added_ids = list(
                registration.attendees.filter(
                    cancelled_at__isnull=True,
                    email__in=[a.normalised_email for a in attendees],
                ).values_list("pk", flat=True)
            )
            for attendee_id in added_ids:
                emails.send(
                    emails.ATTENDEE_ADDED, registration.pk, attendee_id=attendee_id
                )
            emails.send(
                emails.ATTENDEES_ADDED,
                registration.pk,
                payload={"attendee_ids": added_ids},
            )
    return added


def promote_manually(registration_id, *, now=None, notify=True):
    """An editor promotes one waitlisted registration out of turn, if it fits."""
    now = now or timezone.now()
    with transaction.atomic():
        session, registration = _locked_registration(registration_id)
        if registration.status != Registration.Status.WAITLISTED:
            raise RegistrationRefused(_("Deze aanmelding staat niet op de wachtlijst."))
        seats = registration.attendees.filter(cancelled_at__isnull=True).count()
        free = session.capacity - confirmed_seats(session.pk)
        if seats > free:
            raise RegistrationRefused(
                _(
                    "Er zijn %(free)d plaatsen vrij; deze aanmelding heeft er %(seats)d "
                    "nodig. Verhoog eerst het aantal plaatsen."
                )
                % {"free": max(free, 0), "seats": seats}
            )
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        if notify:
            emails.send(emails.PROMOTED, registration.pk)
    return registration


def notify_session_cancelled(session_id, now=None):
    """Informs every active registration once that the session is cancelled."""
    now = now or timezone.now()
    with transaction.atomic():
        session = _lock_session(session_id)
        if not session.is_cancelled:
            return 0
        pending = list(
            Registration.objects.active()
            .filter(session=session, session_cancelled_notice_at__isnull=True)
            .values_list("pk", flat=True)
        )
        Registration.objects.filter(pk__in=pending).update(
            session_cancelled_notice_at=now
        )
        for registration_id in pending:
            emails.send(emails.SESSION_CANCELLED, registration_id)
    return len(pending)
