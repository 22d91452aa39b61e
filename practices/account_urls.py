"""Account pages in the admin: invitation link and second factor (portal/urls.py mounts
them under /admin/ before Wagtail's own admin URLs)."""

from django.urls import path

from practices import two_factor
from practices.invitations import InvitationConfirmView

urlpatterns = [
    path(
        "uitnodiging/<uidb64>/<token>/",
        InvitationConfirmView.as_view(),
        name="invitation_confirm",
    ),
    path("tweestaps/", two_factor.setup, name="two_factor_setup"),
    path("tweestaps/controle/", two_factor.verify, name="two_factor_verify"),
    path(
        "tweestaps/herstelcodes/",
        two_factor.new_recovery_codes,
        name="two_factor_recovery_codes",
    ),
]
