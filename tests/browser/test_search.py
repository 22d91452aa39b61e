"""The search page in a real browser: search, select two facets, remove one, open a
result; zero axe-core violations on every state of the page (one test: the demo site
is built once)."""

import re

from django.core.management import call_command

from playwright.sync_api import expect


def test_search_select_two_facets_remove_one_and_open_a_result(
    page, demo_site, assert_no_axe_violations
):
    call_command("rebuild_search_index", verbosity=0)

    page.goto("/zoeken/")
    expect(page.locator("h1")).to_have_text("Zoeken")
    assert_no_axe_violations(page)

    page.get_by_label("Zoekvraag").fill("witwassen")
    page.locator("form.search-form").get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(re.compile(r"q=witwassen"))
    expect(page.locator("#search-results-heading")).to_contain_text("resultaten")
    expect(page.locator(".search-hit").first).to_be_visible()
    assert_no_axe_violations(page)

    theme = page.locator("fieldset.search-facet", has_text="Thema")
    theme.locator("input[type=checkbox]").first.check()
    evidence = page.locator("fieldset.search-facet", has_text="Mate van bewijs")
    evidence.locator("input[type=checkbox]").first.check()
    page.get_by_role("button", name="Filters toepassen").click()
    selected = page.locator(".search-selected__item")
    expect(selected).to_have_count(2)
    assert_no_axe_violations(page)

    selected.first.get_by_role("link").click()
    expect(page.locator(".search-selected__item")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"q=witwassen"))
    assert_no_axe_violations(page)

    # A search without results offers a way out, and is accessible too.
    page.goto("/zoeken/?q=witwasen&theme=bestaat-niet")
    expect(page.locator(".search-empty")).to_contain_text("Probeer eens")
    assert_no_axe_violations(page)
    page.go_back()

    first_hit = page.locator(".search-hit__title a").first
    title = first_hit.inner_text()
    first_hit.click()
    expect(page.locator("h1")).to_have_text(title)
