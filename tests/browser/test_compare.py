"""Comparing practices in a real browser: pick two by keyboard on the listing, submit,
see the table (and one card per practice on a phone), the theme matrix, with zero
axe-core violations on every page."""

import re

import pytest
from playwright.sync_api import expect

from practices.models import ThemeDossierIndexPage, ThemeDossierPage
from tests import factories


@pytest.fixture
def compare_site(transactional_db, django_db_serialized_rollback):
    """Three practices on one theme and its dossier, committed for the live server."""
    index = factories.make_practice_index()
    practices = [
        factories.make_practice(
            f"Aanpak {name}",
            municipality=code,
            tracks=["groep"],
            interventions=["bestuurlijk"],
            results="<p>Minder overlast</p>",
            index=index,
        )
        for name, code in (
            ("Rotterdam", "GM0599"),
            ("Den Haag", "GM0518"),
            ("Utrecht", "GM0344"),
        )
    ]
    dossiers = ThemeDossierIndexPage(title="Thema's", slug="themas")
    index.get_parent().add_child(instance=dossiers)
    dossiers.add_child(
        instance=ThemeDossierPage(
            title="Witwassen",
            slug="witwassen",
            theme=factories.theme("witwassen"),
            introduction="<p>Over witwassen.</p>",
        )
    )
    return practices


def tab_until(page, selector, max_tabs=60):
    script = f"() => document.activeElement.matches({selector!r})"
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if page.evaluate(script):
            return
    raise AssertionError(f"{selector} was not reached with {max_tabs} tabs")


def test_pick_two_practices_by_keyboard_and_compare_them(
    page, compare_site, assert_no_axe_violations
):
    first, second, _third = sorted(compare_site, key=lambda p: p.pk)
    page.goto("/praktijken/")
    assert_no_axe_violations(page)

    # Keyboard only: Tab to a practice's checkbox, Space, the next one, Space, Tab to
    # the button, Enter.
    page.locator("h1").focus()
    tab_until(page, f"input[name=p][value='{first.pk}']")
    page.keyboard.press("Space")
    tab_until(page, f"input[name=p][value='{second.pk}']")
    page.keyboard.press("Space")
    tab_until(page, "button.compare-form__submit")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/praktijken/vergelijk/\?p=\d+&p=\d+$"))
    expect(page.locator("h1")).to_have_text("Praktijken vergelijken")
    table = page.locator("table.compare-table")
    expect(table).to_be_visible()
    expect(table.locator("thead th")).to_have_count(2)
    expect(table.locator("thead th").first).to_contain_text(first.title)
    expect(table.locator("tr.compare-row--results td").first).to_have_text(
        "Minder overlast"
    )
    expect(page.get_by_role("link", name="Download als CSV")).to_be_visible()
    assert_no_axe_violations(page)

    # A phone: one card per practice, no table.
    page.set_viewport_size({"width": 375, "height": 812})
    expect(table).to_be_hidden()
    cards = page.locator("article.compare-card")
    expect(cards).to_have_count(2)
    expect(cards.first).to_be_visible()
    assert_no_axe_violations(page)

    # One practice is too few: a Dutch message and a 400.
    response = page.goto(f"/praktijken/vergelijk/?p={first.pk}")
    assert response.status == 400
    expect(page.get_by_role("alert")).to_contain_text("Kies minstens 2")
    assert_no_axe_violations(page)


def test_theme_matrix_from_the_dossier(page, compare_site, assert_no_axe_violations):
    page.goto("/themas/witwassen/")
    page.get_by_role("link", name=re.compile("Gemeenten vergeleken")).click()
    expect(page.locator("h1")).to_contain_text("Gemeenten vergeleken")
    expect(page.locator("table.theme-matrix tbody tr")).to_have_count(3)
    assert_no_axe_violations(page)
