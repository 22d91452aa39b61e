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

from django.conf import settings

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

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


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy under the admin prefixes."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and is_admin_path(request.path_info):
            # No nonce: a nonce in script-src makes browsers ignore 'unsafe-inline'.
            return PolicyParts(config=ADMIN_POLICY, nonce=None)
        return parts
