"""The practice listing and a detail page in a real browser: filtering with the form by
keyboard and clicks (no JavaScript needed), and zero axe-core violations."""

import re

from playwright.sync_api import expect

IS_SUBMIT = (
    "() => document.activeElement.matches('form.practice-filters button[type=submit]')"
)


def tab_to_submit_button(page, max_tabs=30):
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if page.evaluate(IS_SUBMIT):
            return
    raise AssertionError(f"the filter button was not reached with {max_tabs} tabs")


def test_filter_listing_by_keyboard_and_open_a_practice(
    page, demo_site, assert_no_axe_violations
):
    page.goto("/praktijken/")
    expect(page.locator("h1")).to_have_text("Praktijken")
    assert_no_axe_violations(page)
    total = page.locator(".practice-list > li").count()
    assert total == 12  # first page of the 30 demo practices

    # Keyboard: focus the theme filter, choose a theme, Tab to the button, Enter.
    theme = page.get_by_label("Thema", exact=True)
    theme.focus()
    theme.select_option("witwassen")
    tab_to_submit_button(page)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"thema=witwassen"))
    expect(page.locator(".practice-results__applied")).to_contain_text("Witwassen")
    expect(page.get_by_label("Thema", exact=True)).to_have_value("witwassen")

    # Clicks: add the region and apply with the button; both filters stay in the URL.
    page.get_by_label("RIEC-regio").select_option("rotterdam")
    page.get_by_role("button", name="Filters toepassen").click()
    expect(page).to_have_url(re.compile(r"thema=witwassen.*regio=rotterdam"))
    results = page.locator(".practice-list > li")
    expect(results.first).to_be_visible()
    assert results.count() < total
    assert_no_axe_violations(page)

    # An unknown value gives a notice, not an error page.
    response = page.goto("/praktijken/?thema=bestaat-niet&page=99")
    assert response.status == 200
    expect(page.locator(".practice-notices")).to_contain_text("niet toegepast")

    # Open a practice from the filtered list.
    page.goto("/praktijken/?thema=witwassen&regio=rotterdam")
    first = page.locator(".practice-list > li h3 a").first
    title = first.inner_text()
    first.click()
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("dl.key-facts")).to_contain_text("RIEC Rotterdam")
    expect(page.locator("nav.breadcrumbs")).to_contain_text("Praktijken")
    assert_no_axe_violations(page)


def test_detail_page_with_documents_and_related_practices(
    page, demo_site, assert_no_axe_violations
):
    page.goto("/praktijken/rotterdam/gebiedsgerichte-aanpak-jeugdgroep-oud-charlois/")

    expect(page.get_by_role("heading", name="Documenten")).to_be_visible()
    expect(page.get_by_role("heading", name="Verwante praktijken")).to_be_visible()
    expect(page.get_by_role("heading", name="Contactpersoon")).to_be_visible()
    # Anonymous visitors never see the restricted block.
    expect(page.get_by_role("heading", name="Vertrouwelijke details")).to_have_count(0)
    assert_no_axe_violations(page)

    theme_link = page.locator("dl.key-facts a[href*='thema=']").first
    theme_slug = theme_link.get_attribute("href").split("thema=")[1]
    theme_link.click()
    expect(page).to_have_url(re.compile(rf"/praktijken/\?thema={theme_slug}"))
    expect(page.get_by_label("Thema", exact=True)).to_have_value(theme_slug)


def test_listing_on_a_phone_shows_results_first_and_filters_by_keyboard(
    page, demo_site, assert_no_axe_violations
):
    """At 375 px the filters sit behind a closed "Filteren" disclosure, so the first
    practice is on the first screen; Enter opens it and filtering works as on a desktop.
    On a wide screen the disclosure is open."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/praktijken/")
    filters = page.locator("details.practice-filters__disclosure")
    expect(filters).not_to_have_attribute("open", "")
    first = page.locator(".practice-list > li").first
    assert first.bounding_box()["y"] < 800  # was below five dropdowns and a button
    assert_no_axe_violations(page)

    toggle = page.locator("summary.practice-filters__toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(filters).to_have_attribute("open", "")
    theme = page.get_by_label("Thema", exact=True)
    theme.focus()
    theme.select_option("witwassen")
    tab_to_submit_button(page)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"thema=witwassen"))
    # Closed again on the new page, and it says how many filters are chosen.
    expect(filters).not_to_have_attribute("open", "")
    expect(toggle).to_contain_text("(1 gekozen)")
    expect(page.locator(".practice-results__applied")).to_contain_text("Witwassen")
    assert_no_axe_violations(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    expect(filters).to_have_attribute("open", "")
    expect(page.get_by_label("Thema", exact=True)).to_have_value("witwassen")
