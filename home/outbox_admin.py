"""The mail outbox in the Wagtail admin: editors see every message's state and resend
the ones that failed. Rows are never edited or created here; the portal writes them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from home import outbox
from home.models import OutboxMessage

CHANGE_PERMISSION = "home.change_outboxmessage"
RESENDABLE = (OutboxMessage.Status.FAILED, OutboxMessage.Status.PENDING)


class OutboxIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status in RESENDABLE and self.request.user.has_perm(
            CHANGE_PERMISSION
        ):
            buttons.append(
                ListingButton(
                    _("Opnieuw versturen"),
                    url=reverse("outbox:resend", args=(instance.pk,)),
                    icon_name="redirect",
                    priority=5,
                )
            )
        return buttons


def resend_view(request, pk):
    """Asks for confirmation (GET), then puts the message back in the queue (POST)."""
    if not request.user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied
    message = get_object_or_404(OutboxMessage, pk=pk)
    if request.method == "POST":
        if message.status in RESENDABLE and outbox.resend([message.pk]):
            messages.success(
                request,
                _("De e-mail aan %(recipients)s wordt opnieuw verstuurd.")
                % {"recipients": message.recipients},
            )
        else:
            messages.warning(
                request, _("Deze e-mail kan niet opnieuw worden verstuurd.")
            )
        return redirect("outbox:index")
    return TemplateResponse(
        request, "home/admin/outbox_resend.html", {"message": message}
    )


class OutboxViewSet(ModelViewSet):
    """Outgoing mail: failures are visible and can be resent by ministry editors."""

    model = OutboxMessage
    name = "outbox"
    icon = "mail"
    menu_label = gettext_lazy("Uitgaande e-mail")
    add_to_settings_menu = True
    index_view_class = OutboxIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["status"]
    search_fields = ["subject", "recipients"]
    search_backend_name = None  # a plain database filter: rows are not indexed
    list_display = [
        "subject",
        "recipients",
        "status",
        "attempts",
        "created_at",
        "next_attempt_at",
        "last_error",
    ]
    inspect_view_fields = [
        "subject",
        "from_email",
        "recipients",
        "status",
        "attempts",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    form_fields = []

    def get_common_view_kwargs(self, **kwargs):
        # Read-only: no add, edit or delete views, so no buttons link to them.
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                **kwargs,
            }
        )

    def get_urlpatterns(self):
        kept = {"index", "index_results", "inspect"}
        return [p for p in super().get_urlpatterns() if p.name in kept] + [
            path("resend/<int:pk>/", resend_view, name="resend"),
        ]
