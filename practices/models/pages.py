"""Practices: cases (casussen) and best practices (goede praktijken) from municipalities."""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from home.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from practices.forms import PracticePageForm
from practices.serializers import (
    MunicipalityField,
    PublicContactField,
    RichTextHTMLField,
    TermListField,
)


class PracticeIndexPage(RoutablePageMixin, Page):
    """The list of all practices at /praktijken/, with filters and an Atom feed."""

    introduction = models.TextField(_("introductie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.MunicipalityPracticesPage"]
    max_count = 1

    class Meta:
        verbose_name = _("overzicht praktijken")

    def route(self, request, path_components):
        """A practice (/praktijken/<folder>/<practice>/) in one query, with the
        municipality and region its page shows; everything else as Wagtail routes it."""
        if len(path_components) == 2:
            folder_slug, slug = path_components
            url_path = f"{self.url_path}{folder_slug}/{slug}/"
            for practice in PracticePage.objects.filter(
                slug=slug, depth=self.depth + 2, live=True
            ).select_related("lead_municipality__riec_region"):
                if practice.url_path == url_path:
                    return RouteResult(practice)
        return super().route(request, path_components)

    @path("")
    def listing(self, request):
        from home import page_cache
        from practices.listing import listing_context

        context = self.get_context(request)
        context.update(listing_context(self, request))
        # The same content for every anonymous visitor with these parameters.
        page_cache.cache_content(
            request, f"practices:{self.pk}", sorted(request.GET.lists())
        )
        return self.render(request, context_overrides=context)

    @path("feed/")
    def feed(self, request):
        from practices.feeds import PracticeFeed

        return PracticeFeed()(request, index_page=self)

    @path("vergelijk/", name="compare")
    def compare(self, request):
        from practices.compare import compare_view

        return compare_view(self, request)

    @path("vergelijk/csv/", name="compare_csv")
    def compare_csv(self, request):
        from practices.compare import compare_view

        return compare_view(self, request, file_format="csv")

    @path("vergelijk/xlsx/", name="compare_xlsx")
    def compare_xlsx(self, request):
        from practices.compare import compare_view

        return compare_view(self, request, file_format="xlsx")


class MunicipalityPracticesPage(Page):
    """A folder for one municipality's practices; its contributors may write only here.

    Wagtail's page permissions are given per folder, so a contributor of one municipality
    can never edit, move or delete another municipality's practices. Visitors never see
    the folder: it redirects to the listing filtered on the municipality.
    """

    municipality = models.OneToOneField(
        "home.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="practices_folder",
        help_text=_("Alle praktijken in deze map hebben deze gemeente als trekker."),
    )

    content_panels = Page.content_panels + [FieldPanel("municipality")]
    promote_panels = []

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = ["practices.PracticePage"]

    class Meta:
        verbose_name = _("map praktijken van een gemeente")
        verbose_name_plural = _("mappen praktijken per gemeente")

    def serve(self, request, *args, **kwargs):
        index = self.get_parent()
        query = urlencode({"gemeente": self.municipality.slug})
        return redirect(f"{index.url}?{query}")

    def get_sitemap_urls(self, request=None):
        return []


class PracticePageTag(TaggedItemBase):
    """A free tag on a practice, for everything the fixed lists do not cover."""

    content_object = ParentalKey(
        "practices.PracticePage", related_name="tagged_items", on_delete=models.CASCADE
    )

    class Meta:
        indexes = [
            # The newest practices with a tag, for related practices.
            models.Index(
                fields=["tag", "-content_object"], name="practices_tag_newest_idx"
            )
        ]


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
        _("soort"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.CASE,
        help_text=_(
            "Casus: een concrete aanpak in uw gemeente. Goede praktijk: een aanpak die "
            "werkt en die andere gemeenten kunnen overnemen."
        ),
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
        help_text=_(
            "Vink de gemeenten aan die actief meededen, bijvoorbeeld buurgemeenten in "
            "hetzelfde RIEC-gebied. Leeg laten als uw gemeente het alleen deed."
        ),
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
        help_text=_("Vink elke soort partner aan die een rol had in de aanpak."),
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
        help_text=_(
            "Welke soorten interventies zette u in? Vink alles aan wat u echt deed, "
            "ook als het een klein onderdeel was."
        ),
    )
    themes = ParentalManyToManyField(
        "home.Theme",
        verbose_name=_("thema's"),
        related_name="practices",
        help_text=_(
            "Kies één tot drie thema's waar de aanpak vooral over gaat: lezers zoeken "
            "en filteren hierop, en de praktijk verschijnt in het themadossier."
        ),
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
        _("geleerde lessen"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "Wat geeft u een collega in een andere gemeente mee? Schrijf concreet, "
            "bijvoorbeeld 'betrek de woningcorporatie vanaf de eerste week'."
        ),
    )
    costs_and_capacity = RichTextField(
        _("kosten en capaciteit"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Budget, formatie (fte) en looptijd die nodig waren."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.RUNNING,
        help_text=_(
            "Hoe ver is de aanpak? Kies 'Geëvalueerd' alleen als er een evaluatie is, "
            "en voeg die toe bij de documenten."
        ),
    )
    evidence_level = models.CharField(
        _("mate van bewijs"),
        max_length=30,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.PRACTICE,
        help_text=_(
            "Kies 'Praktijkervaring' als de aanpak niet extern is beoordeeld. Hogere "
            "niveaus stelt alleen de redactie vast, na een beoordeling door een "
            "onderzoeker of erkenningscommissie."
        ),
    )
    evidence_assessed_on = models.DateField(
        _("datum laatste beoordeling"),
        null=True,
        blank=True,
        help_text=_("Verplicht bij elk niveau boven praktijkervaring."),
    )
    evidence_assessor = models.CharField(
        _("beoordelaar"),
        max_length=200,
        blank=True,
        help_text=_(
            "Wie beoordeelde de aanpak: een onderzoeker of instituut, of de "
            "erkenningscommissie, bijvoorbeeld 'Movisie, erkenningscommissie "
            "Justitiële Interventies'."
        ),
    )
    evidence_motivation = models.TextField(
        _("motivering beoordeling"),
        max_length=500,
        blank=True,
        help_text=_(
            "In één tot drie zinnen waarom de aanpak dit niveau heeft, bijvoorbeeld "
            "'procesevaluatie 2024 toont minder overlast in twee wijken'."
        ),
    )
    period_start = models.DateField(
        _("gestart op"),
        null=True,
        blank=True,
        help_text=_(
            "Wanneer begon de aanpak? De eerste van de maand is nauwkeurig genoeg."
        ),
    )
    period_end = models.DateField(
        _("beëindigd op"),
        null=True,
        blank=True,
        help_text=_("Leeg als de aanpak nog loopt."),
    )
    contact_name = models.CharField(
        _("naam contactpersoon"),
        max_length=120,
        blank=True,
        help_text=_(
            "Wie kunnen collega's van andere gemeenten bellen met vragen over deze "
            "aanpak? Voor- en achternaam."
        ),
    )
    contact_role = models.CharField(
        _("functie"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld 'ondermijningscoördinator' of 'wijkmanager'."),
    )
    contact_email = models.EmailField(
        _("e-mailadres"),
        blank=True,
        help_text=_(
            "Liefst een adres dat blijft werken als iemand van baan wisselt, zoals "
            "ondermijning@gemeente.nl."
        ),
    )
    contact_phone = models.CharField(
        _("telefoon"),
        max_length=40,
        blank=True,
        help_text=_("Een nummer met netnummer, bijvoorbeeld 010 123 45 67."),
    )
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
                FieldPanel("partner_types", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Partners"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tracks", widget=forms.CheckboxSelectMultiple),
                FieldPanel("intervention_types", widget=forms.CheckboxSelectMultiple),
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
                FieldRowPanel(
                    [
                        FieldPanel("evidence_assessed_on"),
                        FieldPanel("evidence_assessor"),
                    ]
                ),
                FieldPanel("evidence_motivation"),
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
        MultiFieldPanel(
            [FieldPanel("restricted_details")],
            heading=_("Alleen voor overheidsmedewerkers"),
        ),
    ]

    # The public read API. restricted_details and the raw contact fields are left out on
    # purpose; the contact is only exposed through PublicContactField, which checks consent.
    api_fields = [
        APIField("kind"),
        APIField("lead_municipality", serializer=MunicipalityField()),
        APIField("other_municipalities", serializer=MunicipalityField(many=True)),
        APIField("neighbourhood"),
        APIField("summary"),
        APIField("problem", serializer=RichTextHTMLField()),
        APIField("approach"),
        APIField("partners_description", serializer=RichTextHTMLField()),
        APIField("partner_types", serializer=TermListField()),
        APIField("tracks", serializer=TermListField()),
        APIField("intervention_types", serializer=TermListField()),
        APIField("themes", serializer=TermListField()),
        APIField("tags"),
        APIField("results", serializer=RichTextHTMLField()),
        APIField("what_did_not_work", serializer=RichTextHTMLField()),
        APIField("lessons", serializer=RichTextHTMLField()),
        APIField("costs_and_capacity", serializer=RichTextHTMLField()),
        APIField("status"),
        APIField("evidence_level"),
        APIField("evidence_assessed_on"),
        APIField("period_start"),
        APIField("period_end"),
        APIField("contact", serializer=PublicContactField(source="*")),
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

    base_form_class = PracticePageForm
    parent_page_types = ["practices.MunicipalityPracticesPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("praktijk")
        verbose_name_plural = _("praktijken")
        permissions = [
            (
                "view_restricted_details",
                _("Mag vertrouwelijke details van praktijken zien"),
            ),
            (
                "assess_evidence",
                _("Mag de mate van bewijs van praktijken vaststellen"),
            ),
            ("view_statistics", _("Mag de statistieken voor de redactie zien")),
        ]

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
        if self.pk and self.lead_municipality_id:
            parent = self.get_parent()
            folder = parent.specific if parent else None
            if (
                isinstance(folder, MunicipalityPracticesPage)
                and folder.municipality_id != self.lead_municipality_id
            ):
                errors["lead_municipality"] = _(
                    "De trekkende gemeente moet %(name)s zijn: de gemeente van de map "
                    "waarin deze praktijk staat."
                ) % {"name": folder.municipality}
        if errors:
            raise ValidationError(errors)

    def permissions_for_user(self, user):
        # Contributors delete only their own drafts (practices/roles.py).
        from practices.roles import PracticePermissionTester

        return PracticePermissionTester(user, self)

    @property
    def contact_is_public(self):
        return self.contact_consent and bool(self.contact_name)

    @property
    def year(self):
        """The year a listing files the practice under: its start, else publication."""
        if self.period_start:
            return self.period_start.year
        if self.first_published_at:
            return self.first_published_at.year
        return None

    def get_context(self, request, *args, **kwargs):
        from django.utils.functional import SimpleLazyObject

        from home import page_cache
        from practices.compare import compare_url
        from practices.lessons import lessons_for
        from practices.models.dossiers import ThemeDossierPage
        from practices.roles import can_view_restricted_details

        context = super().get_context(request, *args, **kwargs)
        context["can_view_restricted_details"] = can_view_restricted_details(
            request.user
        )
        # The main content is the same for every anonymous visitor until this page or
        # one it shows changes (related practices, "presented at"), so it is kept
        # (home/page_cache.cache_content) and everything below is read lazily: only
        # when the content is rendered.
        page_cache.cache_content(request, f"practice:{self.pk}")
        saved = bool(self.pk)

        def lazy(compute):
            return SimpleLazyObject(compute)

        def shown(pages):
            """The pages, declared as shown by this response (their tags)."""
            page_cache.depends_on(request, *(page_cache.page_tag(p.pk) for p in pages))
            return pages

        # The terms once each: the facts, the tag list and the related practices.
        terms = {
            "themes": lazy(lambda: list(self.themes.all())),
            "tracks": lazy(lambda: list(self.tracks.all())),
            "interventions": lazy(lambda: list(self.intervention_types.all())),
            "partner_types": lazy(lambda: list(self.partner_types.all())),
            "tags": lazy(lambda: list(self.tags.all())),
        }
        context.update(terms)
        index = lazy(
            lambda: (
                PracticeIndexPage.objects.ancestor_of(self).first() if saved else None
            )
        )
        context.update(
            documents=lazy(
                lambda: [
                    item
                    for item in self.documents.select_related("document")
                    if item.document
                ]
            ),
            related_practices=lazy(lambda: shown(self.related_practices(terms=terms))),
            index_url=lazy(
                lambda: index.get_url(request=request) if index else "/praktijken/"
            ),
            # Where "Vergelijk deze praktijk met" goes (practices/compare.py).
            compare_url=lazy(lambda: compare_url(index) if index else ""),
            evidence_path=lazy(
                lambda: (
                    list(self.evidence_assessments.order_by("recorded_at", "pk"))
                    if saved
                    else []
                )
            ),
            theme_dossiers=lazy(
                lambda: (
                    list(
                        ThemeDossierPage.objects.live()
                        .public()
                        .filter(theme__in=[theme.pk for theme in terms["themes"]])
                    )
                    if saved
                    else []
                )
            ),
            session_lessons=lazy(lambda: lessons_for(self)),
            presented_at=lazy(
                lambda: (
                    shown(
                        list(
                            self.presented_at_sessions.live()
                            .public()
                            .order_by("-start")
                        )
                    )
                    if saved
                    else []
                )
            ),
        )
        return context

    def related_practices(self, limit=4, terms=None):
        """Editor-chosen practices first, then the most similar by shared themes,
        interventions and tags.

        Similar practices are looked for among the newest RELATED_CANDIDATES practices
        of each of this page's own terms, through the (term, practice) indexes, so the
        cost depends on how many terms this page has, never on how many practices
        there are: a fixed number of queries, each reading at most a few hundred
        index entries.
        """
        chosen = [
            link.practice
            for link in self.related_practice_links.select_related(
                "practice__lead_municipality"
            )
            if link.practice.live and link.practice.pk != self.pk
        ]
        remaining = limit - len(chosen)
        if remaining <= 0 or not self.pk:
            return chosen[:limit]
        if terms is None:
            terms = {
                "themes": list(self.themes.all()),
                "interventions": list(self.intervention_types.all()),
                "tags": list(self.tags.all()),
            }
        scores = _shared_term_counts(
            self.pk,
            themes=[term.pk for term in terms["themes"]],
            interventions=[term.pk for term in terms["interventions"]],
            tags=[term.pk for term in terms["tags"]],
        )
        for page in chosen:
            scores.pop(page.pk, None)
        if not scores:
            return chosen
        candidates = (
            PracticePage.objects.live()
            .public()
            .filter(pk__in=list(scores))
            .values_list("pk", "first_published_at")
        )
        ranked = sorted(
            candidates,
            key=lambda row: (scores[row[0]], row[1] is not None, row[1] or 0),
            reverse=True,
        )[:remaining]
        best = [pk for pk, _published in ranked]
        by_pk = PracticePage.objects.select_related("lead_municipality").in_bulk(best)
        return chosen + [by_pk[pk] for pk in best if pk in by_pk]


# How many of the newest practices per term are considered as related practices.
RELATED_CANDIDATES = 30


def _shared_term_counts(page_id, *, themes, interventions, tags):
    """{practice id: number of shared terms} among the newest RELATED_CANDIDATES
    practices of each term, in one query (a UNION ALL of one index range per term)."""
    from collections import Counter

    from django.db import connection

    quote = connection.ops.quote_name
    sources = [
        (PracticePage.themes.through, "practicepage_id", "theme_id", themes),
        (
            PracticePage.intervention_types.through,
            "practicepage_id",
            "interventiontype_id",
            interventions,
        ),
        (PracticePageTag, "content_object_id", "tag_id", tags),
    ]
    parts, params = [], []
    for model, page_column, term_column, term_ids in sources:
        table = quote(model._meta.db_table)
        for term_id in term_ids:
            # Only quoted names from the models' metadata go into the text; the
            # values are parameters.
            part = (
                "SELECT page_id FROM (SELECT {page} AS page_id FROM {table} "
                "WHERE {term} = %s AND {page} <> %s ORDER BY {page} DESC LIMIT %s) "
                "AS t{number}"
            )
            parts.append(
                part.format(
                    page=quote(page_column),
                    table=table,
                    term=quote(term_column),
                    number=len(parts),
                )
            )
            params += [term_id, page_id, RELATED_CANDIDATES]
    if not parts:
        return Counter()
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return Counter(row[0] for row in cursor.fetchall())


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
        help_text=_(
            "Een rapport, evaluatie of presentatie, liefst als PDF. Nooit documenten "
            "met namen of andere persoonsgegevens."
        ),
    )
    document_type = models.CharField(
        _("soort document"),
        max_length=20,
        choices=DocumentType.choices,
        default=DocumentType.REPORT,
        help_text=_("Lezers zien dit naast de link, zodat ze weten wat ze openen."),
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
        help_text=_(
            "Een praktijk die lezers van deze pagina ook moeten kennen, bijvoorbeeld "
            "een vergelijkbare aanpak in een andere gemeente."
        ),
    )

    panels = [FieldPanel("practice")]

    class Meta(Orderable.Meta):
        verbose_name = _("verwante praktijk")
        verbose_name_plural = _("verwante praktijken")
