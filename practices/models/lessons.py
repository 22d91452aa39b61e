"""Lessons from a learning session about one of the practices presented there."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from home.blocks import RICH_TEXT_FEATURES


class SessionLesson(Orderable):
    """What a learning session taught about one presented practice; an editor records it
    on the session page after the session, and it appears on the practice's page."""

    session = ParentalKey(
        "events.SessionPage",
        verbose_name=_("leerbijeenkomst"),
        on_delete=models.CASCADE,
        related_name="practice_lessons",
    )
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("praktijk"),
        on_delete=models.CASCADE,
        related_name="session_lessons",
        help_text=_("Een praktijk die op deze bijeenkomst is gepresenteerd."),
    )
    lessons = RichTextField(
        _("lessen"),
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "Wat leerden de deelnemers van deze praktijk? Schrijf het als lessen voor "
            "andere gemeenten, bijvoorbeeld 'start met een gezamenlijk beeld van de "
            "panden met politie en RIEC'."
        ),
    )

    panels = [FieldPanel("practice"), FieldPanel("lessons")]

    class Meta(Orderable.Meta):
        verbose_name = _("les per praktijk")
        verbose_name_plural = _("lessen per praktijk")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "practice"], name="one_lesson_per_session_practice"
            )
        ]

    def __str__(self):
        return f"{self.session}: {self.practice}"

    def clean(self):
        super().clean()
        try:
            session = self.session
        except ObjectDoesNotExist:
            session = None
        if session is not None and session.end and session.end > timezone.now():
            raise ValidationError(
                _(
                    "Lessen legt u vast na afloop: deze bijeenkomst heeft nog niet "
                    "plaatsgevonden."
                )
            )
