"""The look on any screen (issue 12, item 7): nothing overflows sideways at 320 px on
any page type, the header stays compact on a phone, breadcrumbs never start a line
with a separator, and the header search box has a visible label."""

import pytest
from playwright.sync_api import expect

OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")]
        .filter((el) => {
            const box = el.getBoundingClientRect();
            return box.width > 0 && box.right > width + 1;
        })
        .filter((el) => !el.closest(".visually-hidden, .skip-link, [hidden]"))
        // Inside a box that scrolls sideways (a wide table's region) is fine, as
        // long as that box itself fits: it is checked as an element of its own.
        .filter((el) => {
            for (let box = el.parentElement; box; box = box.parentElement) {
                if (["auto", "scroll"].includes(getComputedStyle(box).overflowX)
                    && box !== document.documentElement && box !== document.body) {
                    return false;
                }
            }
            return true;
        })
        .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
    return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


def page_types(page):
    """One address of every public page type in the demo content."""
    page.goto("/praktijken/")
    practice = page.locator(".practice-list > li h3 a").first.get_attribute("href")
    picks = page.locator(".practice-list input[name=p]")
    compare = "/praktijken/vergelijk/?" + "&".join(
        f"p={picks.nth(number).get_attribute('value')}" for number in range(4)
    )
    page.goto("/leerbijeenkomsten/")
    session = page.locator(".session-card__title a").first.get_attribute("href")
    page.goto("/leerbijeenkomsten/?periode=afgelopen")
    past = page.locator(".session-card__title a").first.get_attribute("href")
    return [
        "/",
        "/praktijken/",
        "/praktijken/?thema=witwassen",
        practice,
        compare,
        "/themas/",
        "/themas/witwassen/",
        "/themas/witwassen/gemeenten/",
        "/leerbijeenkomsten/",
        session,
        past,
        "/zoeken/?q=vastgoed",
        "/zoeken/?q=xyzzy",
        "/toegankelijkheidsverklaring/",
        "/privacyverklaring/",
        "/bestaat-niet/",
        "/en/",
        "/en/themas/witwassen/",
    ]


@pytest.mark.parametrize("width", [320, 375])
def test_nothing_overflows_sideways_on_a_phone(page, demo_site, width):
    page.set_viewport_size({"width": width, "height": 800})
    for path in page_types(page):
        page.goto(path)
        result = page.evaluate(OVERFLOW)
        assert result["scroll"] <= result["width"], (path, result)
        assert not result["wide"], (path, result)


def test_every_page_type_has_no_axe_violations_on_a_phone(
    page, demo_site, assert_no_axe_violations
):
    # The other browser tests run axe at desktop width; a phone hides, folds and
    # re-flows parts (the compare cards, the search filters, the header).
    page.set_viewport_size({"width": 375, "height": 800})
    for path in page_types(page):
        page.goto(path)
        assert_no_axe_violations(page)


def test_the_theme_matrix_keeps_whole_words_and_scrolls_in_its_own_box(page, demo_site):
    # Its cells once broke names letter by letter ("Al/m/e/r/e") to squeeze the table
    # into a phone; now the table keeps its width and its region scrolls sideways.
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/themas/witwassen/gemeenten/")
    row_header = page.locator("table.theme-matrix tbody th").first
    line_height = row_header.evaluate(
        "(el) => parseFloat(getComputedStyle(el).lineHeight)"
    )
    assert row_header.evaluate("(el) => el.clientHeight") < 3 * line_height
    # No column narrower than a short word ("Groep"): letter-by-letter columns are
    # about one character wide.
    narrow = page.evaluate(
        """() => [...document.querySelectorAll('.theme-matrix th')]
            .filter((th) => th.getBoundingClientRect().width
                < 2.5 * parseFloat(getComputedStyle(th).fontSize))
            .map((th) => th.textContent.trim())"""
    )
    assert not narrow
    region = page.locator(".theme-matrix-wrapper")
    assert region.evaluate("(el) => el.scrollWidth > el.clientWidth")
    assert region.get_attribute("tabindex") == "0"  # scrollable by keyboard


