"""Registrations for learning sessions: plain Django models, written by the public form
and read by ministry editors in the Wagtail admin. The rules live in events/services.py."""

import base64
import hashlib
import hmac
import secrets

from django.db import models
from django.db.models import Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

# Separates the manage-link HMAC key from every other use of SECRET_KEY.
MANAGE_LINK_KEY_SALT = "events.manage-link"


def hash_token(token):
    """The stored form of a manage-link token: its SHA-256 hex digest."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token_salt():
    """A fresh random per-registration salt (128 bits); rotating it kills the link."""
    return secrets.token_urlsafe(16)


def derive_token(registration_id, token_salt, secret=None):
    """The manage-link token of a registration, derived and never stored.

    urlsafe-base64 (without padding) of HMAC-SHA256 over "<pk>:<salt>", keyed with a key
    derived from SECRET_KEY (or `secret`) and MANAGE_LINK_KEY_SALT. The database alone
    holds only the salt and sha256(token): without SECRET_KEY no link can be made.
    """
    digest = salted_hmac(
        MANAGE_LINK_KEY_SALT,
        f"{registration_id}:{token_salt}",
        secret=secret,
        algorithm="sha256",
    ).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=Registration.Status.WAITLISTED)

    def for_token(self, token):
        """The registration whose manage link this is, or None.

        Lookup is by the hash (an index scan that leaks nothing about the token), and the
        hash is compared once more in constant time, so no timing reveals how much of a
        guessed token was right.
        """
        if not token or len(token) > 100:
            return None
        digest = hash_token(token)
        registration = self.filter(token_hash=digest).first()
        if registration is None or not hmac.compare_digest(
            registration.token_hash, digest
        ):
            return None
        # The token must also be the one the current SECRET_KEY derives: after the
        # key is rotated, links made with the old key stop working.
        if not hmac.compare_digest(token, registration.manage_token()):
            return None
        return registration


class Registration(models.Model):
    """A delegation that one organisation registered for a session."""

    class Status(models.TextChoices):
        CONFIRMED = "bevestigd", _("bevestigd")
        WAITLISTED = "wachtlijst", _("op de wachtlijst")
        CANCELLED = "geannuleerd", _("geannuleerd")

    class OrganisationKind(models.TextChoices):
        MUNICIPALITY = "gemeente", _("gemeente")
        NETWORK = "netwerk", _("stedennetwerk")
        OTHER = "overig", _("andere organisatie")

    session = models.ForeignKey(
        "events.SessionPage",
        verbose_name=_("leerbijeenkomst"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    municipality = models.ForeignKey(
        "home.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    city_network = models.ForeignKey(
        "home.CityNetwork",
        verbose_name=_("stedennetwerk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    other_organisation = models.CharField(
        _("andere organisatie"), max_length=160, blank=True
    )
    # One normalised key per organisation ("gemeente:GM0363", "netwerk:g4",
    # "overig:riec rotterdam"): the per-organisation maximum counts by it.
    organisation_key = models.CharField(max_length=200, editable=False, db_index=True)
    contact_name = models.CharField(_("naam contactpersoon"), max_length=160)
    contact_email = models.EmailField(_("e-mail contactpersoon"))
    contact_phone = models.CharField(
        _("telefoon contactpersoon"), max_length=40, blank=True
    )
    remarks = models.TextField(_("opmerkingen"), blank=True)
    consent_at = models.DateTimeField(_("toestemming gegeven op"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, db_index=True
    )
    # The manage link: token = HMAC(SECRET_KEY-derived key, "<pk>:<token_salt>"), so it
    # can be put in every mail without being stored; only sha256(token) is stored, for
    # the lookup. A new salt makes a new link and kills the old one.
    token_salt = models.CharField(max_length=32, default=new_token_salt, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(
        _("herinnering verstuurd op"), null=True, blank=True
    )
    session_cancelled_notice_at = models.DateTimeField(
        _("annuleringsbericht verstuurd op"), null=True, blank=True
    )
    anonymised_at = models.DateTimeField(
        _("persoonsgegevens verwijderd op"), null=True, blank=True
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        # First come, first served: the waitlist is promoted in this order.
        ordering = ["created_at", "pk"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.CheckConstraint(
                name="registration_exactly_one_organisation",
                condition=(
                    Q(
                        municipality__isnull=False,
                        city_network__isnull=True,
                        other_organisation="",
                    )
                    | Q(
                        municipality__isnull=True,
                        city_network__isnull=False,
                        other_organisation="",
                    )
                    | Q(municipality__isnull=True, city_network__isnull=True)
                    & ~Q(other_organisation="")
                ),
            )
        ]

    def __str__(self):
        return f"{self.organisation_name} – {self.session_id}"

    @property
    def organisation_kind(self):
        if self.municipality_id:
            return self.OrganisationKind.MUNICIPALITY
        if self.city_network_id:
            return self.OrganisationKind.NETWORK
        return self.OrganisationKind.OTHER

    @property
    def organisation_name(self):
        if self.municipality_id:
            return f"Gemeente {self.municipality.display_name}"
        if self.city_network_id:
            return self.city_network.name
        return self.other_organisation

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED

    def active_attendees(self):
        return [a for a in self.attendees.all() if a.cancelled_at is None]

    def manage_token(self):
        """The secret of this registration's manage link (see derive_token)."""
        return derive_token(self.pk, self.token_salt)


class Attendee(models.Model):
    """One named person in a registered delegation; each takes one seat."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("aanmelding"),
        on_delete=models.CASCADE,
        related_name="attendees",
    )
    # Denormalised from the registration so that the database itself refuses the same
    # e-mail address twice in one session.
    session = models.ForeignKey(
        "events.SessionPage", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("naam"), max_length=160)
    email = models.EmailField(_("e-mail"), help_text=_("Opgeslagen in kleine letters."))
    role = models.CharField(_("functie"), max_length=160, blank=True)
    municipality = models.ForeignKey(
        "home.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)

    class Meta:
        ordering = ["registration", "pk"]
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=Q(cancelled_at__isnull=True) & ~Q(email=""),
                name="attendee_email_once_per_session",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_active(self):
        return self.cancelled_at is None


class SessionStatistic(models.Model):
    """Anonymous count of attendees per organisation, kept after personal data is purged."""

    session = models.ForeignKey(
        "events.SessionPage",
        on_delete=models.SET_NULL,
        null=True,
        related_name="statistics",
    )
    session_title = models.CharField(_("bijeenkomst"), max_length=255)
    session_start = models.DateTimeField(_("begin"))
    organisation_kind = models.CharField(_("soort organisatie"), max_length=10)
    organisation_label = models.CharField(_("organisatie"), max_length=200)
    attendee_count = models.PositiveIntegerField(_("aantal deelnemers"), default=0)
    waitlisted_count = models.PositiveIntegerField(
        _("aantal op de wachtlijst"), default=0
    )

    class Meta:
        ordering = ["-session_start", "organisation_label"]
        verbose_name = _("statistiek per organisatie")
        verbose_name_plural = _("statistieken per organisatie")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "organisation_label"],
                name="statistic_once_per_session_organisation",
            )
        ]

    def __str__(self):
        return f"{self.session_title}: {self.organisation_label}"
