"""Admin views of the practices app that Wagtail does not provide."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin import messages

from practices.evidence import request_assessment
from practices.models import AssessmentRequest, PracticePage


class AssessmentRequestForm(forms.ModelForm):
    class Meta:
        model = AssessmentRequest
        fields = ["message"]
        labels = {"message": gettext_lazy("Toelichting")}
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}


def request_assessment_view(request, page_id):
    """A contributor asks the editors to assess the evidence of a practice they edit."""
    page = get_object_or_404(PracticePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    form = AssessmentRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        request_assessment(page, request.user, form.cleaned_data["message"])
        messages.success(
            request,
            _(
                "Uw aanvraag is verstuurd. De redactie laat u weten wanneer het "
                "bewijs is beoordeeld."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request,
        "practices/admin/request_assessment.html",
        {"page": page, "form": form},
        status=status,
    )


STATISTICS_PERMISSION = "practices.view_statistics"


def _require_statistics_permission(request):
    if not request.user.has_perm(STATISTICS_PERMISSION):
        raise PermissionDenied


def statistics_view(request):
    """The editors' report: every table with an SVG bar chart beside it."""
    from practices.statistics import all_tables

    _require_statistics_permission(request)
    return TemplateResponse(
        request,
        "practices/admin/statistics.html",
        {"tables": all_tables()},
    )


def statistics_csv(request, key):
    """One table as CSV (UTF-8 with BOM, so spreadsheet programs read the accents)."""
    import csv

    from django.http import Http404, HttpResponse

    from practices.statistics import REPORT_KEYS

    _require_statistics_permission(request)
    report = REPORT_KEYS.get(key)
    if report is None:
        raise Http404
    table = report()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statistiek-{key}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(column) for column in table.columns])
    for row in table.rows:
        writer.writerow([_csv_safe(value) for value in row])
    return response


def _csv_safe(value):
    """Guard against formula injection: text starting with = + - @ is prefixed."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
