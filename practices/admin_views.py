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
