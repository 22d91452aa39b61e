"""The page skeleton in a real browser: skip link, language switch, axe-core, the 404 page."""

from urllib.parse import urlsplit

from playwright.sync_api import expect

MAX_TABS = 40
FOCUSED = """() => {
    const el = document.activeElement;
    return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        href: el.getAttribute("href"),
        text: el.textContent.trim(),
        inLanguageSwitch: Boolean(el.closest(".language-switch")),
    };
}"""


def focused(page):
    return page.evaluate(FOCUSED)


def tab_to_language_switch(page):
    """Presses Tab until the language switch's link has focus, as a keyboard user would."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        element = focused(page)
        if element["inLanguageSwitch"] and element["tag"] == "a":
            return element
    raise AssertionError(
        f"the language switch link was not reached with {MAX_TABS} presses of Tab"
    )


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(page, demo_site):
    page.goto("/")
    skip_link = page.locator("a.skip-link")
    expect(skip_link).not_to_be_in_viewport()

    page.keyboard.press("Tab")

    assert focused(page)["tag"] == "a"
    assert focused(page)["href"] == "#main"
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")

    expect(page.locator("main#main")).to_be_focused()
    assert page.url.endswith("#main")
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('main') !== null")


def test_language_switch_by_keyboard(page, demo_site, assert_no_axe_violations):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert_no_axe_violations(page)

    link = tab_to_language_switch(page)
    assert link["text"] == "English"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert urlsplit(page.url).path == "/en/"  # the same page, in English
    assert_no_axe_violations(page)

    link = tab_to_language_switch(page)
    assert link["text"] == "Nederlands"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert urlsplit(page.url).path == "/"
    # No cookie remembers a language: only the URL does.
    assert not [c for c in page.context.cookies() if c["name"] == "django_language"]


def test_unknown_address_gets_the_dutch_404_page(
    page, demo_site, assert_no_axe_violations
):
    response = page.goto("/deze-pagina-bestaat-niet/")

    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("h1")).to_contain_text("Pagina niet gevonden")
    assert_no_axe_violations(page)
