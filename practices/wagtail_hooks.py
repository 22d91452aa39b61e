"""Admin configuration of the practices app: contributor onboarding and the guard that
keeps contributors away from the municipality folders themselves."""

from django import forms
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet

from home.admin_search import TextSearchSnippetViewSet
from practices.models import Contributor, MunicipalityPracticesPage
from practices.roles import onboard_contributor


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

    def save(self, commit=True):
        user, _created = onboard_contributor(
            email=self.cleaned_data["email"],
            name=self.cleaned_data["full_name"],
            municipality=self.cleaned_data["municipality"],
            username=self.instance.user.username if self.instance.pk else None,
        )
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


@hooks.register("construct_homepage_panels")
def add_contributor_panel(request, panels):
    """'Nieuwe praktijk' and 'Mijn praktijken' for everybody who writes practices."""
    from practices.dashboard import ContributorPanel

    panel = ContributorPanel(request.user)
    if panel.is_shown:
        panels.insert(0, panel)
