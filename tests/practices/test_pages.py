"""Page-type rules and creation through the admin form for each practices page type."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from home.models import HomePage, StandardPage
from practices.models import MunicipalityPracticesPage, PracticeIndexPage, PracticePage
from practices.roles import ensure_municipality_folder
from tests import factories


def practice_form_data(municipality, **overrides):
    data = {
        "title": "Nieuwe aanpak in de wijk",
        "slug": "nieuwe-aanpak-in-de-wijk",
        "kind": "goede-praktijk",
        "lead_municipality": municipality.pk,
        "summary": "Wat we deden en wat het opleverde.",
        "problem": rich_text("<p>Criminele investeringen in panden.</p>"),
        "approach": streamfield(
            [("paragraph", rich_text("<p>Integrale controles.</p>"))]
        ),
        "tags": "bibob, pandenaanpak",
        "status": "lopend",
        "evidence_level": "praktijkervaring",
        "documents": inline_formset([]),
        "related_practice_links": inline_formset([]),
    }
    data.update(overrides)
    form_data = nested_form_data(data)
    # Multiple-choice fields go as lists (nested_form_data would number them).
    form_data["themes"] = [factories.theme("witwassen").pk]
    form_data["tracks"] = [factories.track("domein-en-gebied").pk]
    return form_data


class PracticePageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = factories.make_home_page()
        cls.index = factories.make_practice_index(cls.home)
        cls.rotterdam = factories.municipality("GM0599")
        cls.folder, _ = ensure_municipality_folder(cls.rotterdam, cls.index)

    def setUp(self):
        self.login()  # a superuser

    def test_parent_and_child_rules(self):
        self.assertAllowedParentPageTypes(PracticeIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PracticeIndexPage, {MunicipalityPracticesPage})
        self.assertAllowedParentPageTypes(
            MunicipalityPracticesPage, {PracticeIndexPage}
        )
        self.assertAllowedSubpageTypes(MunicipalityPracticesPage, {PracticePage})
        self.assertAllowedParentPageTypes(PracticePage, {MunicipalityPracticesPage})
        self.assertAllowedSubpageTypes(PracticePage, set())
        self.assertCanNotCreateAt(HomePage, PracticePage)
        self.assertCanNotCreateAt(StandardPage, PracticeIndexPage)
        self.assertCanNotCreateAt(Page, PracticeIndexPage)

    def test_only_one_index(self):
        # max_count = 1 and one exists already.
        self.assertFalse(PracticeIndexPage.can_create_at(self.home))

    def test_create_index_through_the_admin_form(self):
        PracticeIndexPage.objects.all().delete()
        self.assertCanCreateAt(HomePage, PracticeIndexPage)
        self.assertCanCreate(
            self.home,
            PracticeIndexPage,
            nested_form_data(
                {"title": "Praktijken", "slug": "praktijken", "introduction": "Intro"}
            ),
        )
        index = PracticeIndexPage.objects.get()
        # The review workflow is attached from the start.
        self.assertEqual(index.get_workflow().name, "Redactionele beoordeling")

    def test_create_practice_through_the_admin_form(self):
        self.assertCanCreateAt(MunicipalityPracticesPage, PracticePage)
        self.assertCanCreate(
            self.folder, PracticePage, practice_form_data(self.rotterdam)
        )
        practice = PracticePage.objects.get(slug="nieuwe-aanpak-in-de-wijk")
        self.assertEqual(practice.lead_municipality, self.rotterdam)
        self.assertEqual(
            sorted(practice.tags.values_list("name", flat=True)),
            ["bibob", "pandenaanpak"],
        )

    def test_lead_municipality_is_fixed_to_the_folder(self):
        amsterdam = factories.municipality("GM0363")
        url = f"/admin/pages/add/practices/practicepage/{self.folder.pk}/"
        response = self.client.post(url, practice_form_data(amsterdam))
        # The field is disabled (issue 11): a posted other municipality is ignored and
        # the folder's municipality is stored.
        self.assertEqual(response.status_code, 302)
        practice = PracticePage.objects.get(slug="nieuwe-aanpak-in-de-wijk")
        self.assertEqual(practice.lead_municipality, self.rotterdam)

    def test_evidence_above_practice_needs_an_assessment_date(self):
        url = f"/admin/pages/add/practices/practicepage/{self.folder.pk}/"
        response = self.client.post(
            url, practice_form_data(self.rotterdam, evidence_level="erkend")
        )
        self.assertContains(response, "datum van de laatste beoordeling")
        self.assertFalse(PracticePage.objects.filter(slug="nieuwe-aanpak-in-de-wijk"))

    def test_pages_are_renderable(self):
        practice = factories.make_practice(index=self.index, municipality="GM0599")
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(practice)
        self.assertPageIsRenderable(self.folder, accept_redirect=True)
        self.assertPageIsPreviewable(
            practice, post_data=practice_form_data(self.rotterdam)
        )
