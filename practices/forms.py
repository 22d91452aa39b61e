"""Admin forms of the practices app."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm


class PracticePageForm(WagtailAdminPageForm):
    """Fixes the lead municipality to the municipality of the folder the page is in.

    A contributor can only add pages to their own municipality's folder, so this also
    means a contributor can never name another municipality as the lead.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        municipality = self._folder_municipality()
        field = self.fields.get("lead_municipality")
        if municipality is not None and field is not None:
            field.queryset = field.queryset.filter(pk=municipality.pk)
            field.initial = municipality.pk
            field.empty_label = None
            field.help_text = _(
                "Vast: praktijken in de map van %(name)s hebben deze gemeente als trekker."
            ) % {"name": municipality}

    def _folder_municipality(self):
        from practices.models import MunicipalityPracticesPage

        parent = self.parent_page
        if parent is None:
            return None
        parent = parent.specific
        if isinstance(parent, MunicipalityPracticesPage):
            return parent.municipality
        return None
