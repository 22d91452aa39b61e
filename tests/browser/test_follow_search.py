"""Following a search in a real browser: subscribe on the search page, confirm from the
mail, get a digest, open the manage page and unsubscribe from the digest's link; the
mails are read from the test outbox, and every page has zero axe-core violations."""

import datetime
import re
from urllib.parse import urlsplit

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from playwright.sync_api import expect

from practices.models import PracticePage
from search import subscriptions
from search.engines import SearchQuery, get_engine
from search.models import SearchSubscription

LINK = re.compile(r"https?://[^\s]+")


def path_of(message, part):
    url = next(link for link in LINK.findall(message.body) if part in link)
    split = urlsplit(url)
    return split.path + (f"?{split.query}" if split.query else "")


def test_subscribe_confirm_digest_unsubscribe(
    page, demo_site, assert_no_axe_violations
):
    call_command("rebuild_search_index", verbosity=0)
    mail.outbox.clear()

    page.goto("/zoeken/?q=witwassen")
    follow = page.locator("section.search-follow")
    expect(follow).to_contain_text("‘witwassen’")
    assert_no_axe_violations(page)
    # Keyboard only: into the address field, type, choose daily, submit.
    follow.get_by_label("Uw e-mailadres").focus()
    page.keyboard.type("analist@riec.example")
    follow.get_by_label("Dagelijks").check()
    follow.get_by_role("button", name="Volg deze zoekopdracht").press("Enter")
    expect(page.locator("h1")).to_have_text("Bevestig uw e-mailadres")
    assert_no_axe_violations(page)

    assert len(mail.outbox) == 1
    confirmation = mail.outbox[0]
    assert confirmation.to == ["analist@riec.example"]
    assert SearchSubscription.objects.get().confirmed_at is None

    page.goto(path_of(confirmation, "/bevestigen/"))
    assert_no_axe_violations(page)
    assert SearchSubscription.objects.get().confirmed_at is None  # GET changes nothing
    page.get_by_role("button", name="Ja, volg deze zoekopdracht").click()
    expect(page.locator("h1")).to_have_text("Zoekopdracht gevolgd")
    assert_no_axe_violations(page)
    subscription = SearchSubscription.objects.get()
    assert subscription.confirmed_at is not None
    assert subscription.frequency == "daily"

    # A practice about witwassen is updated; the next day's run sends the digest.
    hits = get_engine().search(SearchQuery(q="witwassen", per_page=50)).hits
    practice = PracticePage.objects.get(
        pk=next(hit.page_id for hit in hits if hit.kind == "practice")
    )
    practice.save_revision().publish()
    call_command("rebuild_search_index", verbosity=0)
    run = subscriptions.send_digests(
        "daily", now=timezone.now() + datetime.timedelta(hours=13)
    )
    assert run.sent == 1
    digest = mail.outbox[-1]
    assert practice.title in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    page.goto(path_of(digest, "/beheren/"))
    expect(page.locator("h1")).to_have_text("Gevolgde zoekopdracht")
    assert "/beheren/" not in page.url  # the token was swapped for the session
    assert_no_axe_violations(page)
    page.get_by_label("Wekelijks").check()
    page.get_by_role("button", name="Frequentie opslaan").click()
    expect(page.locator(".utrecht-alert")).to_contain_text("wekelijks")
    assert SearchSubscription.objects.get().frequency == "weekly"

    page.goto(path_of(digest, "/afmelden/"))
    assert_no_axe_violations(page)
    assert SearchSubscription.objects.exists()  # GET changes nothing
    page.get_by_role("button", name="Ja, afmelden").click()
    expect(page.locator("h1")).to_have_text("U bent afgemeld")
    assert_no_axe_violations(page)
    assert not SearchSubscription.objects.exists()


def test_follow_form_errors_are_accessible(page, demo_site, assert_no_axe_violations):
    call_command("rebuild_search_index", verbosity=0)
    page.goto("/praktijken/?thema=witwassen")
    follow = page.locator("section.search-follow")
    assert_no_axe_violations(page)
    follow.get_by_label("Uw e-mailadres").fill("geen adres")
    # Without the browser's own check, as a browser without it would send it.
    page.locator("form.search-follow__form").evaluate("form => form.noValidate = true")
    follow.get_by_role("button", name="Volg deze zoekopdracht").click()
    expect(page.locator(".search-error")).to_be_visible()
    expect(page.locator("#follow-email-error")).to_contain_text("geldig e-mailadres")
    assert_no_axe_violations(page)
    assert not SearchSubscription.objects.exists()
