"""The whole registration journey in a real browser: find a session, register a
delegation of two (adding the second attendee without JavaScript), see the confirmation,
open the manage link from the e-mail, cancel one attendee and add another; zero axe
violations."""

import re
from urllib.parse import urlsplit

from django.core import mail

from playwright.sync_api import expect

from events.models import Registration

SESSION_TITLE = "Leerbijeenkomst Criminele jeugdgroepen: van signaal tot aanpak"


def test_register_a_delegation_and_cancel_one_attendee(
    page, demo_site, assert_no_axe_violations
):
    mail.outbox.clear()
    page.goto("/leerbijeenkomsten/")
    expect(page.locator("h1")).to_have_text("Leerbijeenkomsten")
    assert_no_axe_violations(page)

    page.get_by_role("link", name=SESSION_TITLE).click()
    expect(page.locator("h1")).to_have_text(SESSION_TITLE)
    assert_no_axe_violations(page)

    page.get_by_label("Een gemeente").check()
    page.get_by_label("Gemeente", exact=True).select_option(label="Rotterdam")
    page.get_by_label("Naam contactpersoon").fill("Carla Coördinator")
    page.get_by_label("E-mailadres contactpersoon").fill("carla@rotterdam.example")
    attendee = page.locator(".registration-form__attendee")
    attendee.nth(0).get_by_label("Naam").fill("Anna de Vries")
    attendee.nth(0).get_by_label("E-mailadres").fill("anna@rotterdam.example")
    attendee.nth(0).get_by_label("Functie").fill("Wijkmanager")
    page.get_by_role("button", name="Nog een deelnemer toevoegen").click()
    expect(attendee).to_have_count(2)
    expect(attendee.nth(0).get_by_label("Naam")).to_have_value("Anna de Vries")
    assert_no_axe_violations(page)
    attendee.nth(1).get_by_label("Naam").fill("Bram Jansen")
    attendee.nth(1).get_by_label("E-mailadres").fill("bram@rotterdam.example")
    page.get_by_label("Ik ga akkoord met de verwerking van deze gegevens").check()
    page.get_by_role("button", name="Aanmelden", exact=True).click()

    expect(page.locator("h1")).to_have_text("Uw aanmelding is bevestigd")
    expect(page.locator("main")).to_contain_text("Bram Jansen")
    assert_no_axe_violations(page)

    contact_mail = next(m for m in mail.outbox if m.to == ["carla@rotterdam.example"])
    assert contact_mail.attachments[0][0].endswith(".ics")
    link = re.search(r"https?://\S+/aanmelding/\S+/", contact_mail.body).group(0)
    page.goto(urlsplit(link).path)
    expect(page.locator("h1")).to_have_text("Uw aanmelding")
    expect(page.locator("main")).to_contain_text("Anna de Vries")
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Bram Jansen afmelden").click()
    expect(page.locator("main")).to_contain_text("De deelnemer is afgemeld")
    expect(page.locator(".manage-attendee")).to_have_count(1)
    assert_no_axe_violations(page)

    # Add a colleague through the same link (no JavaScript needed).
    add_form = page.locator(".manage-add")
    add_form.get_by_label("Naam").fill("Cees Bakker")
    add_form.get_by_label("E-mailadres").fill("cees@rotterdam.example")
    add_form.get_by_role("button", name="Deelnemers toevoegen").click()
    expect(page.locator("main")).to_contain_text("De deelnemers zijn toegevoegd")
    expect(page.locator(".manage-attendee")).to_have_count(2)
    assert_no_axe_violations(page)

    registration = Registration.objects.get(contact_email="carla@rotterdam.example")
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.attendees.filter(cancelled_at__isnull=True).count() == 2
    # The later mail to the new attendee has no link; the contact's link still works.
    added_mail = next(m for m in mail.outbox if m.to == ["cees@rotterdam.example"])
    assert "/aanmelding/" not in added_mail.body


def test_unknown_manage_link_is_404(page, demo_site):
    response = page.goto("/leerbijeenkomsten/aanmelding/niet-bestaand-token/")
    assert response.status == 404
