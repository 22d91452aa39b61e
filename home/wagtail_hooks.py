"""Admin configuration for reference data: snippets with filters and search.

Every list and chooser searches in the database (`home.admin_search`): municipalities by
name, common name, former name and CBS code; everything else by name.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from home.admin_search import TextSearchSnippetViewSet
from home.models import (
    CityNetwork,
    InterventionType,
    Municipality,
    PartnerType,
    RiecRegion,
    Theme,
    Track,
)
from home.outbox_admin import OutboxViewSet


class MunicipalityViewSet(TextSearchSnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Gemeenten")
    list_display = ["name", "cbs_code", "former_names", "province", "riec_region"]
    list_filter = ["province", "riec_region"]
    list_export = [
        "cbs_code",
        "name",
        "common_name",
        "former_names",
        "province",
        "safety_region",
        "riec_region",
    ]
    search_fields = ["name", "common_name", "former_names", "cbs_code"]
    chooser_extra_columns = ["cbs_code", "province"]
    ordering = ["name"]
    list_per_page = 50


class RiecRegionViewSet(TextSearchSnippetViewSet):
    model = RiecRegion
    icon = "globe"
    menu_label = _("RIEC-regio's")
    list_display = ["name"]
    search_fields = ["name"]


class CityNetworkViewSet(TextSearchSnippetViewSet):
    model = CityNetwork
    icon = "group"
    menu_label = _("Stedennetwerken")
    list_display = ["name", "kind", "riec_region"]
    list_filter = ["kind", "riec_region"]
    search_fields = ["name"]


def _taxonomy_viewset(term_model, label, term_icon):
    return type(
        f"{term_model.__name__}ViewSet",
        (TextSearchSnippetViewSet,),
        {
            "model": term_model,
            "icon": term_icon,
            "menu_label": label,
            "list_display": ["name", "slug", "sort_order"],
            "search_fields": ["name", "slug"],
        },
    )


class ReferenceDataGroup(SnippetViewSetGroup):
    menu_label = _("Referentiegegevens")
    menu_icon = "list-ul"
    menu_order = 300
    items = (
        MunicipalityViewSet,
        RiecRegionViewSet,
        CityNetworkViewSet,
        _taxonomy_viewset(Theme, _("Thema's"), "tag"),
        _taxonomy_viewset(InterventionType, _("Typen interventie"), "cogs"),
        _taxonomy_viewset(PartnerType, _("Typen partner"), "user"),
        _taxonomy_viewset(Track, _("Sporen"), "resubmit"),
    )


register_snippet(ReferenceDataGroup)


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboxViewSet()
