"""The home page and plain content pages (statements, about)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES, BaseStreamBlock


class HomePage(Page):
    """The portal's front page, curated by ministry editors."""

    introduction = models.TextField(
        _("introductie"),
        help_text=_("Eén of twee zinnen onder de titel: wat vindt een bezoeker hier?"),
    )
    body = RichTextField(_("toelichting"), blank=True, features=RICH_TEXT_FEATURES)
    figures_heading = models.CharField(
        _("kop kerncijfers"),
        max_length=120,
        blank=True,
        default="Het portaal in cijfers",
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                InlinePanel(
                    "featured_practices", label=_("uitgelichte praktijk"), max_num=6
                )
            ],
            heading=_("Uitgelichte praktijken"),
        ),
        FieldPanel("figures_heading"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")


class HomePageFeaturedPractice(Orderable):
    """A practice that editors put in the spotlight on the home page."""

    page = ParentalKey(
        HomePage, related_name="featured_practices", on_delete=models.CASCADE
    )
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("praktijk"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("practice")]

    class Meta(Orderable.Meta):
        verbose_name = _("uitgelichte praktijk")
        verbose_name_plural = _("uitgelichte praktijken")


class StandardPage(Page):
    """A plain content page, such as the accessibility or privacy statement."""

    introduction = models.TextField(_("introductie"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standaardpagina")
