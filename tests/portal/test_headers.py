"""Security headers, security.txt and the bounded Wagtail API."""

import re

from django.test import override_settings

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def csp(response):
    return dict(
        (part.split(" ", 1) + [""])[:2]
        for part in (p.strip() for p in response["Content-Security-Policy"].split(";"))
        if part
    )


@pytest.mark.parametrize(
    "path", ["/", "/praktijken/", "/zoeken/?q=wijk", "/api/v2/praktijken/"]
)
def test_public_responses_have_a_strict_policy(client, practice_index, path):
    factories.make_practice("Een")

    response = client.get(path)

    assert response.status_code == 200
    policy = csp(response)
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'self'" in policy["script-src"]
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_inline_scripts_on_public_pages_carry_the_nonce(client, practice_index):
    response = client.get("/")
    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    for tag in re.findall(r"<script\b[^>]*>", html):
        if "src=" in tag or "application/ld+json" in tag or "application/json" in tag:
            continue
        assert nonce and f'nonce="{nonce.group(1)}"' in tag, tag


def test_the_admin_has_its_own_policy(client, editor):
    client.force_login(editor)

    response = client.get("/admin/")

    policy = csp(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert "nonce" not in policy["script-src"]
    assert policy["frame-ancestors"] == "'self'"
    assert policy["object-src"] == "'none'"


def test_served_documents_keep_wagtails_own_policy(client, practice_index):
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document

    document = Document(title="Los")
    document.file.save("los.txt", ContentFile(b"x"), save=True)

    assert client.get(document.url)["Content-Security-Policy"] == "default-src 'none'"


@override_settings(SECURITY_CONTACT="security@kennisportaal.example")
def test_security_txt(client):
    response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Contact: mailto:security@kennisportaal.example" in text
    expires = re.search(r"^Expires: (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)$", text, re.M)
    assert expires
    from datetime import UTC, datetime

    expiry = datetime.strptime(expires.group(1), "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=UTC
    )
    days = (expiry - datetime.now(UTC)).days
    assert 0 < days < 365  # RFC 9116: less than a year ahead


@override_settings(SECURITY_CONTACT="")
def test_no_security_txt_without_a_contact(client):
    assert client.get("/.well-known/security.txt").status_code == 404


def test_django_admin_is_off_outside_development(client):
    assert client.get("/django-admin/").status_code == 404


def test_the_kept_policy_is_the_one_django_csp_builds(rf, practice_index):
    """The header kept per kind of path equals django-csp's own, for both kinds."""
    from django.http import HttpResponse

    from csp.middleware import CSPMiddleware

    from portal.csp import PortalCSPMiddleware

    for path in ["/", "/admin/"]:
        kept = PortalCSPMiddleware(lambda r: HttpResponse())
        built = kept.get_policy_parts  # the admin policy comes from our override
        stock = CSPMiddleware(lambda r: HttpResponse())
        stock.get_policy_parts = built
        for _ in range(2):  # the second answer comes from the kept header
            request = rf.get(path)
            ours = kept.process_response(request, HttpResponse())
        expected = stock.process_response(rf.get(path), HttpResponse())
        assert ours["Content-Security-Policy"] == expected["Content-Security-Policy"]


def test_a_policy_setting_change_is_seen_at_once(client, practice_index):
    before = csp(client.get("/"))
    assert "https://example.org" not in before["img-src"]
    directives = {
        "DIRECTIVES": {"default-src": ["'self'"], "img-src": ["https://example.org"]}
    }

    with override_settings(CONTENT_SECURITY_POLICY=directives):
        assert csp(client.get("/"))["img-src"] == "https://example.org"

    assert csp(client.get("/")) == before


def test_a_nonce_used_by_a_page_is_in_its_header(rf):
    """A response that asked for a nonce gets it in script-src, every time anew."""
    from django.http import HttpResponse

    from portal.csp import PortalCSPMiddleware

    middleware = PortalCSPMiddleware(lambda r: HttpResponse())
    seen = set()
    for _ in range(2):
        request = rf.get("/")
        middleware.process_request(request)
        nonce = str(request.csp_nonce)
        response = middleware.process_response(request, HttpResponse())
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        seen.add(nonce)
    assert len(seen) == 2
    plain = middleware.process_response(rf.get("/"), HttpResponse())
    assert "nonce" not in plain["Content-Security-Policy"]
