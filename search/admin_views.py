"""The editors' report of public search queries (Wagtail admin → Rapporten)."""

import datetime

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from search.models import QueryLog

PERIODS = (7, 30, 90, 365)
DEFAULT_PERIOD = 90
ROWS = 50


class QueryReportView(PermissionRequiredMixin, TemplateView):
    """Most frequent queries and queries without results, over a chosen period."""

    permission_required = "search.view_querylog"
    raise_exception = True
    template_name = "search/admin/query_report.html"

    def period(self):
        raw = self.request.GET.get("dagen", "")
        return int(raw) if raw.isdigit() and int(raw) in PERIODS else DEFAULT_PERIOD

    def get_context_data(self, **kwargs):
        days = self.period()
        since = timezone.localdate() - datetime.timedelta(days=days - 1)
        logs = QueryLog.objects.filter(date__gte=since)
        grouped = (
            logs.values("query")
            .annotate(
                searches=Count("id"), results=Max("result_count"), last=Max("date")
            )
            .order_by("-searches", "query")
        )
        return super().get_context_data(
            page_title=_("Zoekvragen"),
            header_icon="search",
            days=days,
            periods=PERIODS,
            total=logs.count(),
            without_results_total=logs.filter(result_count=0).count(),
            frequent=list(grouped[:ROWS]),
            without_results=list(grouped.filter(results=0)[:ROWS]),
            **kwargs,
        )
