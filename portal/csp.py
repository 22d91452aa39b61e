"""Content-Security-Policy: strict on the public site, looser in the Wagtail admin.

The public site (settings.CONTENT_SECURITY_POLICY) runs scripts only from the portal
itself or with the nonce of the response; it has no inline scripts of its own, and its
JSON-LD blocks are data (`type="application/ld+json"`), which browsers never execute.

The Wagtail admin cannot live under that policy: Wagtail 8 still writes inline scripts
(the date and time choosers, inline panels, the search promotions form, workflow set-up)
and inline styles, without a nonce. Its policy therefore allows inline scripts and
styles, but only for URLs under the admin prefixes, which are reachable only after
login (and a second factor for editors). Everything else stays as strict as the public
policy: no third-party origins, no plugins, no framing by other sites.
"""

from dataclasses import asdict

from django.conf import settings
from django.core.signals import setting_changed

from csp.constants import HEADER, HEADER_REPORT_ONLY, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy

ADMIN_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    # The live preview shows the page in an iframe of the admin itself.
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
}


def is_admin_path(path):
    return path.startswith(tuple(settings.ADMIN_PATH_PREFIXES))


# The finished header values per kind of path, for responses whose policy is the
# settings' one as it is (no nonce used, no per-view decorator). Building the header
# cost a cached page a third of its time; it changes only with the settings.
_HEADERS = {}


def _forget_headers(*, setting, **kwargs):
    if (
        setting.startswith("CONTENT_SECURITY_POLICY")
        or setting == "ADMIN_PATH_PREFIXES"
    ):
        _HEADERS.clear()


setting_changed.connect(_forget_headers)


def _excluded_prefixes():
    return any(
        (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES")
        for setting in (
            "CONTENT_SECURITY_POLICY",
            "CONTENT_SECURITY_POLICY_REPORT_ONLY",
        )
    )


_PER_RESPONSE = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt",
    "_csp_exempt_ro",
)


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy under the admin prefixes."""

    def process_response(self, request, response):
        if not self._settings_policy_applies(request, response):
            return super().process_response(request, response)
        admin = is_admin_path(request.path_info)
        headers = _HEADERS.get(admin)
        if headers is None:
            headers = _HEADERS[admin] = self._settings_headers(request, response)
        for name, value in headers:
            if name not in response:
                response[name] = value
        # As django-csp does: a nonce asked for after the header was written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @staticmethod
    def _settings_policy_applies(request, response):
        """True when the header is the settings' policy as it is, whatever the page."""
        return not (
            getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in _PER_RESPONSE)
            or settings.DEBUG
            or _excluded_prefixes()
        )

    def _settings_headers(self, request, response):
        """The header values of the settings' policies, built as django-csp does."""
        headers = []
        for report_only, name in ((False, HEADER), (True, HEADER_REPORT_ONLY)):
            parts = self.get_policy_parts(request, response, report_only=report_only)
            value = build_policy(**asdict(parts), report_only=report_only)
            if value:
                headers.append((name, value))
        return tuple(headers)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and is_admin_path(request.path_info):
            # No nonce: a nonce in script-src makes browsers ignore 'unsafe-inline'.
            return PolicyParts(config=ADMIN_POLICY, nonce=None)
        return parts
