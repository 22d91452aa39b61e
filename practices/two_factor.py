"""Two-factor authentication in the admin: TOTP apps plus one-time recovery codes.

Built on django-otp (TOTP and static devices); the few views are our own because
wagtail-2fa 1.8 has no recovery codes and declares support up to Wagtail 4 only.

* Editors (the group ``Ministerie-redacteuren``) and superusers must set up a second
  factor: after the password, every admin page sends them to the set-up page until
  they have confirmed an authenticator app.
* Contributors may set one up (account menu → *Tweestapsverificatie*); once they have
  a device, they too are asked for a code after each login.
* A signed-in user who still owes a code is treated as not allowed to see restricted
  details (practices.roles.can_view_restricted_details), on the public site too.
"""

import base64

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

import segno
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
# Admin URLs a user may reach before giving the second factor.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "two_factor_verify",
    "two_factor_setup",
    "invitation_confirm",
}


def two_factor_required(user):
    """Editors and administrators must use a second factor."""
    from practices.roles import EDITORS_GROUP

    if not settings.TWO_FACTOR_REQUIRED_FOR_EDITORS or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists()


def has_second_factor(user):
    return user.is_authenticated and user_has_device(user, confirmed=True)


def owes_second_factor(user):
    """Signed in with a password, but the second factor (required or set up) is missing."""
    if not user.is_authenticated:
        return False
    if getattr(user, "is_verified", lambda: False)():
        return False
    return has_second_factor(user) or two_factor_required(user)


class TwoFactorMiddleware:
    """Sends a user who owes a second factor from every admin page to verify or set up.

    Comes after django-otp's OTPMiddleware, which marks a verified session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._redirect_if_owed(request)
        return response or self.get_response(request)

    def _redirect_if_owed(self, request):
        path = request.path_info
        if not path.startswith(tuple(settings.ADMIN_PATH_PREFIXES)):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        try:
            url_name = resolve(path).url_name
        except Resolver404:
            return None
        if url_name in OPEN_URL_NAMES:
            return None
        if has_second_factor(user):
            return redirect_to_login(
                request.get_full_path(), reverse("two_factor_verify")
            )
        if two_factor_required(user):
            return redirect_to_login(
                request.get_full_path(), reverse("two_factor_setup")
            )
        return None


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_(
            "De zescijferige code uit uw authenticator-app, of een van uw herstelcodes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isascii() or not code.isalnum():
            raise forms.ValidationError(_("Een code bestaat uit cijfers en letters."))
        return code


@sensitive_post_parameters("code")
@never_cache
@login_required
def verify(request):
    """Ask for the TOTP code or a recovery code after the password."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error(
            "code",
            _(
                "Deze code klopt niet of is al gebruikt. Na een paar foute pogingen "
                "moet u steeds langer wachten."
            ),
        )
    return render(
        request,
        "practices/accounts/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
    )


def _unconfirmed_device(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=_("Authenticator-app"), confirmed=False
        )
    return device


def _new_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Herstelcodes"))
    codes = [StaticToken.random_token() for _index in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=code) for code in codes]
    )
    return codes


@sensitive_post_parameters("code")
@never_cache
@login_required
def setup(request):
    """Link an authenticator app (QR code or key), confirm it with a code, and show
    the recovery codes once."""
    user = request.user
    if has_second_factor(user) and not user.is_verified():
        return redirect_to_login(request.get_full_path(), reverse("two_factor_verify"))
    if has_second_factor(user):
        return render(
            request,
            "practices/accounts/two_factor_status.html",
            {"required": two_factor_required(user)},
        )
    device = _unconfirmed_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _new_recovery_codes(user)
            otp_login(request, device)
            return render(
                request,
                "practices/accounts/two_factor_recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error("code", _("Deze code klopt niet. Probeer de volgende code."))
    qr = segno.make(device.config_url, error="m")
    secret = base64.b32encode(device.bin_key).decode("ascii")
    return render(
        request,
        "practices/accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": qr.svg_inline(scale=4, title=str(_("QR-code voor uw app"))),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": two_factor_required(user),
            "next": _next_url(request),
        },
    )


@never_cache
@login_required
def new_recovery_codes(request):
    """Replace the recovery codes (POST only; the old ones stop working)."""
    if request.method != "POST" or not has_second_factor(request.user):
        return redirect("two_factor_setup")
    codes = _new_recovery_codes(request.user)
    return render(
        request,
        "practices/accounts/two_factor_recovery_codes.html",
        {"codes": codes, "next": reverse("wagtailadmin_home")},
    )
