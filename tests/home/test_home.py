"""The home app: page-type rules, the home and statement pages, reference data, 404."""

from django.db.models import Count

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from home.models import (
    CityNetwork,
    HomePage,
    InterventionType,
    Municipality,
    PartnerType,
    RiecRegion,
    StandardPage,
    Theme,
    Track,
)
from tests.factories import make_home_page


class HomePageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home_page()

    def setUp(self):
        self.login()

    def test_home_page_only_at_the_root_and_only_once(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))

    def test_home_page_renders(self):
        self.assertPageIsRenderable(self.home)

    def test_statement_page_created_through_the_admin_and_renders(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Toegankelijkheidsverklaring",
                    "slug": "toegankelijkheidsverklaring",
                    "introduction": "Iedereen moet dit portaal kunnen gebruiken.",
                    "body": streamfield(
                        [("paragraph", rich_text("<p>WCAG 2.1 AA.</p>"))]
                    ),
                }
            ),
        )
        page = StandardPage.objects.get(slug="toegankelijkheidsverklaring")
        page.save_revision().publish()
        response = self.client.get(page.url)
        self.assertContains(response, "WCAG 2.1 AA.")


@pytest.mark.django_db
def test_all_municipalities_with_unique_codes_and_a_region():
    assert Municipality.objects.count() == 342
    codes = Municipality.objects.values_list("cbs_code", flat=True)
    assert len(set(codes)) == 342
    assert all(code.startswith("GM") and len(code) == 6 for code in codes)
    assert not Municipality.objects.filter(riec_region__isnull=True).exists()
    assert RiecRegion.objects.count() == 10
    assert not RiecRegion.objects.annotate(n=Count("municipalities")).filter(n=0)


@pytest.mark.django_db
def test_vocabularies_have_starting_values():
    assert Theme.objects.count() >= 10
    assert InterventionType.objects.filter(slug="bestuurlijk").exists()
    assert PartnerType.objects.filter(slug="politie").exists()
    assert set(Track.objects.values_list("slug", flat=True)) == {
        "groep",
        "persoon-en-gezin",
        "domein-en-gebied",
    }
    g4 = CityNetwork.objects.get(slug="g4")
    assert set(g4.members.values_list("cbs_code", flat=True)) == {
        "GM0363",
        "GM0599",
        "GM0518",
        "GM0344",
    }
    assert CityNetwork.objects.filter(kind=CityNetwork.Kind.RIEC).count() == 10


@pytest.mark.django_db
def test_404_page_is_dutch(client, home_page):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
    assert '<html lang="nl"' in response.content.decode()
