"""Admin configuration for reference data: snippets with filters and search."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Gemeenten")
    list_display = ["name", "cbs_code", "province", "riec_region"]
    list_filter = ["province", "riec_region"]
    list_export = [
        "cbs_code",
        "name",
        "common_name",
        "province",
        "safety_region",
        "riec_region",
    ]
    search_fields = ["name", "common_name", "cbs_code"]
    ordering = ["name"]
    list_per_page = 50


class RiecRegionViewSet(SnippetViewSet):
    model = RiecRegion
    icon = "globe"
    menu_label = _("RIEC-regio's")
    list_display = ["name"]


class CityNetworkViewSet(SnippetViewSet):
    model = CityNetwork
    icon = "group"
    menu_label = _("Stedennetwerken")
    list_display = ["name", "kind", "riec_region"]
    list_filter = ["kind", "riec_region"]
    search_fields = ["name"]


def _taxonomy_viewset(term_model, label, term_icon):
    return type(
        f"{term_model.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": term_model,
            "icon": term_icon,
            "menu_label": label,
            "list_display": ["name", "slug", "sort_order"],
            "search_fields": ["name", "description"],
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