def test_registration_errors_fit_a_phone(page, demo_site):
    # The error summary once put its title and list side by side, and the consent
    # checkbox's error ran down its narrow column one syllable per line.
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/leerbijeenkomsten/")
    page.locator(".session-card__title a").first.click()
    page.locator("#registration-submit").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    # All boxes measured at once (focus may still be scrolling the page).
    box = page.evaluate(
        """() => Object.fromEntries(Object.entries({
            title: ".error-summary__title",
            entries: ".error-summary__list",
            error: "#id_consent_error",
            checkbox: "#id_consent",
            label: "label[for=id_consent]",
        }).map(([name, selector]) => {
            const r = document.querySelector(selector).getBoundingClientRect();
            return [name, {y: r.top + scrollY, height: r.height, width: r.width}];
        }))"""
    )
    assert box["entries"]["y"] >= box["title"]["y"] + box["title"]["height"] - 1
    assert box["error"]["width"] > 200
    # The error above the checkbox, the label beside it.
    assert box["error"]["y"] + box["error"]["height"] <= box["checkbox"]["y"] + 1
    assert abs(box["label"]["y"] - box["checkbox"]["y"]) < box["checkbox"]["height"]


def test_the_phone_header_is_compact_and_names_the_ministries(page, demo_site):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/")
    height = page.evaluate("() => document.querySelector('header').offsetHeight")
    assert height <= 120
    expect(page.locator(".site-wordmark")).to_contain_text("Kennisportaal")
    expect(page.locator(".site-wordmark")).to_contain_text("BZK en JenV")
    # The search form gives way to a link in the navigation.
    expect(page.locator(".site-nav__search a")).to_be_visible()
    page.locator(".site-nav__search a").click()
    expect(page.locator("h1")).to_have_text("Zoeken")


def test_the_wide_header_names_the_ministries_and_labels_the_search_box(
    page, demo_site, assert_no_axe_violations
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    expect(page.locator(".site-header__ministries")).to_contain_text(
        "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
    )
    expect(page.locator(".site-header__ministries")).to_contain_text(
        "Ministerie van Justitie en Veiligheid"
    )
    label = page.locator("label[for=site-search-q]")
    expect(label).to_be_visible()
    expect(label).to_have_text("Zoeken in het portaal")
    box = label.bounding_box()
    assert box["width"] > 50 and box["height"] > 10  # really visible, not clipped
    assert_no_axe_violations(page)


def test_headings_fit_a_phone(page, demo_site):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/praktijken/")
    practice = page.locator(".practice-list > li h3 a").first.get_attribute("href")
    page.goto(practice)
    h1 = page.locator("h1")
    lines = h1.evaluate(
        "(el) => Math.round(el.offsetHeight / parseFloat(getComputedStyle(el).lineHeight))"
    )
    assert lines <= 4


def test_breadcrumbs_never_start_a_line_with_a_separator(page, demo_site):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/praktijken/")
    practice = page.locator(".practice-list > li h3 a").first.get_attribute("href")
    for width in (1280, 700, 375, 320):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(practice)
        items = page.locator("nav.breadcrumbs li:visible")
        assert items.count() >= 1
        # A separator belongs to the end of the item before it (::after), never to the
        # start of one (::before would strand it at the start of a wrapped line).
        before = items.first.evaluate(
            "(el) => getComputedStyle(el, '::before').content"
        )
        assert "›" not in before, width
        expect(page.locator("nav.breadcrumbs")).not_to_contain_text(
            page.locator("h1").inner_text()
        )


def test_favicon_is_linked_and_served(page, demo_site):
    page.goto("/")
    icon = page.locator("link[rel=icon]").get_attribute("href")
    response = page.request.get(icon)
    assert response.status == 200
    assert page.request.get("/favicon.ico").status == 200
