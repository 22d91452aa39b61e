"""The registration form by keyboard alone: a skip link straight to the form, an error
summary that takes focus and links to each field, focus on the new attendee row, and a
registration sent with the Enter key; zero axe violations on every state."""

from playwright.sync_api import expect

SESSION_TITLE = "Leerbijeenkomst Criminele jeugdgroepen: van signaal tot aanpak"

FOCUSED = "() => document.activeElement && (document.activeElement.id || document.activeElement.tagName)"


def focused_id(page):
    return page.evaluate(FOCUSED)


def tab_to(page, element_id, max_tabs=80):
    """Presses Tab until the element has focus, as a keyboard user would; returns the
    number of presses."""
    for presses in range(1, max_tabs + 1):
        page.keyboard.press("Tab")
        if focused_id(page) == element_id:
            return presses
    raise AssertionError(f"#{element_id} not reached with {max_tabs} presses of Tab")


def open_session(page):
    page.goto("/leerbijeenkomsten/")
    page.get_by_role("link", name=SESSION_TITLE).click()
    expect(page.locator("h1")).to_have_text(SESSION_TITLE)


def test_the_form_is_two_tabs_away_and_errors_take_focus(
    page, demo_site, assert_no_axe_violations
):
    open_session(page)
    # First stop: "Naar de inhoud"; second: straight to the form.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar het aanmeldformulier")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused_id(page) == "id_organisation_type_0"

    # Submitting the empty form: the summary takes focus and names every problem.
    tab_to(page, "registration-submit")
    page.keyboard.press("Enter")
    summary = page.locator("#aanmelden-fout")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Deelnemer 1: Naam")
    expect(summary).not_to_contain_text("formulier")  # no Django formset jargon
    assert_no_axe_violations(page)

    # Each entry links to its field: Tab to the contact name's link, Enter, and type.
    link = summary.get_by_role("link", name="Naam contactpersoon", exact=False).first
    link.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(page.locator("#id_contact_name")).to_be_focused()


def test_register_by_keyboard_with_focus_on_the_new_attendee(
    page, demo_site, assert_no_axe_violations
):
    open_session(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # "Een gemeente"
    tab_to(page, "id_municipality")
    page.keyboard.type("Rotterdam")
    tab_to(page, "id_contact_name")
    page.keyboard.type("Carla Coördinator")
    page.keyboard.press("Tab")
    page.keyboard.type("carla@rotterdam.example")
    tab_to(page, "id_deelnemers-0-name")
    page.keyboard.type("Anna de Vries")
    page.keyboard.press("Tab")
    page.keyboard.type("anna@rotterdam.example")

    # "Nog een deelnemer toevoegen" reloads the form: focus lands on the new row.
    add = page.get_by_role("button", name="Nog een deelnemer toevoegen")
    tab_to(page, add.get_attribute("id") or "add-attendee")
    page.keyboard.press("Enter")
    expect(page.locator("#id_deelnemers-1-name")).to_be_focused()
    expect(page.locator("#id_deelnemers-0-name")).to_have_value("Anna de Vries")
    assert_no_axe_violations(page)
    page.keyboard.type("Bram Jansen")
    page.keyboard.press("Tab")
    page.keyboard.type("bram@rotterdam.example")

    tab_to(page, "id_consent")
    page.keyboard.press("Space")
    tab_to(page, "registration-submit")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Uw aanmelding is bevestigd")
    expect(page.locator("main")).to_contain_text("Bram Jansen")
