"""Admin configuration of the practices app: contributor onboarding and the guard that
keeps contributors away from the municipality folders themselves."""

from django import forms
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from home.admin_search import TextSearchSnippetViewSet
from practices.invitations import invite_contributor
from practices.models import (
    AssessmentRequest,
    Contributor,
    MunicipalityPracticesPage,
    PracticePage,
)
from practices.roles import InactiveAccountError


class ContributorAdminForm(WagtailAdminModelForm):
    """Onboarding in the admin: the same service as `manage.py onboard_contributor`."""

    email = forms.EmailField(label=_("e-mailadres"))
    full_name = forms.CharField(label=_("naam"), max_length=150)

    class Meta:
        model = Contributor
        fields = ["municipality"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            user = self.instance.user
            self.initial.setdefault("email", user.email)
            self.initial.setdefault("full_name", user.get_full_name())

    def clean(self):
        from django.contrib.auth import get_user_model

        cleaned_data = super().clean()
        email = (cleaned_data.get("email") or "").strip().lower()
        username = self.instance.user.username if self.instance.pk else email
        existing = get_user_model().objects.filter(username=username).first()
        if existing is not None and not existing.is_active:
            # Onboarding never re-activates an account: that is a deliberate step.
            self.add_error(
                "email",
                _(
                    "Dit account is gedeactiveerd. Zet het eerst zelf weer aan onder "
                    "Instellingen → Gebruikers als de persoon weer mag meeschrijven."
                ),
            )
        return cleaned_data

    def save(self, commit=True):
        """Onboard and, for a new account, send the invitation e-mail."""
        try:
            user, _created, self.invited = invite_contributor(
                email=self.cleaned_data["email"],
                name=self.cleaned_data["full_name"],
                municipality=self.cleaned_data["municipality"],
                username=self.instance.user.username if self.instance.pk else None,
                invited_by=self.for_user,
            )
        except InactiveAccountError as error:  # deactivated between clean and save
            raise forms.ValidationError(str(error)) from error
        self.instance = user.contributor
        return self.instance


class ContributorViewSet(TextSearchSnippetViewSet):
    model = Contributor
    icon = "user"
    menu_label = _("Gemeentelijke bijdragers")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["__str__", "municipality", "onboarded_at"]
    list_filter = ["municipality__riec_region"]
    search_fields = [
        "user__email",
        "user__first_name",
        "user__last_name",
        "municipality__name",
    ]
    edit_handler = ObjectList(
        [FieldPanel("full_name"), FieldPanel("email"), FieldPanel("municipality")],
        base_form_class=ContributorAdminForm,
    )


register_snippet(ContributorViewSet)


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    """Everyone reaches their second factor from the account menu."""
    from django.urls import reverse

    return {
        "url": reverse("two_factor_setup"),
        "label": _("Tweestapsverificatie"),
        "help_text": _("Inloggen met een code uit een authenticator-app."),
    }


@hooks.register("before_edit_page")
def keep_folders_for_editors(request, page):
    """A contributor may write in their municipality's folder, not rename or move it."""
    if isinstance(page.specific, MunicipalityPracticesPage) and not (
        page.permissions_for_user(request.user).can_publish()
    ):
        messages.error(
            request,
            _(
                "Deze map beheert de redactie. U kunt er wel praktijken in toevoegen "
                "en bewerken."
            ),
        )
        return redirect("wagtailadmin_explore", page.pk)
    return None


@hooks.register("before_serve_document")
def guard_confidential_document(document, request):
    """Confidential documents only for those who may read restricted details."""
    from practices.documents import guard_confidential_document

    return guard_confidential_document(document, request)


@hooks.register("construct_homepage_panels")
def add_contributor_panel(request, panels):
    """'Nieuwe praktijk' and 'Mijn praktijken' for everybody who writes practices."""
    from practices.dashboard import ContributorPanel

    panel = ContributorPanel(request.user)
    if panel.is_shown:
        panels.insert(0, panel)


class AssessmentRequestViewSet(TextSearchSnippetViewSet):
    """Contributors' requests to assess the evidence of a practice."""

    model = AssessmentRequest
    icon = "help"
    menu_label = _("Aanvragen beoordeling")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["page", "requested_by", "requested_at", "handled"]
    list_filter = ["handled"]
    search_fields = ["page__title", "message"]
    edit_handler = ObjectList(
        [FieldPanel("message", read_only=True), FieldPanel("handled")]
    )


register_snippet(AssessmentRequestViewSet)


@hooks.register("register_admin_urls")
def register_practice_admin_urls():
    from practices.admin_views import (
        request_assessment_view,
        statistics_csv,
        statistics_view,
    )

    return [
        path(
            "praktijken/<int:page_id>/beoordeling-aanvragen/",
            request_assessment_view,
            name="practices_request_assessment",
        ),
        path("statistieken/", statistics_view, name="practices_statistics"),
        path(
            "statistieken/<slug:key>.csv",
            statistics_csv,
            name="practices_statistics_csv",
        ),
    ]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("practices.view_statistics")


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Statistieken"), reverse("practices_statistics"), icon_name="table", order=50
    )


@hooks.register("register_page_header_buttons")
def request_assessment_button(page, user, view_name, next_url=None):
    """'Beoordeling aanvragen' for whoever edits a practice but may not assess it."""
    from practices.evidence import can_assess_evidence

    if (
        page.specific_class is PracticePage
        and page.pk
        and not can_assess_evidence(user)
        and page.permissions_for_user(user).can_edit()
    ):
        yield Button(
            _("Beoordeling aanvragen"),
            reverse("practices_request_assessment", args=[page.pk]),
            icon_name="help",
            priority=40,
        )
