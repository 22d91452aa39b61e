"""The editors' report of followed searches (Wagtail admin → Rapporten): how many
addresses follow each search, never the addresses themselves."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.subscriptions import UNCONFIRMED_DAYS, counts_per_search

PERMISSION = "search.view_searchsubscription"


class SubscriptionReportView(PermissionRequiredMixin, TemplateView):
    """Subscribers per followed search: confirmed, unconfirmed, daily, weekly."""

    permission_required = PERMISSION
    raise_exception = True
    template_name = "search/admin/subscription_report.html"

    def get_context_data(self, **kwargs):
        rows = counts_per_search()
        return super().get_context_data(
            page_title=_("Gevolgde zoekopdrachten"),
            header_icon="mail",
            rows=rows,
            confirmed_total=sum(row["confirmed"] for row in rows),
            unconfirmed_total=sum(row["unconfirmed"] for row in rows),
            unconfirmed_days=UNCONFIRMED_DAYS,
            **kwargs,
        )


class SubscriptionReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_subscription_report_url():
    return [
        path(
            "reports/gevolgde-zoekopdrachten/",
            SubscriptionReportView.as_view(),
            name="search_subscription_report",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_subscription_report_menu_item():
    return SubscriptionReportMenuItem(
        _("Gevolgde zoekopdrachten"),
        reverse("search_subscription_report"),
        name="search-subscriptions",
        icon_name="mail",
        order=910,
    )
