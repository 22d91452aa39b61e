"""The manage link by keyboard alone (issue 12): open the link from the confirmation
mail, then only Tab, Shift+Tab, Enter and Space to remove, change and add attendees and
to cancel the whole registration. After every reload focus lands on what happened: the
outcome, the error summary (whose links lead to the fields), the new row, or the
confirmation step; zero axe violations on every state."""

import re
from urllib.parse import urlsplit

from django.core import mail
from django.utils import timezone

from playwright.sync_api import expect

from events import services
from events.models import Registration, SessionPage

SESSION_TITLE = "Leerbijeenkomst Criminele jeugdgroepen: van signaal tot aanpak"
CONTACT = "carla@rotterdam.example"


def tab_until(page, target, *, max_tabs=80):
    """Presses Tab until the target (a CSS selector or a locator) has focus."""
    locator = page.locator(target) if isinstance(target, str) else target
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if locator.first.evaluate("(el) => el === document.activeElement"):
            return
    raise AssertionError(f"{target} not reached with {max_tabs} presses of Tab")


def manage_link_from_the_mail():
    session = SessionPage.objects.get(title=SESSION_TITLE)
    assert session.start > timezone.now()
    mail.outbox.clear()
    services.register(
        session,
        organisation=services.Organisation(other_name="Gemeente Rotterdam"),
        contact_name="Carla Coördinator",
        contact_email=CONTACT,
        attendees=[
            services.AttendeeData(name="Anna de Vries", email="anna@rotterdam.example"),
            services.AttendeeData(name="Bram Jansen", email="bram@rotterdam.example"),
        ],
    )
    contact_mail = next(m for m in mail.outbox if m.to == [CONTACT])
    link = re.search(r"https?://\S+/aanmelding/\S+/", contact_mail.body).group(0)
    return urlsplit(link).path


def test_manage_a_registration_by_keyboard_alone(
    page, demo_site, assert_no_axe_violations
):
    page.goto(manage_link_from_the_mail())
    expect(page.locator("h1")).to_have_text("Uw aanmelding")
    assert_no_axe_violations(page)

    # Remove one attendee: the outcome takes focus after the reload.
    tab_until(page, page.get_by_role("button", name="Bram Jansen afmelden"))
    page.keyboard.press("Enter")
    status = page.locator("#wijziging")
    expect(status).to_be_focused()
    expect(status).to_contain_text("De deelnemer is afgemeld")
    expect(page.locator(".manage-attendee")).to_have_count(1)

    # Change an attendee with the name left empty: the error summary takes focus and
    # its link leads to the field.
    tab_until(page, "summary")
    page.keyboard.press("Enter")  # opens "Anna de Vries vervangen of gegevens wijzigen"
    page.keyboard.press("Tab")
    name = page.locator(".manage-attendee__edit input[name$='-name']")
    expect(name).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    tab_until(page, "button[value=wijzigen]")
    page.keyboard.press("Enter")
    summary = page.locator("#wijziging-fout")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Anna de Vries: Naam")
    assert_no_axe_violations(page)
    page.keyboard.press("Tab")
    expect(summary.get_by_role("link").first).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(name).to_be_focused()
    page.keyboard.type("Anneke de Vries")
    tab_until(page, "button[value=wijzigen]")
    page.keyboard.press("Enter")
    expect(status).to_be_focused()
    expect(status).to_contain_text("De deelnemer is gewijzigd")
    expect(page.locator(".manage-attendee h3")).to_have_text(["Anneke de Vries"])

    # Add two attendees: "Nog een rij toevoegen" puts focus on the new row; the second
    # one without an e-mail address is refused with a summary, then fixed.
    tab_until(page, "#id_nieuw-0-name")
    page.keyboard.type("Cees Bakker")
    page.keyboard.press("Tab")
    page.keyboard.type("cees@rotterdam.example")
    tab_until(page, "button[value=rij-toevoegen]")
    page.keyboard.press("Enter")
    expect(page.locator("#id_nieuw-1-name")).to_be_focused()
    expect(page.locator("#id_nieuw-0-name")).to_have_value("Cees Bakker")
    assert_no_axe_violations(page)
    page.keyboard.type("Dirk Dekker")
    tab_until(page, "button[value=deelnemers-toevoegen]")
    page.keyboard.press("Enter")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Nieuwe deelnemer 2: E-mailadres")
    tab_until(page, "#wijziging-fout a")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(page.locator("#id_nieuw-1-email")).to_be_focused()
    page.keyboard.type("dirk@rotterdam.example")
    tab_until(page, "button[value=deelnemers-toevoegen]")
    page.keyboard.press("Space")
    expect(status).to_be_focused()
    expect(status).to_contain_text("De deelnemers zijn toegevoegd")
    expect(page.locator(".manage-attendee")).to_have_count(3)

    # Cancel everything: the button asks first, and the question takes focus. "Nee"
    # goes back to the button; "Ja" cancels.
    tab_until(page, "#annuleren")
    page.keyboard.press("Enter")
    confirm = page.locator("#annuleren-bevestigen")
    expect(confirm).to_be_focused()
    expect(confirm).to_contain_text("Weet u zeker")
    assert_no_axe_violations(page)
    tab_until(page, page.get_by_role("button", name="Nee, niets annuleren"))
    page.keyboard.press("Enter")
    expect(page.locator("#annuleren")).to_be_focused()
    registration = Registration.objects.get(contact_email=CONTACT)
    assert registration.status == Registration.Status.CONFIRMED

    page.keyboard.press("Enter")
    expect(confirm).to_be_focused()
    page.keyboard.press("Tab")
    expect(
        page.get_by_role("button", name="Ja, hele aanmelding annuleren")
    ).to_be_focused()
    page.keyboard.press("Space")
    expect(status).to_be_focused()
    expect(status).to_contain_text("De aanmelding is geannuleerd")
    assert_no_axe_violations(page)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert not registration.attendees.filter(cancelled_at__isnull=True).exists()
