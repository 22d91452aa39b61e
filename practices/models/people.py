"""Who may write practices: a municipal contributor belongs to exactly one municipality."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Contributor(models.Model):
    """Links a user account to the one municipality whose practices it may write."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="contributor",
    )
    municipality = models.ForeignKey(
        "home.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="contributors",
        help_text=_(
            "De bijdrager kan alleen praktijken van deze gemeente maken en bewerken."
        ),
    )
    onboarded_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)

    class Meta:
        ordering = ["municipality__name", "user__last_name"]
        verbose_name = _("gemeentelijke bijdrager")
        verbose_name_plural = _("gemeentelijke bijdragers")

    def __str__(self):
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name} ({self.municipality})"
