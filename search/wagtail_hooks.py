"""Admin for ministry editors: the synonym list and the report of search queries.
Promoted results are Wagtail's own search promotions (Instellingen → Gepromote
zoekresultaten)."""

from django.conf import settings
from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search import subscription_admin  # noqa: F401  (registers its report)
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


def synonym_change_notice():
    """When an editor's synonym change reaches the public search."""
    if settings.SEARCH_ENGINE == "elasticsearch":
        return _(
            "Let op: de zoekmachine is Elasticsearch. Deze wijziging geldt pas na de "
            "volgende herindexering (manage.py rebuild_search_index), als de index "
            "wordt omgewisseld."
        )
    return _("De wijziging geldt meteen in de publieke zoekfunctie.")


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
@hooks.register("after_delete_snippet")
def tell_when_synonyms_apply(request, instances):
    models = (
        {type(i) for i in instances}
        if isinstance(instances, list | tuple)
        else {type(instances)}
    )
    if Synonym in models:
        messages.info(request, synonym_change_notice())


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
