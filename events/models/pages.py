"""Learning sessions (leerbijeenkomsten) that the ministries organise."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from events.blocks import ProgrammeBlock
from home.blocks import RICH_TEXT_FEATURES, BaseStreamBlock


class SessionIndexPage(RoutablePageMixin, Page):
    """The list of learning sessions at /leerbijeenkomsten/: upcoming first, past apart."""

    introduction = models.TextField(_("introductie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.SessionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("overzicht leerbijeenkomsten")

    @path("")
    def listing(self, request):
        from events import views

        return views.session_index(request, self)

    @path("aanmelding/<str:token>/", name="manage")
    def manage(self, request, token):
        from events import views

        return views.open_manage_link(request, self, token)

    # The manage page itself: the link's token was swapped for a session entry, so the
    # token appears in an access log at most once (docs/events.md).
    @path("aanmelding/beheer/<int:registration_id>/", name="manage_registration")
    def manage_registration(self, request, registration_id):
        from events import views

        return views.manage_registration(request, self, registration_id)


class SessionPage(RoutablePageMixin, Page):
    """One learning session, with its programme and registration."""

    class Organisers(models.TextChoices):
        BZK = "bzk", _("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties")
        JENV = "jenv", _("Ministerie van Justitie en Veiligheid")
        BOTH = "bzk-jenv", _("BZK en JenV samen")

    class Format(models.TextChoices):
        PHYSICAL = "fysiek", _("Op locatie")
        ONLINE = "online", _("Online")
        HYBRID = "hybride", _("Hybride")

    summary = models.TextField(
        _("samenvatting"),
        max_length=600,
        help_text=_("Waar gaat de bijeenkomst over en voor wie is hij bedoeld?"),
    )
    organisers = models.CharField(
        _("organiserende ministeries"),
        max_length=10,
        choices=Organisers.choices,
        default=Organisers.BOTH,
    )
    co_organisers = models.CharField(
        _("mede-organisatoren"),
        max_length=250,
        blank=True,
        help_text=_("Bijvoorbeeld 'RIEC Rotterdam, gemeente Rotterdam'."),
    )
    start = models.DateTimeField(_("begin"), help_text=_("In Nederlandse tijd."))
    end = models.DateTimeField(_("einde"))
    format = models.CharField(
        _("vorm"), max_length=10, choices=Format.choices, default=Format.PHYSICAL
    )
    venue_name = models.CharField(_("locatie"), max_length=160, blank=True)
    venue_address = models.CharField(
        _("adres"),
        max_length=250,
        blank=True,
        help_text=_("Straat, huisnummer, postcode, plaats."),
    )
    online_meeting_url = models.URLField(
        _("link online bijeenkomst"),
        blank=True,
        help_text=_(
            "Nooit openbaar: alleen bevestigde deelnemers krijgen deze link, per e-mail en "
            "op hun beheerpagina."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"), help_text=_("Het maximale aantal bevestigde deelnemers.")
    )
    max_per_organisation = models.PositiveIntegerField(
        _("maximum per organisatie"),
        default=3,
        help_text=_(
            "Hoeveel deelnemers één gemeente, netwerk of organisatie mag aanmelden."
        ),
    )
    registration_opens_at = models.DateTimeField(
        _("aanmelden opent"), null=True, blank=True
    )
    registration_closes_at = models.DateTimeField(
        _("aanmelden sluit"), null=True, blank=True
    )
    audience = models.TextField(
        _("doelgroep"),
        blank=True,
        help_text=_("Bijvoorbeeld 'wijkmanagers en ondermijningscoördinatoren'."),
    )
    description = StreamField(
        BaseStreamBlock(), verbose_name=_("beschrijving"), blank=True
    )
    programme = StreamField(ProgrammeBlock(), verbose_name=_("programma"), blank=True)
    themes = ParentalManyToManyField(
        "home.Theme", verbose_name=_("thema's"), blank=True, related_name="sessions"
    )
    practices_presented = ParentalManyToManyField(
        "practices.PracticePage",
        verbose_name=_("gepresenteerde praktijken"),
        blank=True,
        related_name="presented_at_sessions",
    )
    materials = StreamField(
        BaseStreamBlock(),
        verbose_name=_("materialen"),
        blank=True,
        help_text=_("Na afloop: presentaties, verslagen en andere documenten."),
    )
    lessons_learned = RichTextField(
        _("opbrengst en lessen"), features=RICH_TEXT_FEATURES, blank=True
    )
    is_cancelled = models.BooleanField(
        _("geannuleerd"),
        default=False,
        help_text=_("Bij annuleren krijgen alle aangemelde deelnemers bericht."),
    )
    cancellation_reason = models.TextField(_("reden annulering"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("organisers"), FieldPanel("co_organisers")],
            heading=_("Organisatie"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("format"),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("online_meeting_url"),
            ],
            heading=_("Tijd en plaats"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("capacity"), FieldPanel("max_per_organisation")]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("registration_opens_at"),
                        FieldPanel("registration_closes_at"),
                    ]
                ),
                FieldPanel("audience"),
            ],
            heading=_("Aanmelden"),
        ),
        FieldPanel("description"),
        FieldPanel("programme"),
        FieldPanel("themes"),
        FieldPanel("practices_presented"),
        MultiFieldPanel(
            [FieldPanel("materials"), FieldPanel("lessons_learned")],
            heading=_("Na afloop"),
        ),
        # Lessons per presented practice: shown on that practice's page.
        InlinePanel(
            "practice_lessons",
            label=_("les per gepresenteerde praktijk"),
            heading=_("Lessen per praktijk (na afloop)"),
        ),
        MultiFieldPanel(
            [FieldPanel("is_cancelled"), FieldPanel("cancellation_reason")],
            heading=_("Annulering"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.FilterField("start"),
        index.FilterField("format"),
    ]

    parent_page_types = ["events.SessionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("leerbijeenkomst")
        verbose_name_plural = _("leerbijeenkomsten")

    @path("")
    def detail(self, request):
        from events import views

        return views.session_detail(request, self)

    @path("aanmelden/bevestigd/", name="registered")
    def registered(self, request):
        from events import views

        return views.session_registered(request, self)

    def get_context(self, request, *args, **kwargs):
        from django.utils.functional import SimpleLazyObject

        from home import page_cache

        context = super().get_context(request, *args, **kwargs)

        def presented():
            practices = list(self.practices_presented.live().public())
            page_cache.depends_on(
                request, *(page_cache.page_tag(p.pk) for p in practices)
            )
            return practices

        # Read when the content is rendered, which a kept copy of it skips.
        context["presented_practices"] = SimpleLazyObject(presented)
        return context

    @property
    def has_ended(self):
        return self.end <= timezone.now()

    @property
    def has_started(self):
        return self.start <= timezone.now()

    def registration_state(self, now=None):
        """'open', 'not_yet', 'closed', 'started' or 'cancelled', for the page."""
        now = now or timezone.now()
        if self.is_cancelled:
            return "cancelled"
        if now >= self.start:
            return "started"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_yet"
        if self.registration_closes_at and now >= self.registration_closes_at:
            return "closed"
        return "open"

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("Het einde ligt niet na het begin.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Aanmelden sluit niet na het openen.")
        if (
            self.format in (self.Format.PHYSICAL, self.Format.HYBRID)
            and not self.venue_address
        ):
            errors["venue_address"] = _(
                "Vul het adres in voor een bijeenkomst op locatie."
            )
        if (
            self.format in (self.Format.ONLINE, self.Format.HYBRID)
            and not self.online_meeting_url
        ):
            errors["online_meeting_url"] = _(
                "Vul de link in voor een online bijeenkomst."
            )
        if self.is_cancelled and not self.cancellation_reason:
            errors["cancellation_reason"] = _("Geef de reden van de annulering.")
        if errors:
            raise ValidationError(errors)
