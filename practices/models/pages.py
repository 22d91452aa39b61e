"""Practices: cases (casussen) and best practices (goede praktijken) from municipalities."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES, BaseStreamBlock


class PracticeIndexPage(Page):
    """The list of all practices at /praktijken/, with filters and feeds."""

    introduction = models.TextField(_("introductie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.PracticePage"]
    max_count = 1

    class Meta:
        verbose_name = _("overzicht praktijken")


class PracticePageTag(TaggedItemBase):
    """A free tag on a practice, for everything the fixed lists do not cover."""

    content_object = ParentalKey(
        "practices.PracticePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class PracticePage(Page):
    """A case or a best practice from one or more municipalities."""

    class Kind(models.TextChoices):
        CASE = "casus", _("Casus")
        BEST_PRACTICE = "goede-praktijk", _("Goede praktijk")

    class Status(models.TextChoices):
        IDEA = "idee", _("Idee")
        PILOT = "pilot", _("Pilot")
        RUNNING = "lopend", _("Lopend")
        FINISHED = "afgerond", _("Afgerond")
        EVALUATED = "geevalueerd", _("Geëvalueerd")

    class EvidenceLevel(models.TextChoices):
        # Ordered from least to most established, after the Movisie/NJi ladder.
        PRACTICE = "praktijkervaring", _("Praktijkervaring")
        DESCRIBED = "goed-beschreven", _("Goed beschreven")
        UNDERPINNED = "goed-onderbouwd", _("Goed onderbouwd")
        FIRST_INDICATIONS = "eerste-aanwijzingen", _("Effectief: eerste aanwijzingen")
        RECOGNISED = "erkend", _("Formeel erkend")

    kind = models.CharField(
        _("soort"), max_length=20, choices=Kind.choices, default=Kind.CASE
    )
    lead_municipality = models.ForeignKey(
        "home.Municipality",
        verbose_name=_("gemeente (trekker)"),
        on_delete=models.PROTECT,
        related_name="lead_practices",
        help_text=_("De gemeente die de aanpak trekt en aanspreekpunt is."),
    )
    other_municipalities = ParentalManyToManyField(
        "home.Municipality",
        verbose_name=_("andere deelnemende gemeenten"),
        blank=True,
        related_name="participating_practices",
    )
    neighbourhood = models.CharField(
        _("wijk of gebied"),
        max_length=160,
        blank=True,
        help_text=_("Bijvoorbeeld 'Oud-Charlois' of 'bedrijventerrein De Vaart'."),
    )
    summary = models.TextField(
        _("samenvatting"),
        max_length=600,
        help_text=_(
            "In drie tot vijf zinnen: wat was het probleem, wat deed u en wat leverde het "
            "op? Dit ziet een lezer eerst, ook in zoekresultaten."
        ),
    )
    problem = RichTextField(
        _("probleem"),
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "Welk ondermijnend probleem speelde er in de wijk, en hoe merkte u dat?"
        ),
    )
    approach = StreamField(
        BaseStreamBlock(),
        verbose_name=_("aanpak"),
        help_text=_("Wat heeft u gedaan, in welke stappen, met wie?"),
    )
    partners_description = RichTextField(
        _("samenwerking met partners"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Welke partners deden mee en wat was ieders rol?"),
    )
    partner_types = ParentalManyToManyField(
        "home.PartnerType",
        verbose_name=_("partners"),
        blank=True,
        related_name="practices",
    )
    tracks = ParentalManyToManyField(
        "home.Track",
        verbose_name=_("sporen"),
        blank=True,
        related_name="practices",
        help_text=_(
            "Richt de aanpak zich op de groep, de persoon en het gezin, of het gebied?"
        ),
    )
    intervention_types = ParentalManyToManyField(
        "home.InterventionType",
        verbose_name=_("interventies"),
        blank=True,
        related_name="practices",
    )
    themes = ParentalManyToManyField(
        "home.Theme", verbose_name=_("thema's"), related_name="practices"
    )
    tags = ClusterTaggableManager(
        verbose_name=_("trefwoorden"),
        through=PracticePageTag,
        blank=True,
        help_text=_("Vrije trefwoorden voor wat de vaste lijsten niet dekken."),
    )
    results = RichTextField(
        _("resultaten"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Wat leverde het op? Noem cijfers waar u ze heeft."),
    )
    what_did_not_work = RichTextField(
        _("wat werkte niet"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Wat zou u een andere gemeente afraden? Juist dit helpt anderen."),
    )
    lessons = RichTextField(
        _("geleerde lessen"), features=RICH_TEXT_FEATURES, blank=True
    )
    costs_and_capacity = RichTextField(
        _("kosten en capaciteit"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Budget, formatie (fte) en looptijd die nodig waren."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RUNNING
    )
    evidence_level = models.CharField(
        _("mate van bewijs"),
        max_length=30,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.PRACTICE,
        help_text=_(
            "Kies 'Praktijkervaring' als de aanpak niet extern is beoordeeld. Hogere "
            "niveaus alleen met een beoordeling door een onderzoeker of erkenningscommissie."
        ),
    )
    evidence_assessed_on = models.DateField(
        _("datum laatste beoordeling"),
        null=True,
        blank=True,
        help_text=_("Verplicht bij elk niveau boven praktijkervaring."),
    )
    period_start = models.DateField(_("gestart op"), null=True, blank=True)
    period_end = models.DateField(
        _("beëindigd op"),
        null=True,
        blank=True,
        help_text=_("Leeg als de aanpak nog loopt."),
    )
    contact_name = models.CharField(
        _("naam contactpersoon"), max_length=120, blank=True
    )
    contact_role = models.CharField(_("functie"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mailadres"), blank=True)
    contact_phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    contact_consent = models.BooleanField(
        _("contactpersoon mag openbaar getoond worden"),
        default=False,
        help_text=_(
            "Alleen aanvinken als de contactpersoon ermee instemt dat naam en gegevens op "
            "de openbare pagina staan. Zonder vinkje ziet niemand ze behalve de redactie."
        ),
    )
    restricted_details = RichTextField(
        _("vertrouwelijke details"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "Alleen zichtbaar voor ingelogde overheidsmedewerkers: nooit op de openbare "
            "pagina, in feeds, in de API of in de zoekindex. Bijvoorbeeld namen van "
            "betrokken panden of werkwijzen die niet openbaar mogen worden."
        ),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("lead_municipality"),
                FieldPanel("other_municipalities"),
                FieldPanel("neighbourhood"),
                FieldPanel("summary"),
            ],
            heading=_("Kern"),
        ),
        FieldPanel("problem"),
        FieldPanel("approach"),
        MultiFieldPanel(
            [
                FieldPanel("partners_description"),
                FieldPanel("partner_types"),
            ],
            heading=_("Partners"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("themes"),
                FieldPanel("tracks"),
                FieldPanel("intervention_types"),
                FieldPanel("tags"),
            ],
            heading=_("Indeling"),
        ),
        FieldPanel("results"),
        FieldPanel("what_did_not_work"),
        FieldPanel("lessons"),
        FieldPanel("costs_and_capacity"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("evidence_level")]),
                FieldPanel("evidence_assessed_on"),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
            ],
            heading=_("Status en bewijs"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_role")]),
                FieldRowPanel(
                    [FieldPanel("contact_email"), FieldPanel("contact_phone")]
                ),
                FieldPanel("contact_consent"),
            ],
            heading=_("Contactpersoon"),
        ),
        InlinePanel("documents", label=_("document"), heading=_("Documenten")),
        InlinePanel(
            "related_practice_links", label=_("verwante praktijk"), heading=_("Verwant")
        ),
        FieldPanel("restricted_details"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("problem"),
        index.SearchField("neighbourhood"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.FilterField("evidence_level"),
        index.FilterField("lead_municipality"),
    ]

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("praktijk")
        verbose_name_plural = _("praktijken")

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.evidence_level
            and self.evidence_level != self.EvidenceLevel.PRACTICE
            and not self.evidence_assessed_on
        ):
            errors["evidence_assessed_on"] = _(
                "Vul de datum van de laatste beoordeling in bij dit niveau van bewijs."
            )
        if (
            self.period_start
            and self.period_end
            and self.period_end < self.period_start
        ):
            errors["period_end"] = _("De einddatum ligt vóór de startdatum.")
        if errors:
            raise ValidationError(errors)

    @property
    def contact_is_public(self):
        return self.contact_consent and bool(self.contact_name)


class PracticeDocument(Orderable):
    """A report, evaluation or presentation attached to a practice."""

    class DocumentType(models.TextChoices):
        REPORT = "rapport", _("Rapport")
        EVALUATION = "evaluatie", _("Evaluatie")
        PRESENTATION = "presentatie", _("Presentatie")
        GUIDE = "handreiking", _("Handreiking")
        OTHER = "overig", _("Overig")

    page = ParentalKey(PracticePage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document_type = models.CharField(
        _("soort document"),
        max_length=20,
        choices=DocumentType.choices,
        default=DocumentType.REPORT,
    )

    panels = [FieldPanel("document"), FieldPanel("document_type")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")


class RelatedPracticeLink(Orderable):
    """A practice that the editor points readers to; shown before automatic suggestions."""

    page = ParentalKey(
        PracticePage, related_name="related_practice_links", on_delete=models.CASCADE
    )
    practice = models.ForeignKey(
        PracticePage,
        verbose_name=_("praktijk"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("practice")]

    class Meta(Orderable.Meta):
        verbose_name = _("verwante praktijk")
        verbose_name_plural = _("verwante praktijken")
