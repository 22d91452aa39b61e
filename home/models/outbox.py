"""The mail outbox: every e-mail the portal sends is first a row here (home/outbox.py).

A row is written in the same transaction as the change that causes the mail, so a
rolled-back change sends nothing and a committed one loses nothing. A django-tasks worker
delivers it through the real backend (OUTBOX_DELIVERY_BACKEND), with retries and back-off.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """One e-mail waiting to be sent, sent, or given up on; editors can resend failures."""

    class Status(models.TextChoices):
        PENDING = "wachtend", _("wacht op verzending")
        SENDING = "bezig", _("wordt verstuurd")
        SENT = "verstuurd", _("verstuurd")
        FAILED = "mislukt", _("mislukt")

    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    subject = models.TextField(_("onderwerp"), blank=True)
    from_email = models.TextField(_("afzender"), blank=True)
    # Every envelope recipient (to, cc and bcc), comma-separated: shown to editors.
    recipients = models.TextField(_("ontvangers"))
    # The whole message (home.outbox.serialise_message). Emptied once it is sent, so
    # secrets in a mail (a manage link) stay in the database only until delivery.
    payload = models.JSONField(default=dict, blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
    )
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("in behandeling sinds"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    last_error = models.TextField(_("laatste foutmelding"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        indexes = [
            models.Index(
                fields=["status", "next_attempt_at"], name="outbox_status_due"
            ),
            models.Index(fields=["created_at"], name="outbox_created"),
        ]

    def __str__(self):
        return f"{self.subject} → {self.recipients}"
