"""The OpenAPI schema of the search API matches the server: schemathesis generates
requests from the schema (valid and odd values for every parameter) and checks every
response against it — status codes, content type, response schema, no 5xx. Runs on
SQLite, and on PostgreSQL when DATABASE_URL is set (make test runs both)."""

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import reverse

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from search.openapi import openapi_schema

from .conftest import rebuild_index


@pytest.fixture
def api_schema(site_builder):
    """The schema as the server generates it for this corpus (facet values are
    enumerated from the reference data)."""
    # Like Django's test client: the WSGI handler must not close the test
    # transaction's connection at the end of each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    site_builder.practice(
        "Witwassen via vastgoed",
        "Criminele investeringen in panden.",
        themes=["witwassen"],
        tags=["vastgoed"],
    )
    site_builder.practice(
        "Aanpak criminele jeugdgroepen",
        "Jongerenwerk en politie samen.",
        municipality="GM0599",
        tracks=["groep"],
    )
    rebuild_index()
    loaded = schemathesis.openapi.from_dict(openapi_schema("http://testserver/"))
    loaded.app = get_wsgi_application()
    yield loaded
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_the_api_does_what_its_schema_says(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {op.path for op in operations} == {"/api/zoeken/", "/zoeken/suggesties/"}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=60,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate()

        check()


def test_the_served_schema_is_the_one_tested(client, api_schema):
    served = client.get(reverse("search_openapi")).json()
    assert served["paths"] == api_schema.raw_schema["paths"]
    theme = next(
        p
        for p in served["paths"]["/api/zoeken/"]["get"]["parameters"]
        if p["name"] == "theme"
    )
    assert {"witwassen", "Witwassen"} <= set(theme["schema"]["items"]["enum"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["search", "search_api", "search_suggestions", "search_openapi"]
)
def test_a_wrong_method_is_405(client, name):
    assert client.post(reverse(name), {"q": "x"}).status_code == 405
    assert client.delete(reverse(name)).status_code == 405
