"""The contributor's admin screens in a real browser: dashboard, practice editor and
submitting for review, by keyboard where it matters, with zero axe-core violations on
the parts the portal adds and on the whole editor form; and a theme dossier page."""

import re

import pytest
from playwright.sync_api import expect

from practices.models import MunicipalityPracticesPage
from tests import factories
from tests.factories import PASSWORD

# The page editor as a whole, except two widgets that Wagtail 8 itself renders without an
# accessible name (reported upstream; not markup of ours): Draftail's rich-text boxes
# (aria-input-field-name) and the tag field's jQuery UI input (label).
EDITOR_FORM = {
    "include": [["#page-edit-form"]],
    "exclude": [[".Draftail-Editor [contenteditable]"], [".ui-autocomplete-input"]],
}


@pytest.fixture
def contributor_site(transactional_db, django_db_serialized_rollback):
    home = factories.make_home_page()
    index = factories.make_practice_index(home)
    factories.make_editor("redacteur-browser")
    return factories.make_contributor(
        "GM0599", username="bijdrager-browser", index=index
    )


def log_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label(re.compile("Gebruikersnaam|Username", re.I)).fill(username)
    page.get_by_label(re.compile("Wachtwoord|Password", re.I)).fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_contributor_dashboard_editor_and_submit(
    page, contributor_site, assert_no_axe_violations
):
    draft = factories.make_practice(
        "Browseraanpak in de wijk", municipality="GM0599", live=False
    )
    draft.owner = contributor_site
    draft.save()
    draft.save_revision(user=contributor_site)
    log_in(page, "bijdrager-browser")

    # Dashboard: the portal's panel, with "Nieuwe praktijk" and "Mijn praktijken".
    panel = page.locator(".contributor-practices")
    expect(panel).to_contain_text("Nieuwe praktijk voor Rotterdam")
    expect(panel).to_contain_text("Concept")
    assert_no_axe_violations(page, ".contributor-practices")

    # The editor, opened by keyboard from the dashboard link.
    page.get_by_role("link", name="Nieuwe praktijk voor Rotterdam").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/add/practices/practicepage/"), timeout=30_000)
    expect(page.locator("select[name=lead_municipality]")).to_be_disabled(
        timeout=30_000
    )
    assert_no_axe_violations(page, EDITOR_FORM)
    # A province of other municipalities opens and a box is ticked by keyboard.
    page.locator("summary", has_text="Utrecht").focus()
    page.keyboard.press("Enter")
    box = page.get_by_label("Utrechtse Heuvelrug")
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    page.locator("input[name=themes]").first.focus()
    page.keyboard.press("Space")
    expect(page.locator("input[name=themes]").first).to_be_checked()

    # Submit the prepared draft for review from its edit page.
    page.goto(f"/admin/pages/{draft.pk}/edit/", timeout=30_000)
    assert_no_axe_violations(page, EDITOR_FORM)
    submit = page.locator("button[name=action-submit]")
    if not submit.is_visible():
        page.locator("[data-w-dropdown-target=toggle]").last.click()
    submit.click()
    expect(page).to_have_url(re.compile(r"/admin/"))
    draft.refresh_from_db()
    assert draft.current_workflow_state is not None
    assert draft.current_workflow_state.status == "in_progress"

    page.goto("/admin/")
    expect(page.locator(".contributor-practices")).to_contain_text("Ter beoordeling")
    assert_no_axe_violations(page, ".contributor-practices")
    assert MunicipalityPracticesPage.objects.filter(
        municipality__cbs_code="GM0599"
    ).exists()


def test_theme_dossier_page_has_no_axe_violations(
    page, demo_site, assert_no_axe_violations
):
    page.goto("/themas/")
    expect(page.locator("h1")).to_have_text("Themadossiers")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Witwassen in de wijk").click()
    expect(page.locator("h1")).to_have_text("Witwassen in de wijk")
    assert_no_axe_violations(page)
