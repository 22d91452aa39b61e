"""Atom feeds of the listing and the public read API: valid, filtered, and never carrying
restricted details or contact details without consent."""

import json

import feedparser
import pytest

from tests.factories import make_government_user, make_practice

SECRET = "Geheime werkwijze XYZ"
HIDDEN_CONTACT = "verborgen@gemeente.example"
PUBLIC_CONTACT = "zichtbaar@gemeente.example"


@pytest.fixture
def practices(practice_index):
    return [
        make_practice(
            "Witwassen & vastgoed <aanpak>",
            themes=["witwassen"],
            restricted_details=f"<p>{SECRET}</p>",
            contact_name="Verborgen Persoon",
            contact_email=HIDDEN_CONTACT,
            contact_consent=False,
        ),
        make_practice(
            "Zorgfraude",
            themes=["zorgfraude"],
            contact_name="Zichtbare Persoon",
            contact_email=PUBLIC_CONTACT,
            contact_consent=True,
        ),
        make_practice("Concept", live=False, themes=["witwassen"]),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Witwassen & vastgoed <aanpak>", "Zorgfraude"}),
        ("?thema=witwassen", {"Witwassen & vastgoed <aanpak>"}),
        ("?thema=onbekend", {"Witwassen & vastgoed <aanpak>", "Zorgfraude"}),
        ("?gemeente=GM9999&page=abc", {"Witwassen & vastgoed <aanpak>", "Zorgfraude"}),
    ],
)
def test_feed_is_valid_atom_with_the_filtered_practices(
    client, practices, query, expected
):
    response = client.get(f"/praktijken/feed/{query}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert {entry.title for entry in feed.entries} == expected
    for entry in feed.entries:
        assert entry.link.startswith("http://testserver/praktijken/")


@pytest.mark.django_db
def test_feed_never_contains_restricted_or_unconsented_contact(client, practices):
    client.force_login(make_government_user())

    content = client.get("/praktijken/feed/").content.decode()

    assert SECRET not in content
    assert HIDDEN_CONTACT not in content
    assert PUBLIC_CONTACT not in content  # feeds carry no contact details at all


@pytest.mark.django_db
def test_listing_links_the_feed_of_the_same_selection(client, practices):
    html = client.get("/praktijken/?thema=witwassen&page=1").content.decode()

    assert (
        '<link rel="alternate" type="application/atom+xml"' in html
        and 'href="/praktijken/feed/?thema=witwassen"' in html
    )


def api(client, url):
    response = client.get(url)
    return response.status_code, json.loads(response.content)


@pytest.mark.django_db
def test_api_lists_live_practices_with_structured_fields(client, practices):
    status, data = api(client, "/api/v2/praktijken/?fields=*")

    assert status == 200
    assert data["meta"]["total_count"] == 2
    item = next(i for i in data["items"] if i["title"] == "Zorgfraude")
    assert item["lead_municipality"]["cbs_code"] == "GM0363"
    assert item["lead_municipality"]["riec_region"]["slug"] == "amsterdam-amstelland"
    assert item["themes"] == [{"slug": "zorgfraude", "name": "Zorgfraude"}]
    for field in [
        "kind",
        "status",
        "evidence_level",
        "period_start",
        "summary",
        "problem",
        "approach",
        "results",
        "lessons",
        "tracks",
        "intervention_types",
        "partner_types",
        "tags",
    ]:
        assert field in item
    assert item["contact"]["email"] == PUBLIC_CONTACT


@pytest.mark.django_db
def test_api_never_exposes_restricted_details_or_unconsented_contact(client, practices):
    client.force_login(make_government_user())
    restricted = practices[0]

    for url in ["/api/v2/praktijken/?fields=*", f"/api/v2/praktijken/{restricted.pk}/"]:
        content = client.get(url).content.decode()
        assert SECRET not in content
        assert HIDDEN_CONTACT not in content
    _, detail = api(client, f"/api/v2/praktijken/{restricted.pk}/")
    assert detail["contact"] is None
    assert "restricted_details" not in detail


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["?fields=restricted_details", "?fields=contact_email", "?type=home.HomePage"],
)
def test_api_refuses_hidden_fields_and_other_types(client, practices, query):
    status, data = api(client, f"/api/v2/praktijken/{query}")

    assert status == 400
    assert SECRET not in json.dumps(data)


@pytest.mark.django_db
def test_api_hides_drafts(client, practices):
    draft = practices[2]

    status, _ = api(client, f"/api/v2/praktijken/{draft.pk}/")

    assert status == 404
