"""From invitation to submitted practice in a real browser: the contributor follows the
link in the e-mail, sets a password, logs in, writes a practice and submits it for
review. No Content-Security-Policy violation may appear on the way (the admin's own
policy must let Wagtail's editor work)."""

import re

from django.core import mail

import pytest
from playwright.sync_api import expect

from practices.invitations import invite_contributor
from practices.models import MunicipalityPracticesPage, PracticePage
from tests import factories

PASSWORD = "Een-lang-browser-wachtwoord-7"


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback):
    home = factories.make_home_page()
    index = factories.make_practice_index(home)
    factories.make_editor()  # the review task needs someone to notify
    return index


def test_invitation_to_submitted_practice(page, site):
    # The admin's page editor is heavy; on a busy machine it needs more than 10 s.
    page.set_default_timeout(60_000)
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    user, _created, invited = invite_contributor(
        email="nina@rotterdam.example",
        name="Nina Nieuw",
        municipality=factories.municipality("GM0599"),
    )
    assert invited
    link = re.search(r"http://testserver(\S+)", mail.outbox[-1].body).group(1)

    # Set the password from the link.
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Welkom! Stel uw wachtwoord in")
    page.locator("#id_new_password1").fill(PASSWORD)
    page.locator("#id_new_password2").fill(PASSWORD)
    page.get_by_role("button", name="Wachtwoord instellen").click()
    expect(page.locator(".messages")).to_contain_text("Uw wachtwoord is ingesteld")

    # Log in; contributors are offered a second factor, not forced.
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.login-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    # Write a practice in the municipality's folder.
    folder = MunicipalityPracticesPage.objects.get(municipality__cbs_code="GM0599")
    page.goto(f"/admin/pages/add/practices/practicepage/{folder.pk}/")
    page.locator("#id_title").fill("Buurtpreventie tegen drugsoverlast")
    # The slug (on the Promote tab) is normally synced from the title by script.
    page.locator("#id_slug").evaluate("(field) => { field.value = 'buurtpreventie'; }")
    page.locator("#id_summary").fill("Bewoners en politie samen tegen drugsoverlast.")
    page.locator("[data-contentpath=themes]").get_by_label("Witwassen").check()
    page.locator("[data-contentpath=problem] [contenteditable=true]").click()
    page.keyboard.type("Drugshandel in portieken.")
    approach = page.locator("[data-contentpath=approach]")
    approach.get_by_role(
        "button", name=re.compile("Blok invoegen|Insert a block")
    ).first.click()
    page.get_by_role("option", name=re.compile("Tekst")).first.click()
    approach.locator("[contenteditable=true]").first.click()
    page.keyboard.type("Wekelijks overleg met bewoners.")
    # Draftail copies what was typed into its hidden inputs a moment later: on a busy
    # machine a submit before that posts empty fields.
    expect(page.locator("input[name=problem]")).to_have_value(re.compile("Drugshandel"))
    expect(page.locator("input[name='approach-0-value']")).to_have_value(
        re.compile("Wekelijks")
    )

    # Submit for review: in the dropdown of more actions next to the save button.
    submit = page.locator("button[name=action-submit]")
    if not submit.is_visible():
        page.locator("footer .w-dropdown__toggle").first.click()
    submit.click()
    errors = page.locator(".error-message").all_inner_texts()
    assert not errors, errors
    expect(page.locator(".messages")).to_contain_text("Buurtpreventie")

    practice = PracticePage.objects.get(title="Buurtpreventie tegen drugsoverlast")
    assert practice.owner == user
    assert not practice.live
    assert practice.workflow_in_progress
    assert violations == []
