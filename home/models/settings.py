"""Site-wide settings that ministry editors change in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="cog")
class PortalSettings(BaseGenericSetting):
    """Contact details and the pages the footer links to."""

    contact_email = models.EmailField(
        _("e-mailadres redactie"), default="redactie@kennisportaal.example"
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("toegankelijkheidsverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacyverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("accessibility_page"),
        FieldPanel("privacy_page"),
    ]

    class Meta:
        verbose_name = _("portaalinstellingen")
