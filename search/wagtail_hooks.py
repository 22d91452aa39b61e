"""Admin for ministry editors: the synonym list and the report of search queries.
Promoted results are Wagtail's own search promotions (Instellingen → Gepromote
zoekresultaten)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.admin_views import QueryReportView
from search.models import Synonym


class SynonymViewSet(SnippetViewSet):
    """Synonyms and acronyms that the public search treats as the same."""

    model = Synonym
    icon = "list-ul"
    menu_label = _("Synoniemen zoeken")
    menu_order = 400
    add_to_settings_menu = True
    list_display = ["term", "equivalents", "updated_at"]
    search_fields = ["term", "equivalents"]
    ordering = ["term"]


register_snippet(SynonymViewSet)


class QueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_querylog")


@hooks.register("register_admin_urls")
def register_query_report_url():
    return [
        path(
            "reports/zoekvragen/",
            QueryReportView.as_view(),
            name="search_query_report",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_query_report_menu_item():
    return QueryReportMenuItem(
        _("Zoekvragen"),
        reverse("search_query_report"),
        name="search-queries",
        icon_name="search",
        order=900,
    )
