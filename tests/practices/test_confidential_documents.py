"""Documents reachable only from restricted details, or filed in a restricted
collection, are served only to those who may read restricted details."""

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def make_document(title="Verslag", collection=None):
    document = Document(
        title=title, collection=collection or Collection.get_first_root_node()
    )
    document.file.save(f"{title.lower()}.txt", ContentFile(b"vertrouwelijk"), save=True)
    return document


def link(document):
    return f'<p><a linktype="document" id="{document.pk}">verslag</a></p>'


def practice_linking(document, field="restricted_details", **extra):
    practice = factories.make_practice(
        "Met document", with_revision=True, **{field: link(document)}, **extra
    )
    return practice


@pytest.fixture
def confidential(practice_index):
    document = make_document()
    practice_linking(document)
    return document


def test_visitors_get_the_login_page(client, confidential):
    response = client.get(confidential.url)

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_users_without_the_right_get_a_404(client, confidential):
    client.force_login(factories.make_user())

    assert client.get(confidential.url).status_code == 404


@pytest.mark.parametrize("role", ["contributor", "editor", "government_user"])
def test_government_users_get_the_file(client, confidential, role, request):
    client.force_login(request.getfixturevalue(role))

    response = client.get(confidential.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"vertrouwelijk"


def test_a_document_also_linked_publicly_is_public(client, practice_index):
    document = make_document("Openbaar")
    practice_linking(document)
    practice_linking(document, field="problem")

    assert client.get(document.url).status_code == 200


def test_a_link_in_a_draft_counts_too(client, practice_index):
    document = make_document("Concept")
    practice = factories.make_practice("Concept", with_revision=True)
    practice.restricted_details = link(document)
    practice.save_revision()  # draft only: not in Wagtail's reference index

    assert client.get(document.url).status_code == 302


def test_a_restricted_collection_needs_the_right_too(client, practice_index):
    root = Collection.get_first_root_node()
    secret = root.add_child(name="Vertrouwelijk")
    restriction = CollectionViewRestriction.objects.create(
        collection=secret, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = make_document("Notitie", collection=secret)

    assert client.get(document.url).status_code == 302
    client.force_login(factories.make_user())  # passes Wagtail's LOGIN restriction
    assert client.get(document.url).status_code == 404
    client.force_login(factories.make_government_user())
    assert client.get(document.url).status_code == 200
    assert restriction.pk


def test_an_unlinked_document_stays_public(client, practice_index):
    assert client.get(make_document("Los").url).status_code == 200


def test_documents_are_served_by_the_view_only(settings, client, confidential):
    from django.urls import Resolver404, resolve

    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert confidential.url.startswith("/documenten/")
    with pytest.raises(Resolver404):
        resolve(confidential.file.url)


def test_the_api_never_lists_documents(client, confidential):
    assert client.get("/api/v2/documents/").status_code == 404
    assert Group.objects.exists()
