"""The filters of the practice listing and its feed: one GET form, kept in the URL.

Every filter takes one value. Values that do not exist (an old link, a typo) are left out
with a notice in Dutch; they never cause an error page. The choices come from the
reference data and, for municipalities, tags and years, from the live practices, kept in
the cache until publishing changes them (filter_choices), so the cost of a listing does
not depend on the number of practices.
"""

import datetime

from django import forms
from django.db.models import Q
from django.db.models.functions import Coalesce, ExtractYear
from django.forms.utils import ErrorDict
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag

from home import page_cache
from home.forms import PlainSelect
from home.models import (
    InterventionType,
    Municipality,
    PartnerType,
    RiecRegion,
    Theme,
    Track,
)
from practices.models import PracticePage, PracticePageTag

SORT_NEWEST = "nieuwste"
SORT_TITLE = "titel"
SORT_CHOICES = [(SORT_NEWEST, _("Nieuwste eerst")), (SORT_TITLE, _("Titel (A-Z)"))]
# URL parameter → (label, model field the filter applies to).
TERM_FILTERS = {
    "thema": (_("Thema"), Theme, "themes"),
    "interventie": (_("Type interventie"), InterventionType, "intervention_types"),
    "partner": (_("Partner"), PartnerType, "partner_types"),
    "spoor": (_("Spoor"), Track, "tracks"),
}
FILTER_PARAMETERS = [
    *TERM_FILTERS,
    "gemeente",
    "regio",
    "soort",
    "status",
    "bewijs",
    "beoordeeld-sinds",
    "trefwoord",
    "jaar",
]


def with_year(queryset):
    """Annotate the year a practice is filed under: its start, else first publication."""
    return queryset.annotate(
        listing_year=Coalesce(
            ExtractYear("period_start"), ExtractYear("first_published_at")
        )
    )


def _empty(plural_label):
    """The 'no filter' option, e.g. "Alle thema's"."""
    return [("", _("Alle %(label)s") % {"label": str(plural_label).lower()})]


def filter_choices(base_queryset):
    """The values the filters offer, from the reference data and the live practices.

    Kept in the cache until a practice is published, unpublished, moved or deleted, or
    the reference data changes (home.page_cache), so a listing request does not scan
    all practices for them.
    """

    def compute():
        choices = {
            name: [
                (term.slug, term.name) for term in model.objects.only("slug", "name")
            ]
            for name, (_label, model, _field) in TERM_FILTERS.items()
        }
        municipality_ids = set(
            base_queryset.values_list("lead_municipality_id", flat=True).distinct()
        ) | set(
            PracticePage.other_municipalities.through.objects.filter(
                practicepage__in=base_queryset
            )
            .values_list("municipality_id", flat=True)
            .distinct()
        )
        # Lists show the display name, so they sort by it: Den Haag under D.
        choices["gemeente"] = [
            (m.slug, m.display_name)
            for m in sorted(
                Municipality.objects.filter(pk__in=municipality_ids),
                key=lambda m: m.sort_key,
            )
        ]
        choices["regio"] = [(r.slug, r.name) for r in RiecRegion.objects.all()]
        tag_ids = PracticePageTag.objects.filter(
            content_object__in=base_queryset
        ).values("tag_id")
        choices["trefwoord"] = list(
            Tag.objects.filter(pk__in=tag_ids)
            .order_by("name")
            .values_list("slug", "name")
        )
        years = (
            with_year(base_queryset)
            .order_by("-listing_year")
            .values_list("listing_year", flat=True)
            .distinct()
        )
        choices["jaar"] = [(str(y), str(y)) for y in years if y]
        return choices

    return page_cache.cached_data(
        "practice-filter-choices",
        {page_cache.ALL, page_cache.PRACTICES},
        compute,
    )


