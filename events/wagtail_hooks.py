"""The events app in the Wagtail admin: registrations per session for ministry editors."""

from django.urls import path, register_converter, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from events import admin_views


class ExportFormatConverter:
    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportFormatConverter, "exportformat")


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "aanmeldingen/",
            admin_views.session_list,
            name="events_admin_sessions",
        ),
        path(
            "aanmeldingen/<int:session_id>/",
            admin_views.session_report,
            name="events_admin_session",
        ),
        path(
            "aanmeldingen/<int:session_id>/deelnemers.<exportformat:file_format>",
            admin_views.export_attendees,
            name="events_admin_export",
        ),
        path(
            "aanmeldingen/<int:session_id>/presentielijst/",
            admin_views.check_in_list,
            name="events_admin_check_in",
        ),
        path(
            "aanmeldingen/<int:session_id>/bericht/",
            admin_views.message_attendees,
            name="events_admin_message",
        ),
    ]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_registrations_menu_item():
    return RegistrationsMenuItem(
        _("Aanmeldingen"),
        reverse("events_admin_sessions"),
        icon_name="group",
        order=250,
    )
