"""The filters of the practice listing and its feed: one GET form, kept in the URL.

Every filter takes one value. Values that do not exist (an old link, a typo) are left out
with a notice in Dutch; they never cause an error page. The choices are loaded with one
query per vocabulary, so the cost of a listing does not depend on the number of practices.
"""

from django import forms
from django.db.models import Q
from django.db.models.functions import Coalesce, ExtractYear
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag

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


class PracticeFilterForm(forms.Form):
    """The filter form; choices come from the reference data and the live practices."""

    def __init__(self, *args, base_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, model, _field) in TERM_FILTERS.items():
            self.fields[name] = forms.ChoiceField(
                label=label,
                required=False,
                choices=_empty(model._meta.verbose_name_plural)
                + [
                    (term.slug, term.name)
                    for term in model.objects.only("slug", "name")
                ],
            )
        municipalities = Municipality.objects.filter(
            Q(lead_practices__in=base_queryset)
            | Q(participating_practices__in=base_queryset)
        ).distinct()
        self.fields["gemeente"] = forms.CharField(
            label=_("Gemeente"),
            required=False,
            widget=forms.Select(
                choices=_empty(_("Gemeenten"))
                + [
                    (m.slug, m.display_name)
                    for m in sorted(municipalities, key=lambda m: m.sort_key)
                ]
            ),
        )
        self.fields["regio"] = forms.ChoiceField(
            label=_("RIEC-regio"),
            required=False,
            choices=_empty(_("Regio's"))
            + [(r.slug, r.name) for r in RiecRegion.objects.all()],
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
        tags = (
            Tag.objects.filter(
                practices_practicepagetag_items__content_object__in=base_queryset
            )
            .distinct()
            .order_by("name")
        )
        self.fields["trefwoord"] = forms.ChoiceField(
            label=_("Trefwoord"),
            required=False,
            choices=_empty(_("Trefwoorden")) + [(t.slug, t.name) for t in tags],
        )
        years = (
            with_year(base_queryset)
            .order_by("-listing_year")
            .values_list("listing_year", flat=True)
            .distinct()
        )
        self.fields["jaar"] = forms.TypedChoiceField(
            label=_("Jaar"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=_empty(_("Jaren")) + [(str(y), str(y)) for y in years if y],
        )
        self.fields["sortering"] = forms.ChoiceField(
            label=_("Sorteren op"), required=False, choices=SORT_CHOICES
        )
        for field in self.fields.values():
            field.widget.attrs["class"] = "utrecht-select utrecht-select--html-select"

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
