"""Admin forms of the practices app: the practice editor as municipal staff use it."""

from itertools import groupby

from django import forms
from django.template import loader
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm


class ProvinceCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes for the 342 municipalities, one folding group per province.

    Works without JavaScript: each province is a <details> with a <fieldset> inside, so
    the group name is read out with every checkbox; a province with a ticked box is open.
    """

    template_name = "practices/widgets/province_checkboxes.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["groups"] = [
            {
                "name": group,
                "options": options,
                "open": any(option["selected"] for option in options),
            }
            for group, options, _index in context["widget"]["optgroups"]
        ]
        return context

    def _render(self, template_name, context, renderer=None):
        # The project's template engine, so the template lives in templates/; the
        # rendered template is already a SafeString.
        return loader.render_to_string(template_name, context)


def municipality_choices_by_province(queryset):
    rows = queryset.order_by("province", "name").values_list(
        "pk", "province", "name", "common_name"
    )
    return [
        (province, [(pk, common or name) for pk, _province, name, common in group])
        for province, group in groupby(rows, key=lambda row: row[1])
    ]


class PracticePageForm(WagtailAdminPageForm):
    """Fixes the lead municipality to the municipality of the folder the page is in.

    A contributor can only add pages to their own municipality's folder, so this also
    means a contributor can never name another municipality as the lead. The form shows
    the fixed municipality as a disabled field: it cannot be changed, and Django takes
    the value from the folder, whatever a request posts.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        municipality = self._folder_municipality()
        title = self.fields.get("title")
        if title is not None:
            title.help_text = _(
                "Een korte titel die zegt wat u deed, bijvoorbeeld 'Pandenaanpak "
                "Oud-Charlois met Bibob-toets'. Geen afkortingen die alleen uw "
                "gemeente kent."
            )
        field = self.fields.get("lead_municipality")
        if municipality is not None and field is not None:
            field.queryset = field.queryset.filter(pk=municipality.pk)
            field.widget = forms.Select()
            field.widget.choices = field.choices
            field.empty_label = None
            field.disabled = True
            field.initial = municipality.pk
            self.initial["lead_municipality"] = municipality.pk
            field.help_text = _(
                "Vast: praktijken in de map van %(name)s hebben deze gemeente als trekker."
            ) % {"name": municipality}
        self._limit_evidence_to_assessors()
        others = self.fields.get("other_municipalities")
        if others is not None:
            queryset = others.queryset
            if municipality is not None:
                queryset = queryset.exclude(pk=municipality.pk)
                others.queryset = queryset
            others.widget = ProvinceCheckboxSelectMultiple()
            others.widget.choices = municipality_choices_by_province(queryset)

    def clean(self):
        cleaned_data = super().clean()
        level = self.fields.get("evidence_level")
        # An editor who sets a level above practice experience says who assessed it and
        # why: that is what the evidence path on the page shows.
        if (
            level is not None
            and not level.disabled
            and cleaned_data.get("evidence_level")
            and cleaned_data["evidence_level"] != "praktijkervaring"
        ):
            if not (cleaned_data.get("evidence_assessor") or "").strip():
                self.add_error(
                    "evidence_assessor",
                    _("Vul in wie de aanpak beoordeelde bij dit niveau van bewijs."),
                )
            if not (cleaned_data.get("evidence_motivation") or "").strip():
                self.add_error(
                    "evidence_motivation",
                    _("Geef een korte motivering bij dit niveau van bewijs."),
                )
        return cleaned_data

    def _limit_evidence_to_assessors(self):
        """Only editors set the evidence level: for anybody else the evidence fields are
        shown but disabled, so Django keeps the stored values whatever is posted."""
        from practices.evidence import EVIDENCE_FIELDS, can_assess_evidence

        if can_assess_evidence(self.for_user):
            return
        for name in EVIDENCE_FIELDS:
            field = self.fields.get(name)
            if field is not None:
                field.disabled = True
        level = self.fields.get("evidence_level")
        if level is not None:
            level.help_text = _(
                "Het niveau van bewijs stelt de redactie vast. Is de aanpak onderzocht "
                "of geëvalueerd? Vraag dan een beoordeling aan via 'Beoordeling "
                "aanvragen' bij deze praktijk."
            )

    def _folder_municipality(self):
        from practices.models import MunicipalityPracticesPage

        parent = self.parent_page
        if parent is None:
            return None
        parent = parent.specific
        if isinstance(parent, MunicipalityPracticesPage):
            return parent.municipality
        return None
