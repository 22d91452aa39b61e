"""The practices section of the home page, and the demo content."""

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from home.models import HomePageFeaturedPractice, Theme
from practices.models import Contributor, PracticePage
from tests.factories import make_practice


def home_queries(client):
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.django_db
def test_home_shows_featured_latest_and_themes(client, home_page, practice_index):
    featured = make_practice("Uitgelicht")
    draft = make_practice("Uitgelicht concept", live=False)
    for position, practice in enumerate([draft, featured]):
        HomePageFeaturedPractice.objects.create(
            page=home_page, practice=practice, sort_order=position
        )
    for number in range(8):
        make_practice(f"Recent {number}")

    _, response = home_queries(client)
    html = response.content.decode()

    assert "Uitgelichte praktijken" in html and "Uitgelicht</a>" in html
    assert "Uitgelicht concept" not in html
    latest = html.split('id="latest-practices-heading"')[1]
    assert latest.count('class="card practice-card"') == 6
    assert "Recent 0" in latest and "Recent 7" not in latest  # newest first
    for theme in Theme.objects.all():
        assert f'href="/praktijken/?thema={theme.slug}"' in html


@pytest.mark.django_db
def test_home_query_count_is_fixed(client, home_page, practice_index):
    for _ in range(3):
        practice = make_practice(themes=["witwassen", "zorgfraude"])
        HomePageFeaturedPractice.objects.create(page=home_page, practice=practice)
    make_practice()  # so the latest list is not empty (an empty list skips a prefetch)
    few, _ = home_queries(client)
    for _ in range(20):
        make_practice(themes=["witwassen", "drugscriminaliteit"])
    for _ in range(3):
        HomePageFeaturedPractice.objects.create(
            page=home_page, practice=make_practice()
        )
    many, _ = home_queries(client)

    assert many == few


@pytest.mark.django_db
def test_demo_content_is_complete_and_idempotent(settings, tmp_path):
    settings.BASE_DIR = tmp_path  # the demo password file goes to tmp_path/var
    call_command("load_demo", verbosity=0)
    counts = (
        PracticePage.objects.live().count(),
        HomePageFeaturedPractice.objects.count(),
        Contributor.objects.count(),
    )
    practices = PracticePage.objects.live()

    assert counts[0] >= 30
    assert practices.values("lead_municipality").distinct().count() >= 15
    assert practices.values("lead_municipality__riec_region").distinct().count() >= 5
    assert all("Fictief voorbeeld" in p.summary for p in practices)
    for field, choices in [
        ("status", PracticePage.Status),
        ("evidence_level", PracticePage.EvidenceLevel),
        ("kind", PracticePage.Kind),
    ]:
        assert set(practices.values_list(field, flat=True)) == set(choices.values)
    assert set(practices.values_list("themes__slug", flat=True)) == set(
        Theme.objects.values_list("slug", flat=True)
    )
    assert set(practices.values_list("tracks__slug", flat=True)) == {
        "groep",
        "persoon-en-gezin",
        "domein-en-gebied",
    }
    contributor = Contributor.objects.get(user__username="bijdrager-rotterdam")
    assert contributor.municipality.cbs_code == "GM0599"
    assert (tmp_path / "var" / "bijdrager-rotterdam-password").exists()

    call_command("load_demo", verbosity=0)

    assert (
        PracticePage.objects.live().count(),
        HomePageFeaturedPractice.objects.count(),
        Contributor.objects.count(),
    ) == counts
    assert PracticePage.objects.count() == counts[0]
