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

    # With JavaScript a ticked value applies at once (no "Filters toepassen").
    theme = page.locator("fieldset.search-facet", has_text="Thema")
    with page.expect_navigation():
        theme.locator("input[type=checkbox]").first.check()
    evidence = page.locator("fieldset.search-facet", has_text="Mate van bewijs")
    with page.expect_navigation():
        evidence.locator("input[type=checkbox]").first.check()
    selected = page.locator(".search-selected__item")
    expect(selected).to_have_count(2)
    assert_no_axe_violations(page)

    selected.first.get_by_role("link").click()
    expect(page.locator(".search-selected__item")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"q=witwassen"))
    assert_no_axe_violations(page)

    # A search without results offers a way out, and is accessible too.
    page.goto("/zoeken/?q=kernenergie")
    expect(page.locator(".search-empty")).to_contain_text("Veelgezochte thema’s")
    assert_no_axe_violations(page)
    # An unknown filter value: a 400 with the valid values, accessible too.
    page.goto("/zoeken/?q=witwassen&theme=bestaat-niet")
    expect(page.locator(".search-error")).to_contain_text("Geldige waarden")
    assert_no_axe_violations(page)

    page.goto("/zoeken/?q=witwassen")
    first_hit = page.locator(".search-hit__title a").first
    title = first_hit.inner_text()
    first_hit.click()
    expect(page.locator("h1")).to_have_text(title)


def test_search_by_keyboard_alone_on_a_phone(page, demo_site, assert_no_axe_violations):
    """At 375 px: the results come first, the filters sit behind "Filters"; a facet
    ticked with the space bar applies at once and focus stays on it."""
    call_command("rebuild_search_index", verbosity=0)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/zoeken/?q=jongeren")
    filters = page.locator("details.search-filters")
    expect(filters).not_to_have_attribute("open", "")
    first_hit = page.locator(".search-hit").first
    assert first_hit.bounding_box()["y"] < 1200  # was ≈ 3,600 px below the facets
    assert_no_axe_violations(page)

    # Tab from the query field to the "Filters" disclosure and open it with Enter.
    page.get_by_label("Zoekvraag").focus()
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate(
            "document.activeElement.classList.contains('search-filters__toggle')"
        ):
            break
    assert (
        page.evaluate("document.activeElement.textContent")
        .strip()
        .startswith("Filters")
    )
    page.keyboard.press("Enter")
    expect(filters).to_have_attribute("open", "")

    # The first theme by keyboard: Tab to it, Space ticks it, the page reloads.
    theme = page.locator("fieldset.search-facet", has_text="Thema")
    checkbox = theme.locator("input[type=checkbox]").first
    value = checkbox.get_attribute("value")
    for _ in range(40):
        if page.evaluate("document.activeElement.name") == "theme":
            break
        page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(rf"theme={value}"))
    expect(page.locator(".search-selected__item")).to_have_count(1)
    # Focus is back on the ticked checkbox, inside the opened disclosure.
    focused = page.evaluate(
        "[document.activeElement.name, document.activeElement.value,"
        " document.activeElement.checked]"
    )
    assert focused == ["theme", value, True]
    assert page.get_by_role("button", name="Filters toepassen").is_hidden()
    assert_no_axe_violations(page)


def test_facet_values_collapse_behind_toon_meer(page, demo_site):
    call_command("rebuild_search_index", verbosity=0)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/zoeken/")
    municipality = page.locator("fieldset.search-facet").filter(
        has=page.locator("legend", has_text=re.compile(r"^Gemeente$"))
    )
    expect(page.locator("details.search-filters")).to_have_attribute("open", "")
    visible = municipality.locator("input[type=checkbox]:visible")
    expect(visible).to_have_count(8)
    municipality.get_by_text("toon meer").click()
    assert municipality.locator("input[type=checkbox]:visible").count() > 8
