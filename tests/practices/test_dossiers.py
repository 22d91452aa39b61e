"""Theme dossiers: page rules, creation through the admin form, the curated and the
automatic parts, links from the home page and practice pages, and fixed query counts."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from home.models import HomePage, StandardPage
from practices.models import (
    PracticeIndexPage,
    ThemeDossierFeaturedPractice,
    ThemeDossierIndexPage,
    ThemeDossierPage,
)
from tests import factories
from tests.practices.builders import make_session


def make_dossier_index(home):
    index = ThemeDossierIndexPage.objects.first()
    if index is None:
        index = ThemeDossierIndexPage(title="Themadossiers", slug="themas")
        home.add_child(instance=index)
    return index


def make_dossier(home, theme_slug="witwassen", featured=()):
    dossier = ThemeDossierPage(
        title=f"Dossier {theme_slug}",
        slug=theme_slug,
        theme=factories.theme(theme_slug),
        introduction="<p>Waarom dit thema ertoe doet.</p>",
    )
    dossier.featured_practices = [
        ThemeDossierFeaturedPractice(practice=practice) for practice in featured
    ]
    make_dossier_index(home).add_child(instance=dossier)
    return dossier


class ThemeDossierPageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = factories.make_home_page()
        factories.make_practice_index(cls.home)

    def setUp(self):
        self.login()

    def test_parent_and_child_rules(self):
        self.assertAllowedParentPageTypes(ThemeDossierIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ThemeDossierIndexPage, {ThemeDossierPage})
        self.assertAllowedParentPageTypes(ThemeDossierPage, {ThemeDossierIndexPage})
        self.assertAllowedSubpageTypes(ThemeDossierPage, set())
        self.assertCanCreateAt(HomePage, ThemeDossierIndexPage)
        self.assertCanNotCreateAt(HomePage, ThemeDossierPage)
        self.assertCanNotCreateAt(StandardPage, ThemeDossierIndexPage)
        self.assertCanNotCreateAt(PracticeIndexPage, ThemeDossierPage)
        self.assertCanNotCreateAt(Page, ThemeDossierIndexPage)

    def test_create_index_and_dossier_through_the_admin_form(self):
        self.assertCanCreate(
            self.home,
            ThemeDossierIndexPage,
            nested_form_data(
                {"title": "Themadossiers", "slug": "themas", "introduction": "Intro"}
            ),
        )
        index = ThemeDossierIndexPage.objects.get()
        self.assertFalse(ThemeDossierIndexPage.can_create_at(self.home))  # max_count
        practice = factories.make_practice("Uitgelicht", themes=["witwassen"])
        self.assertCanCreate(
            index,
            ThemeDossierPage,
            nested_form_data(
                {
                    "title": "Witwassen",
                    "slug": "witwassen",
                    "theme": factories.theme("witwassen").pk,
                    "introduction": rich_text("<p>Intro</p>"),
                    "featured_practices": inline_formset([{"practice": practice.pk}]),
                    "key_figures": inline_formset(
                        [{"value": "1 op 5", "label": "ondernemers", "source": ""}]
                    ),
                    "documents": inline_formset([]),
                }
            ),
        )
        dossier = ThemeDossierPage.objects.get()
        self.assertEqual(dossier.featured_practices.get().practice, practice)

    def test_pages_are_renderable(self):
        dossier = make_dossier(self.home)
        self.assertPageIsRenderable(dossier.get_parent().specific)
        self.assertPageIsRenderable(dossier)


@pytest.mark.django_db
def test_dossier_shows_curated_and_automatic_parts(client, home_page, practice_index):
    featured = factories.make_practice("Uitgelichte aanpak", themes=["witwassen"])
    factories.make_practice("Tweede aanpak", themes=["witwassen", "zorgfraude"])
    factories.make_practice("Zorgaanpak", themes=["zorgfraude"])
    off_theme = factories.make_practice("Niet in thema", themes=["zorgfraude"])
    factories.make_practice("Concept", themes=["witwassen"], live=False)
    dossier = make_dossier(home_page, featured=[featured, off_theme])
    make_session("Komende sessie", days=10, themes=["witwassen"])
    make_session("Vorige sessie", days=-10, themes=["witwassen"])
    make_session("Andere sessie", days=10, themes=["zorgfraude"])

    html = client.get(dossier.url).content.decode()

    assert "Waarom dit thema ertoe doet." in html
    featured_part = html.split('id="featured-heading"')[1].split("</section>")[0]
    assert "Uitgelichte aanpak" in featured_part
    assert "Niet in thema" not in featured_part
    all_part = html.split('id="all-practices-heading"')[1]
    assert "Alle 2 praktijken over dit thema" in all_part
    assert "Tweede aanpak" in all_part and "Concept" not in all_part
    assert "Komende sessie" in html and "Vorige sessie" in html
    assert "Andere sessie" not in html
    assert "?thema=witwassen" in html


@pytest.mark.django_db
def test_home_and_practice_pages_link_to_the_dossier(client, home_page, practice_index):
    practice = factories.make_practice("Aanpak", themes=["witwassen", "zorgfraude"])
    dossier = make_dossier(home_page)

    home_html = client.get("/").content.decode()
    practice_html = client.get(practice.url).content.decode()

    assert f'href="{dossier.url}"' in home_html
    assert 'href="/praktijken/?thema=zorgfraude"' in home_html  # no dossier yet
    assert f'href="{dossier.url}"' in practice_html
    assert "Themadossiers" in practice_html


@pytest.mark.django_db
def test_bad_page_number_is_no_error(client, home_page, practice_index):
    dossier = make_dossier(home_page)
    for value in ("999", "x", "-1"):
        assert client.get(dossier.url, {"page": value}).status_code == 200


@pytest.mark.django_db
def test_dossier_query_count_does_not_grow(client, home_page, practice_index):
    dossier = make_dossier(home_page)

    def queries(extra):
        for number in range(extra):
            practice = factories.make_practice(themes=["witwassen"], tags=["bibob"])
            dossier.featured_practices.create(practice=practice)
            make_session(days=number - 3, themes=["witwassen"])
        client.get(dossier.url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(dossier.url)
        assert response.status_code == 200
        return len(captured)

    assert queries(2) == queries(10)