class PracticeFilterForm(forms.Form):
    """The filter form; choices come from the reference data and the live practices."""

    def __init__(self, *args, base_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        choices = filter_choices(base_queryset)
        for name, (label, model, _field) in TERM_FILTERS.items():
            self.fields[name] = forms.ChoiceField(
                label=label,
                required=False,
                choices=_empty(model._meta.verbose_name_plural) + choices[name],
            )
        self.fields["gemeente"] = forms.CharField(
            label=_("Gemeente"),
            required=False,
            widget=PlainSelect(choices=_empty(_("Gemeenten")) + choices["gemeente"]),
        )
        self.fields["regio"] = forms.ChoiceField(
            label=_("RIEC-regio"),
            required=False,
            choices=_empty(_("Regio's")) + choices["regio"],
        )
        self.fields["soort"] = forms.ChoiceField(
            label=_("Soort"),
            required=False,
            choices=_empty(_("Soorten")) + list(PracticePage.Kind.choices),
        )
        self.fields["status"] = forms.ChoiceField(
            label=_("Status"),
            required=False,
            choices=_empty(_("Statussen")) + list(PracticePage.Status.choices),
        )
        self.fields["bewijs"] = forms.ChoiceField(
            label=_("Mate van bewijs"),
            required=False,
            choices=_empty(_("Niveaus")) + list(PracticePage.EvidenceLevel.choices),
        )
        self.fields["beoordeeld-sinds"] = forms.DateField(
            label=_("Beoordeeld sinds"),
            required=False,
            help_text=_(
                "Alleen praktijken waarvan het bewijs op of na deze datum is beoordeeld."
            ),
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        )
        self.fields["trefwoord"] = forms.ChoiceField(
            label=_("Trefwoord"),
            required=False,
            choices=_empty(_("Trefwoorden")) + choices["trefwoord"],
        )
        self.fields["jaar"] = forms.TypedChoiceField(
            label=_("Jaar"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=_empty(_("Jaren")) + choices["jaar"],
        )
        self.fields["sortering"] = forms.ChoiceField(
            label=_("Sorteren op"), required=False, choices=SORT_CHOICES
        )
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField):
                if not isinstance(field.widget, PlainSelect):
                    field.widget = PlainSelect(choices=field.choices)
            elif not isinstance(field.widget, PlainSelect):
                continue
            # Every select, the municipality's (a CharField) too, looks the same.
            field.widget.attrs["class"] = "utrecht-select utrecht-select--html-select"
        self.fields["beoordeeld-sinds"].widget.attrs["class"] = "utrecht-textbox"

    def clean_gemeente(self):
        """Accept a municipality's slug or its CBS code (GM0363), also without practices."""
        value = (self.cleaned_data.get("gemeente") or "").strip()
        if not value:
            return None
        municipality = (
            Municipality.objects.filter(
                Q(slug=value.lower()) | Q(cbs_code=value.upper())
            )
            .select_related("riec_region")
            .first()
        )
        if municipality is None:
            raise forms.ValidationError(_("Onbekende gemeente."))
        return municipality


class PracticeFilter:
    """Reads the filter parameters, applies the valid ones and explains the rest."""

    def __init__(self, params, base_queryset):
        self.base_queryset = base_queryset
        # Only the known parameters, first value each; others (utm_*, page) are ignored.
        data = {}
        for name in [*FILTER_PARAMETERS, "sortering"]:
            values = params.getlist(name) if hasattr(params, "getlist") else []
            value = values[0] if values else params.get(name, "")
            if value:
                data[name] = value
        checked = PracticeFilterForm(data, base_queryset=base_queryset)
        checked.is_valid()
        self.notices = []
        self.values = {}
        for name in data:
            if name in checked.errors:
                self.notices.append(
                    _(
                        "Het filter ‘%(label)s’ kent de waarde ‘%(value)s’ niet; dat "
                        "filter is niet toegepast."
                    )
                    % {"label": checked.fields[name].label, "value": data[name]}
                )
            elif checked.cleaned_data.get(name) not in (None, ""):
                self.values[name] = checked.cleaned_data[name]
        self.sort = self.values.pop("sortering", SORT_NEWEST)
        # The form as the visitor sees it again: only the values that were applied.
        # (Re-using the checked form saves rebuilding the choices; its errors are
        # dropped because they have become notices.)
        self.form = checked
        self.form.data = self.query_dict(include_sort=True)
        self.form._errors = ErrorDict()

    def query_dict(self, include_sort=False):
        """The applied filters as URL parameters (for links, pagination and the feed)."""
        query = {}
        for name, value in self.values.items():
            if isinstance(value, Municipality):
                value = value.slug
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            query[name] = str(value)
        if include_sort and self.sort != SORT_NEWEST:
            query["sortering"] = self.sort
        return query

    def applied_labels(self):
        """The applied filters for people, e.g. ['Thema: Witwassen', 'Jaar: 2024']."""
        labels = []
        for name, value in self.values.items():
            field = self.form.fields[name]
            if isinstance(value, Municipality):
                shown = value.display_name
            elif isinstance(value, datetime.date):
                shown = date_format(value, "j F Y")
            else:
                shown = dict(getattr(field, "choices", [])).get(str(value), value)
            labels.append(f"{field.label}: {shown}")
        return labels

    @property
    def is_active(self):
        return bool(self.values)

    def apply(self, queryset):
        for name, (_label, _model, field) in TERM_FILTERS.items():
            if name in self.values:
                queryset = queryset.filter(**{f"{field}__slug": self.values[name]})
        municipality = self.values.get("gemeente")
        if municipality is not None:
            participating = PracticePage.other_municipalities.through.objects.filter(
                municipality=municipality
            ).values("practicepage_id")
            queryset = queryset.filter(
                Q(lead_municipality=municipality) | Q(pk__in=participating)
            )
        if "regio" in self.values:
            queryset = queryset.filter(
                lead_municipality__riec_region__slug=self.values["regio"]
            )
        for name, field in (
            ("soort", "kind"),
            ("status", "status"),
            ("bewijs", "evidence_level"),
        ):
            if name in self.values:
                queryset = queryset.filter(**{field: self.values[name]})
        if "beoordeeld-sinds" in self.values:
            queryset = queryset.filter(
                evidence_assessed_on__gte=self.values["beoordeeld-sinds"]
            )
        if "trefwoord" in self.values:
            tagged = PracticePageTag.objects.filter(
                tag__slug=self.values["trefwoord"]
            ).values("content_object_id")
            queryset = queryset.filter(pk__in=tagged)
        if "jaar" in self.values:
            queryset = with_year(queryset).filter(listing_year=self.values["jaar"])
        if self.sort == SORT_TITLE:
            return queryset.order_by("title", "pk")
        return queryset.order_by("-first_published_at", "-pk")
