"""Theme dossiers: an editor-curated page per theme, next to the automatic list of all
practices in that theme."""

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES

PRACTICES_PER_PAGE = 24
SESSIONS_SHOWN = 6


class ThemeDossierIndexPage(Page):
    """The overview of all theme dossiers at /themas/."""

    introduction = models.TextField(
        _("introductie"),
        blank=True,
        help_text=_("Eén of twee zinnen: wat vindt een bezoeker in de themadossiers?"),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.ThemeDossierPage"]
    max_count = 1

    class Meta:
        verbose_name = _("overzicht themadossiers")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["dossiers"] = list(
            ThemeDossierPage.objects.child_of(self)
            .live()
            .public()
            .select_related("theme")
            .order_by("theme__sort_order", "title")
        )
        return context


class ThemeDossierPage(Page):
    """A curated dossier on one theme: introduction, featured practices, documents and
    figures, with the theme's sessions and all its practices added automatically."""

    theme = models.OneToOneField(
        "home.Theme",
        verbose_name=_("thema"),
        on_delete=models.PROTECT,
        related_name="dossier",
        help_text=_(
            "Elk thema heeft één dossier. Alle gepubliceerde praktijken en "
            "bijeenkomsten met dit thema verschijnen er vanzelf in."
        ),
    )
    introduction = RichTextField(
        _("introductie"),
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "Wat speelt er bij dit thema, waarom is het belangrijk voor de wijkaanpak, "
            "en waar begint een gemeente? Drie tot vijf alinea's."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("theme"),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [InlinePanel("featured_practices", label=_("uitgelichte praktijk"))],
            heading=_("Uitgelichte praktijken"),
        ),
        MultiFieldPanel(
            [InlinePanel("key_figures", label=_("kerncijfer"), max_num=6)],
            heading=_("Kerncijfers van de redactie"),
        ),
        MultiFieldPanel(
            [InlinePanel("documents", label=_("document"))],
            heading=_("Documenten"),
        ),
    ]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["practices.ThemeDossierIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("themadossier")
        verbose_name_plural = _("themadossiers")

    def get_context(self, request, *args, **kwargs):
        from events.models import SessionPage
        from practices.listing import public_practices
        from practices.models import PracticeIndexPage

        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        in_theme = public_practices().filter(themes=self.theme_id)
        featured_ids = [link.practice_id for link in self.featured_practices.all()]
        featured_by_id = {p.pk: p for p in in_theme.filter(pk__in=featured_ids)}
        context["featured"] = [
            featured_by_id[pk] for pk in featured_ids if pk in featured_by_id
        ]
        paginator = Paginator(
            in_theme.order_by("-first_published_at", "-pk"), PRACTICES_PER_PAGE
        )
        context["page_obj"] = paginator.get_page(request.GET.get("page"))
        context["paginator"] = paginator
        sessions = SessionPage.objects.live().public().filter(themes=self.theme_id)
        context["upcoming_sessions"] = list(
            sessions.filter(end__gt=now).order_by("start")[:SESSIONS_SHOWN]
        )
        context["past_sessions"] = list(
            sessions.filter(end__lte=now).order_by("-start")[:SESSIONS_SHOWN]
        )
        context["documents"] = [
            item for item in self.documents.select_related("document") if item.document
        ]
        context["editor_figures"] = list(self.key_figures.all())
        context["figures"] = self.automatic_figures(in_theme, sessions, now)
        index_page = PracticeIndexPage.objects.live().first()
        context["listing_url"] = (
            f"{index_page.get_url(request=request)}?thema={self.theme.slug}"
            if index_page
            else None
        )
        return context

    @staticmethod
    def automatic_figures(practices, sessions, now):
        """Practices, municipalities, assessed practices and sessions held (2 queries)."""
        from practices.models import PracticePage

        numbers = practices.aggregate(
            practice_count=Count("pk", distinct=True),
            municipality_count=Count("lead_municipality", distinct=True),
            assessed_count=Count(
                "pk",
                filter=~Q(evidence_level=PracticePage.EvidenceLevel.PRACTICE),
                distinct=True,
            ),
        )
        held = sessions.filter(end__lte=now).count()
        return [
            (numbers["practice_count"], _("praktijken")),
            (numbers["municipality_count"], _("trekkende gemeenten")),
            (numbers["assessed_count"], _("praktijken met beoordeeld bewijs")),
            (held, _("leerbijeenkomsten gehouden")),
        ]


class ThemeDossierFeaturedPractice(Orderable):
    """A practice the editors put first in a dossier."""

    page = ParentalKey(
        ThemeDossierPage, related_name="featured_practices", on_delete=models.CASCADE
    )
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("praktijk"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_(
            "Een sprekend voorbeeld binnen dit thema. Alleen gepubliceerde praktijken "
            "met dit thema worden getoond."
        ),
    )

    panels = [FieldPanel("practice")]

    class Meta(Orderable.Meta):
        verbose_name = _("uitgelichte praktijk")
        verbose_name_plural = _("uitgelichte praktijken")


class ThemeDossierFigure(Orderable):
    """A key figure the editors add, with its source."""

    page = ParentalKey(
        ThemeDossierPage, related_name="key_figures", on_delete=models.CASCADE
    )
    value = models.CharField(
        _("cijfer"),
        max_length=30,
        help_text=_("Kort, bijvoorbeeld '1 op 5' of '€ 2,3 mln'."),
    )
    label = models.CharField(
        _("betekenis"),
        max_length=160,
        help_text=_("Wat het cijfer zegt, bijvoorbeeld 'ondernemers benaderd'."),
    )
    source = models.CharField(
        _("bron"),
        max_length=200,
        blank=True,
        help_text=_(
            "Waar komt het cijfer vandaan, bijvoorbeeld 'RIEC-jaarverslag 2024'."
        ),
    )

    panels = [FieldPanel("value"), FieldPanel("label"), FieldPanel("source")]

    class Meta(Orderable.Meta):
        verbose_name = _("kerncijfer")
        verbose_name_plural = _("kerncijfers")


class ThemeDossierDocument(Orderable):
    """A report, guide or factsheet that belongs to the dossier."""

    page = ParentalKey(
        ThemeDossierPage, related_name="documents", on_delete=models.CASCADE
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Een handreiking, onderzoek of factsheet over dit thema."),
    )
    description = models.CharField(
        _("omschrijving"),
        max_length=250,
        blank=True,
        help_text=_("Eén zin: wat vindt de lezer in dit document?"),
    )

    panels = [FieldPanel("document"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
