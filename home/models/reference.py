"""Reference data that ministry editors maintain as snippets: regions, municipalities and
the fixed vocabularies that practices and sessions are tagged with."""

import re
import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.search import index


def dutch_sort_key(name):
    """How a Dutch list orders names: case and accents ignored, the article of
    's-Hertogenbosch or 't Zandt left out (so they sort under H and Z)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"^'[st][\s-]+", "", folded.casefold().strip())


class TaxonomyTerm(index.Indexed, models.Model):
    """A named term with a stable slug; the slug is what filters put in the URL."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Korte naam in webadressen en filters, bijvoorbeeld 'witwassen'."),
    )
    description = models.TextField(_("omschrijving"), blank=True)
    sort_order = models.PositiveIntegerField(_("volgorde"), default=0)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class RiecRegion(index.Indexed, models.Model):
    """One of the ten Regionale Informatie- en Expertisecentra (RIEC)."""

    name = models.CharField(_("naam"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("RIEC-regio")
        verbose_name_plural = _("RIEC-regio's")

    def __str__(self):
        return f"RIEC {self.name}"


class Municipality(index.Indexed, models.Model):
    """A Dutch municipality (gemeente) as CBS lists it; loaded from data, never typed in."""

    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=6,
        unique=True,
        help_text=_("GM gevolgd door vier cijfers, bijvoorbeeld GM0363."),
    )
    name = models.CharField(_("officiële naam"), max_length=120)
    common_name = models.CharField(
        _("gangbare naam"),
        max_length=120,
        blank=True,
        help_text=_("Alleen invullen als de gangbare naam afwijkt, zoals Den Haag."),
    )
    former_names = models.CharField(
        _("vroegere namen"),
        max_length=250,
        blank=True,
        help_text=_(
            "Namen van gemeenten die in deze gemeente zijn opgegaan, gescheiden door "
            "komma's, bijvoorbeeld 'Weesp'. Zo vindt de zoekfunctie ook de oude naam."
        ),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    province = models.CharField(_("provincie"), max_length=40)
    safety_region_code = models.CharField(_("veiligheidsregiocode"), max_length=4)
    safety_region = models.CharField(_("veiligheidsregio"), max_length=80)
    riec_region = models.ForeignKey(
        RiecRegion,
        verbose_name=_("RIEC-regio"),
        on_delete=models.PROTECT,
        related_name="municipalities",
    )

    search_fields = [
        index.SearchField("name"),
        index.SearchField("common_name"),
        index.SearchField("former_names"),
        index.SearchField("cbs_code"),
        index.AutocompleteField("name"),
        index.AutocompleteField("common_name"),
        index.AutocompleteField("former_names"),
        index.AutocompleteField("cbs_code"),
        index.FilterField("province"),
        index.FilterField("riec_region"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.common_name or self.name

    @property
    def sort_key(self):
        """Lists show display_name, so they sort by it: Den Haag under D."""
        return dutch_sort_key(self.display_name)


class Theme(TaxonomyTerm):
    """A theme of undermining crime, such as criminele jeugdgroepen or witwassen."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")


class InterventionType(TaxonomyTerm):
    """A kind of intervention: bestuurlijk, strafrechtelijk, fiscaal, zorg en sociaal, ..."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("type interventie")
        verbose_name_plural = _("typen interventie")


class PartnerType(TaxonomyTerm):
    """A kind of partner organisation: gemeente, politie, OM, Belastingdienst, ..."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("type partner")
        verbose_name_plural = _("typen partner")


class Track(TaxonomyTerm):
    """One of the three tracks of the area-based approach: groep, persoon en gezin, domein."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("spoor")
        verbose_name_plural = _("sporen")


class CityNetwork(index.Indexed, models.Model):
    """A network of municipalities (G4, G40, a RIEC network) that registers delegations."""

    class Kind(models.TextChoices):
        CITIES = "steden", _("stedennetwerk")
        RIEC = "riec", _("RIEC-netwerk")
        OTHER = "overig", _("overig netwerk")

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    description = models.TextField(_("omschrijving"), blank=True)
    riec_region = models.ForeignKey(
        RiecRegion,
        verbose_name=_("RIEC-regio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="networks",
        help_text=_("Alleen voor het netwerk van een RIEC-regio."),
    )
    members = models.ManyToManyField(
        Municipality, verbose_name=_("deelnemende gemeenten"), related_name="networks"
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("stedennetwerk")
        verbose_name_plural = _("stedennetwerken")

    def __str__(self):
        return self.name
