"""The evidence of a practice as a growth path: every published change of its level, and
the contributors' requests for an assessment."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceAssessment(models.Model):
    """One step on a practice's evidence path: a level, its date, who assessed it and why.

    Written when a practice is published with an evidence level, date or assessor that
    differs from the last step (practices.evidence.record_evidence_change), never by
    hand, so the path shows what visitors saw."""

    page = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("praktijk"),
        on_delete=models.CASCADE,
        related_name="evidence_assessments",
    )
    level = models.CharField(_("mate van bewijs"), max_length=30)
    assessed_on = models.DateField(_("beoordeeld op"), null=True, blank=True)
    assessor = models.CharField(_("beoordelaar"), max_length=200, blank=True)
    motivation = models.TextField(_("motivering"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("beoordeling van het bewijs")
        verbose_name_plural = _("beoordelingen van het bewijs")

    def __str__(self):
        return f"{self.page}: {self.get_level_display()}"

    def get_level_display(self):
        from practices.models import PracticePage

        return dict(PracticePage.EvidenceLevel.choices).get(self.level, self.level)

    @property
    def date(self):
        """The date the step counts from: the assessment, else when it was recorded."""
        return self.assessed_on or self.recorded_at.date()


class AssessmentRequest(models.Model):
    """A contributor asks the editors to have the evidence of a practice assessed."""

    page = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("praktijk"),
        on_delete=models.CASCADE,
        related_name="assessment_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(
        _("toelichting"),
        max_length=1000,
        help_text=_(
            "Waarom is de aanpak toe aan een beoordeling? Noem bijvoorbeeld een "
            "evaluatie, onderzoek of cijfers die er zijn."
        ),
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    handled = models.BooleanField(
        _("afgehandeld"),
        default=False,
        help_text=_("Vink aan als de beoordeling is vastgelegd of afgewezen."),
    )

    class Meta:
        ordering = ["handled", "-requested_at"]
        verbose_name = _("aanvraag beoordeling")
        verbose_name_plural = _("aanvragen beoordeling")

    def __str__(self):
        return str(self.page)
