"""Inviting a contributor: one e-mail with a single-use, expiring link to set a password.

The link carries Django's password-reset token (``default_token_generator``): it is
bound to the account's current password hash and last login, so it stops working once
the password is set, and after PASSWORD_RESET_TIMEOUT (PASSWORD_LINK_VALID_DAYS). An
expired or used link says so and offers a new one: the admin's password-reset form, which
here also serves accounts that never had a password.

The mail goes through Django's mail API inside the transaction that creates the account
(decision 1 in docs/decisions.md), so no invitation leaves for an account that was
rolled back.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import override

from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from practices.roles import onboard_contributor
from practices.two_factor import two_factor_required


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def invitation_url(user):
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return _absolute(reverse("invitation_confirm", args=[uidb64, token]))


def send_invitation(user, *, municipality, invited_by=None):
    """The Dutch invitation e-mail with the set-password link."""
    valid_until = timezone.localtime() + timezone.timedelta(
        seconds=settings.PASSWORD_RESET_TIMEOUT
    )
    context = {
        "user": user,
        "municipality": municipality,
        "invited_by": invited_by,
        "link": invitation_url(user),
        "valid_until": valid_until,
        "new_link_url": _absolute(reverse("wagtailadmin_password_reset")),
        "login_url": _absolute(reverse("wagtailadmin_login")),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    with override("nl"):
        subject = _("Uitnodiging: schrijf mee aan het %(site)s") % {
            "site": settings.WAGTAIL_SITE_NAME
        }
        body = render_to_string("practices/accounts/invitation_email.txt", context)
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def invite_contributor(*, email, name, municipality, username=None, invited_by=None):
    """Onboard a contributor and, while they have no password yet, invite them.

    Returns (user, created, invited). An account that already has a password is moved
    or updated without a mail: its owner can log in as before.
    """
    user, created = onboard_contributor(
        email=email, name=name, municipality=municipality, username=username
    )
    invited = not user.has_usable_password()
    if invited:
        send_invitation(user, municipality=municipality, invited_by=invited_by)
    return user, created, invited


class PasswordResetForm(WagtailPasswordResetForm):
    """The admin's password-reset form, also for active accounts without a password.

    Django skips accounts with an unusable password; here those are exactly the invited
    contributors whose link has expired, so they must get a new one. Inactive accounts
    still get nothing.
    """

    def get_users(self, email):
        email = email.strip()
        return (
            user
            for user in get_user_model()._default_manager.filter(
                email__iexact=email, is_active=True
            )
            if user.email.casefold() == email.casefold()
        )


class InvitationConfirmView(PasswordResetConfirmView):
    """Set the first password from the invitation link; then on to the login."""

    template_name = "practices/accounts/invitation_confirm.html"
    success_url = reverse_lazy("wagtailadmin_login")

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        if two_factor_required(user):
            text = _(
                "Uw wachtwoord is ingesteld. Log in; daarna stelt u uw tweede stap "
                "(een authenticator-app) in."
            )
        else:
            text = _("Uw wachtwoord is ingesteld. U kunt nu inloggen.")
        messages.success(self.request, text)
        return response
