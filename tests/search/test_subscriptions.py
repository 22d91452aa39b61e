"""Following a search ("Volg deze zoekopdracht"): double opt-in, the links in the mails,
digests, the feed, personal data, abuse guards and the editors' report."""

import datetime
import re
from unittest import mock

from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page

import pytest

from home.models import Municipality
from practices.roles import CONTRIBUTORS_GROUP, EDITORS_GROUP
from search import subscriptions
from search.engines import SearchQuery
from search.models import SearchSubscription, SearchSubscriptionItem
from tests.factories import make_practice, make_user
from tests.test_html_validity import validation_errors, vnu  # noqa: F401 (fixture)

from .conftest import rebuild_index

pytestmark = pytest.mark.django_db

FOLLOW = "/zoeken/volgen/"
LINK = re.compile(r"http://testserver(/[^\s\"<>]+)")


@pytest.fixture
def mail_now(django_capture_on_commit_callbacks):
    """Runs the outbox's on-commit delivery inside the test transaction."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def indexed(site_builder):
    site_builder.practice(
        "Witwassen via vastgoed", "Criminele investeringen.", themes=["witwassen"]
    )
    site_builder.practice("Jeugdgroepen in de wijk", themes=["criminele-jeugdgroepen"])
    # Published well before any subscription in these tests.
    long_ago = timezone.now() - datetime.timedelta(days=30)
    Page.objects.filter(depth__gt=1).update(last_published_at=long_ago)
    rebuild_index()
    return site_builder


def post_follow(client, mail_now, **data):
    payload = {"q": "witwassen", "email": "Ana@Example.org", "frequency": "daily"}
    payload.update(data)
    payload = {k: v for k, v in payload.items() if v is not None}
    return mail_now(client.post, FOLLOW, payload)


def links_in(message):
    return LINK.findall(message.body)


def confirm_link(message):
    return next(link for link in links_in(message) if "/bevestigen/" in link)


def make_subscription(
    q="witwassen",
    filters=None,
    *,
    email="ana@example.org",
    frequency="daily",
    language="nl",
    confirmed=True,
    when=None,
):
    when = when or timezone.now() - datetime.timedelta(days=2)
    filters = filters or {}
    subscription = SearchSubscription.objects.create(
        email=email,
        query=q,
        filters=filters,
        query_key=subscriptions.query_key(q, filters),
        frequency=frequency,
        language=language,
        token_salt="zout-" + email,
        confirmed_at=when if confirmed else None,
        checked_until=when if confirmed else None,
    )
    return subscription


# --- the form on public pages --------------------------------------------------------


def test_search_page_has_the_form_feed_link_and_no_cookie(client, indexed, settings):
    settings.PAGE_CACHE_TIMEOUT = 300
    response = client.get("/zoeken/?q=witwassen&theme=witwassen")
    html = response.content.decode()
    assert response.status_code == 200
    assert not response.cookies
    assert "public" in response["Cache-Control"]
    assert f'action="{FOLLOW}"' in html
    assert '<input type="hidden" name="q" value="witwassen">' in html
    assert '<input type="hidden" name="theme" value="witwassen">' in html
    assert 'rel="alternate" type="application/atom+xml"' in html
    assert "/zoeken/feed/?q=witwassen&amp;theme=witwassen" in html
    assert "csrfmiddlewaretoken" not in html


def test_english_search_page_posts_to_the_english_url(client, indexed):
    html = client.get("/en/zoeken/?q=witwassen").content.decode()
    assert 'action="/en/zoeken/volgen/"' in html


def test_listing_form_follows_its_filters_as_search_facets(client, practice_index):
    make_practice("Witwassen", themes=["witwassen"])
    html = client.get(
        "/praktijken/?thema=witwassen&gemeente=amsterdam"
    ).content.decode()
    assert '<input type="hidden" name="type" value="practice">' in html
    assert '<input type="hidden" name="theme" value="witwassen">' in html
    assert '<input type="hidden" name="municipality" value="amsterdam">' in html


def test_listing_filters_without_a_search_facet_cannot_be_followed(
    client, practice_index
):
    html = client.get("/praktijken/?status=lopend").content.decode()
    assert "Per e-mail volgen kan niet met de filters Status" in html
    assert f'action="{FOLLOW}"' not in html


# --- subscribing --------------------------------------------------------------------


def test_subscribing_stores_unconfirmed_and_sends_one_confirmation(
    client, indexed, mail_now, mailoutbox
):
    response = post_follow(client, mail_now, theme="witwassen")
    assert response.status_code == 303
    assert not response.cookies  # no session, no CSRF cookie
    assert response["Location"] == "/zoeken/volgen/verstuurd/"
    subscription = SearchSubscription.objects.get()
    assert subscription.email == "ana@example.org"
    assert subscription.query == "witwassen"
    assert subscription.filters == {"theme": ["witwassen"]}
    assert subscription.confirmed_at is None
    assert subscription.language == "nl"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ana@example.org"]
    assert "Bevestig" in message.subject
    assert "/zoeken/volgen/bevestigen/" in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert re.fullmatch(
        r"<http://testserver/zoeken/volgen/afmelden/[^>]+/>", unsubscribe
    )
    assert (
        message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    )
    page = client.get(response["Location"])
    assert "Als het adres klopt" in page.content.decode()


def test_post_from_another_site_is_refused(indexed):
    client = Client(enforce_csrf_checks=True)
    data = {"q": "witwassen", "email": "ana@example.org", "frequency": "daily"}
    response = client.post(FOLLOW, data, HTTP_ORIGIN="https://kwaadwillend.example")
    assert response.status_code == 403
    assert "niet van een pagina van dit portaal" in response.content.decode()
    response = client.post(FOLLOW, data)  # neither Origin nor Referer
    assert response.status_code == 403
    assert not SearchSubscription.objects.exists()
    response = client.post(FOLLOW, data, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 303
    assert SearchSubscription.objects.count() == 1


def test_a_get_of_the_follow_url_changes_nothing(client, indexed):
    assert client.get(FOLLOW + "?email=ana@example.org").status_code == 405
    assert not SearchSubscription.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": ""}, "Vul uw e-mailadres in."),
        ({"email": "geen-adres"}, "Vul een geldig e-mailadres in"),
        ({"email": "a" * 250 + "@example.org"}, "ten hoogste 254 tekens"),
        ({"email": "ana\x00@example.org"}, "Vul een geldig e-mailadres in"),
        ({"email": "ana@exa\u0007mple.org"}, "Vul een geldig e-mailadres in"),
        ({"frequency": "elk-uur"}, "Kies dagelijks of wekelijks."),
        ({"frequency": None}, "Kies dagelijks of wekelijks."),
        ({"theme": "bestaat-niet"}, "Onbekende waarde ‘bestaat-niet’"),
        ({"year": "twintig"}, "Onbekende waarde ‘twintig’"),
        ({"q": "woord " * 60}, "te lang om te volgen"),
        ({"theme": [str(n) for n in range(25)]}, "Kies hoogstens 20 waarden"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_stores_nothing(
    client, indexed, mail_now, mailoutbox, data, message
):
    response = post_follow(client, mail_now, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert not SearchSubscription.objects.exists()
    assert mailoutbox == []


def test_an_invalid_address_shows_the_form_again_with_the_search(
    client, indexed, mail_now
):
    response = post_follow(client, mail_now, email="geen-adres", theme="witwassen")
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert '<input type="hidden" name="theme" value="witwassen">' in html
    assert 'value="geen-adres"' in html


def test_rate_limit_per_client_address(client, indexed, mail_now, settings):
    settings.SEARCH_FOLLOW_RATE_LIMIT_PER_HOUR = 2
    for number in range(2):
        response = post_follow(client, mail_now, email=f"p{number}@example.org")
        assert response.status_code == 303
    response = post_follow(client, mail_now, email="p9@example.org")
    assert response.status_code == 429
    assert "te veel verzoeken" in response.content.decode()
    assert SearchSubscription.objects.count() == 2
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert post_follow(other, mail_now, email="p9@example.org").status_code == 303


def test_rate_limit_counts_in_the_shared_redis_cache(
    client, indexed, mail_now, settings, redis_cache
):
    settings.SEARCH_FOLLOW_RATE_LIMIT_PER_HOUR = 1
    assert post_follow(client, mail_now).status_code == 303
    assert post_follow(client, mail_now, email="b@example.org").status_code == 429


def test_one_confirmation_mail_per_address_per_hour_and_the_same_answer(
    client, indexed, mail_now, mailoutbox
):
    first = post_follow(client, mail_now)
    second = post_follow(client, mail_now, q="vastgoed")  # another search
    again = post_follow(client, mail_now)  # the same search
    assert first.status_code == second.status_code == again.status_code == 303
    assert first["Location"] == second["Location"] == again["Location"]
    assert len(mailoutbox) == 1
    # Nothing is kept for the throttled request: it could never be confirmed.
    assert list(SearchSubscription.objects.values_list("query", flat=True)) == [
        "witwassen"
    ]
    # An hour later (the cache entry expired too) the next request mails again.
    SearchSubscription.objects.update(
        confirmation_sent_at=timezone.now() - datetime.timedelta(minutes=61)
    )
    cache.clear()
    post_follow(client, mail_now, q="vastgoed")
    assert len(mailoutbox) == 2


def test_a_confirmed_subscription_is_not_mailed_again(
    client, indexed, mail_now, mailoutbox
):
    make_subscription()
    response = post_follow(client, mail_now)
    assert response.status_code == 303
    assert mailoutbox == []
    assert SearchSubscription.objects.count() == 1


# --- confirming ---------------------------------------------------------------------


def test_get_of_the_confirmation_link_asks_post_confirms(
    client, indexed, mail_now, mailoutbox
):
    post_follow(client, mail_now)
    link = confirm_link(mailoutbox[0])
    page = Client(enforce_csrf_checks=True).get(link)  # a mail scanner
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert "Ja, volg deze zoekopdracht" in page.content.decode()
    assert SearchSubscription.objects.get().confirmed_at is None
    done = Client(enforce_csrf_checks=True).post(link)
    assert done.status_code == 200
    subscription = SearchSubscription.objects.get()
    assert subscription.confirmed_at is not None
    assert subscription.checked_until == subscription.confirmed_at
    assert "/zoeken/volgen/beheren/" in done.content.decode()
    assert len(mailoutbox) == 1  # confirming sends nothing


@pytest.mark.parametrize("token", ["onzin", "1.zout:vervalst:xyz", "x" * 300, "1.zout"])
def test_a_bad_confirmation_link_is_a_dutch_404(client, indexed, token):
    make_subscription(confirmed=False)
    response = client.post(reverse("search_follow_confirm", args=[token]))
    assert response.status_code == 404
    assert "onbekend of niet meer geldig" in response.content.decode()
    assert SearchSubscription.objects.get().confirmed_at is None


def test_a_confirmation_link_expires_after_seven_days(client, indexed):
    subscription = make_subscription(confirmed=False)
    eight_days_ago = timezone.now().timestamp() - 8 * 86400
    with mock.patch("time.time", return_value=eight_days_ago):
        token = subscriptions.confirmation_token(subscription)
    response = client.post(reverse("search_follow_confirm", args=[token]))
    assert response.status_code == 404
    fresh = subscriptions.confirmation_token(subscription)
    assert (
        client.post(reverse("search_follow_confirm", args=[fresh])).status_code == 200
    )


def test_a_manage_link_is_no_confirmation_link(client, indexed):
    subscription = make_subscription(confirmed=False)
    token = subscriptions.link_token(subscription)
    assert (
        client.post(reverse("search_follow_confirm", args=[token])).status_code == 404
    )


# --- digests ------------------------------------------------------------------------


def send(mail_now, frequency="daily", now=None):
    return mail_now(
        subscriptions.send_digests,
        frequency,
        now=now or timezone.now() + datetime.timedelta(minutes=1),
    )


def test_digest_lists_new_matching_practices_and_sessions_once(
    indexed, mail_now, mailoutbox
):
    subscription = make_subscription(q="witwassen")
    indexed.practice("Witwassen bij kappers", themes=["witwassen"])
    indexed.session("Leerbijeenkomst witwassen", themes=["witwassen"])
    indexed.practice("Hennepteelt op zolder")
    rebuild_index()
    run = send(mail_now)
    assert (run.checked, run.sent) == (1, 1)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ana@example.org"]
    assert "Witwassen bij kappers" in message.body
    assert "Leerbijeenkomst witwassen" in message.body
    assert "Hennepteelt" not in message.body
    # Published before the subscription: not new.
    assert "Witwassen via vastgoed" not in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert all(link.startswith("/") for link in links_in(message))
    assert any("/zoeken/volgen/afmelden/" in link for link in links_in(message))
    assert any("/zoeken/volgen/beheren/" in link for link in links_in(message))
    html = message.alternatives[0][0]
    assert 'href="http://testserver/' in html
    assert SearchSubscriptionItem.objects.filter(subscription=subscription).count() == 2

    # Again right away, and again the next day with nothing new: nothing is sent.
    assert send(mail_now).sent == 0
    assert send(mail_now, now=timezone.now() + datetime.timedelta(days=1)).sent == 0
    assert len(mailoutbox) == 1


def test_an_updated_practice_already_sent_is_not_sent_again(
    indexed, mail_now, mailoutbox
):
    subscription = make_subscription(q="witwassen")
    practice = indexed.practice("Witwassen bij kappers", themes=["witwassen"])
    rebuild_index()
    send(mail_now)
    assert len(mailoutbox) == 1
    practice.summary = "Bijgewerkt."
    practice.save_revision().publish()
    rebuild_index()
    later = timezone.now() + datetime.timedelta(days=1, minutes=2)
    assert send(mail_now, now=later).sent == 0
    assert len(mailoutbox) == 1
    assert subscription.sent_items.count() == 1


def test_an_older_practice_updated_to_match_is_sent_as_updated(
    indexed, mail_now, mailoutbox
):
    make_subscription(q="", filters={"theme": ["witwassen"]})
    practice = indexed.practice("Cameratoezicht", themes=[])
    old = timezone.now() - datetime.timedelta(days=30)
    type(practice).objects.filter(pk=practice.pk).update(
        first_published_at=old, last_published_at=old
    )
    practice.refresh_from_db()
    practice.themes.set(
        type(practice).themes.field.related_model.objects.filter(slug="witwassen")
    )
    practice.save_revision().publish()
    rebuild_index()
    send(mail_now)
    assert len(mailoutbox) == 1
    assert "Cameratoezicht" in mailoutbox[0].body
    assert "gewijzigd" in mailoutbox[0].body


def test_matching_is_the_search_engines(indexed, mail_now, mailoutbox):
    """The digest lists exactly what the search page finds among the new pages."""
    make_subscription(q="", filters={"theme": ["criminele-jeugdgroepen"]})
    new = indexed.practice("Nieuwe jeugdaanpak", themes=["criminele-jeugdgroepen"])
    indexed.practice("Niets met jeugd", themes=["witwassen"])
    rebuild_index()
    from search.engines import get_engine

    found = get_engine().search(
        SearchQuery(filters={"theme": ("criminele-jeugdgroepen",)})
    )
    assert new.pk in {hit.page_id for hit in found.hits}
    send(mail_now)
    assert "Nieuwe jeugdaanpak" in mailoutbox[0].body
    assert "Niets met jeugd" not in mailoutbox[0].body


def test_weekly_is_not_due_daily_and_daily_twice_a_day_sends_once(
    indexed, mail_now, mailoutbox
):
    weekly = make_subscription(
        frequency="weekly", when=timezone.now() - datetime.timedelta(days=2)
    )
    indexed.practice("Witwassen bij kappers", themes=["witwassen"])
    rebuild_index()
    assert send(mail_now, "weekly").checked == 0
    assert send(mail_now, "daily").checked == 0  # it is not a daily subscription
    SearchSubscription.objects.filter(pk=weekly.pk).update(
        checked_until=timezone.now() - datetime.timedelta(days=7)
    )
    assert send(mail_now, "weekly").sent == 1
    assert len(mailoutbox) == 1


def test_unconfirmed_subscriptions_get_no_digest(indexed, mail_now, mailoutbox):
    make_subscription(confirmed=False)
    indexed.practice("Witwassen bij kappers", themes=["witwassen"])
    rebuild_index()
    assert send(mail_now).checked == 0
    assert mailoutbox == []


def test_a_failing_search_leaves_the_subscription_due(indexed, mail_now, mailoutbox):
    from search.engines import SearchUnavailable

    subscription = make_subscription()
    indexed.practice("Witwassen bij kappers", themes=["witwassen"])
    rebuild_index()
    with mock.patch.object(
        subscriptions, "matching_hits", side_effect=SearchUnavailable
    ):
        run = send(mail_now)
    assert run.failed == 1
    assert mailoutbox == []
    before = subscription.checked_until
    subscription.refresh_from_db()
    assert subscription.checked_until == before
    assert send(mail_now).sent == 1


def test_english_subscribers_get_english_mails(client, indexed, mail_now, mailoutbox):
    mail_now(
        client.post,
        "/en/zoeken/volgen/",
        {"q": "witwassen", "email": "en@example.org", "frequency": "weekly"},
    )
    subscription = SearchSubscription.objects.get()
    assert subscription.language == "en"
    assert "Confirm" in mailoutbox[0].subject
    assert "http://testserver/en/zoeken/volgen/bevestigen/" in mailoutbox[0].body
    SearchSubscription.objects.update(
        confirmed_at=timezone.now() - datetime.timedelta(days=8),
        checked_until=timezone.now() - datetime.timedelta(days=8),
    )
    indexed.practice("Witwassen bij kappers", themes=["witwassen"])
    rebuild_index()
    send(mail_now, "weekly")
    digest = mailoutbox[1]
    assert "new result" in digest.subject
    assert "/en/zoeken/volgen/afmelden/" in digest.extra_headers["List-Unsubscribe"]


def test_the_command_fails_loudly_when_a_search_fails(indexed, mail_now):
    from django.core.management.base import CommandError

    from search.engines import SearchUnavailable

    make_subscription()
    indexed.practice("Witwassen bij kappers", themes=["witwassen"])
    rebuild_index()
    with (
        mock.patch.object(
            subscriptions, "matching_hits", side_effect=SearchUnavailable
        ),
        pytest.raises(CommandError, match="1 digest"),
    ):
        call_command("send_search_digests", frequency="daily")


def test_the_command_purges_and_sends(indexed, mail_now, mailoutbox):
    make_subscription()
    stale = make_subscription(email="oud@example.org", confirmed=False)
    SearchSubscription.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    indexed.practice("Witwassen bij kappers", themes=["witwassen"])
    rebuild_index()
    from io import StringIO

    out = StringIO()
    mail_now(call_command, "send_search_digests", frequency="daily", stdout=out)
    assert "1 digests sent" in out.getvalue()
    assert "1 unconfirmed deleted" in out.getvalue()
    assert list(SearchSubscription.objects.values_list("email", flat=True)) == [
        "ana@example.org"
    ]
    assert len(mailoutbox) == 1


# --- personal data ------------------------------------------------------------------


def test_unconfirmed_subscriptions_are_deleted_after_seven_days(db):
    now = timezone.now()
    young = make_subscription(email="jong@example.org", confirmed=False)
    old = make_subscription(email="oud@example.org", confirmed=False)
    confirmed = make_subscription(email="bevestigd@example.org")
    SearchSubscription.objects.filter(pk__in=[old.pk, confirmed.pk]).update(
        created_at=now - datetime.timedelta(days=7, minutes=1)
    )
    SearchSubscription.objects.filter(pk=young.pk).update(
        created_at=now - datetime.timedelta(days=6, hours=23)
    )
    assert subscriptions.purge_unconfirmed(now=now) == 1
    assert set(SearchSubscription.objects.values_list("pk", flat=True)) == {
        young.pk,
        confirmed.pk,
    }


def test_one_click_unsubscribe_post_deletes_at_once_without_cookies(
    indexed, mail_now, mailoutbox
):
    subscription = make_subscription()
    SearchSubscriptionItem.objects.create(subscription=subscription, page_id=1)
    url = reverse(
        "search_follow_unsubscribe", args=[subscriptions.link_token(subscription)]
    )
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)  # a mail scanner follows the link
    assert page.status_code == 200
    assert "Ja, afmelden" in page.content.decode()
    assert SearchSubscription.objects.exists()
    response = client.post(
        url,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert not response.cookies
    assert not SearchSubscription.objects.exists()
    assert not SearchSubscriptionItem.objects.exists()
    # Again (a second click, a retrying mail client): still fine.
    assert client.post(url).status_code == 200
    assert client.get(url).status_code == 200


def test_a_forged_unsubscribe_link_is_a_404(client, db):
    make_subscription()
    forged = "1.zout-ana@example.org:vervalst"
    response = client.post(reverse("search_follow_unsubscribe", args=[forged]))
    assert response.status_code == 404
    assert SearchSubscription.objects.exists()


def test_manage_link_swaps_the_token_for_a_session(client, db):
    subscription = make_subscription()
    token = subscriptions.link_token(subscription)
    response = client.get(reverse("search_follow_manage_link", args=[token]))
    assert response.status_code == 303
    assert response["Cache-Control"] == "private, no-store"
    manage_url = response["Location"]
    assert token not in manage_url
    assert manage_url == reverse("search_follow_manage", args=[subscription.pk])
    page = client.get(manage_url)
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert "ana@example.org" in page.content.decode()
    # Another browser, without the session, gets nothing.
    assert Client().get(manage_url).status_code == 404


def test_manage_page_changes_frequency_and_unsubscribes(db):
    subscription = make_subscription()
    client = Client(enforce_csrf_checks=True)
    token = subscriptions.link_token(subscription)
    manage_url = client.get(reverse("search_follow_manage_link", args=[token]))[
        "Location"
    ]
    page = client.get(manage_url)
    csrf = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()
    )
    # Without the CSRF token the manage page refuses (it has a session).
    refused = client.post(manage_url, {"actie": "frequentie", "frequency": "weekly"})
    assert refused.status_code == 403
    data = {"csrfmiddlewaretoken": csrf.group(1)}
    bad = client.post(manage_url, {**data, "actie": "frequentie", "frequency": "x"})
    assert bad.status_code == 400
    assert "Kies dagelijks of wekelijks." in bad.content.decode()
    done = client.post(
        manage_url, {**data, "actie": "frequentie", "frequency": "weekly"}
    )
    assert done.status_code == 303
    subscription.refresh_from_db()
    assert subscription.frequency == "weekly"
    assert "wekelijks overzicht" in client.get(manage_url).content.decode()
    unknown = client.post(manage_url, {**data, "actie": "iets"})
    assert unknown.status_code == 400
    gone = client.post(manage_url, {**data, "actie": "afmelden"})
    assert gone.status_code == 200
    assert not SearchSubscription.objects.exists()
    assert client.get(manage_url).status_code == 404


def test_manage_session_of_one_subscription_opens_no_other(client, db):
    mine = make_subscription()
    other = make_subscription(email="bob@example.org")
    client.get(
        reverse("search_follow_manage_link", args=[subscriptions.link_token(mine)])
    )
    assert (
        client.get(reverse("search_follow_manage", args=[other.pk])).status_code == 404
    )


def test_nothing_public_shows_subscriber_data(client, indexed, settings):
    settings.PAGE_CACHE_TIMEOUT = 300
    make_subscription(email="geheim@example.org")
    for url in ["/zoeken/?q=witwassen", "/zoeken/feed/?q=witwassen"]:
        response = client.get(url)
        assert b"geheim@example.org" not in response.content
        assert not response.cookies


def test_robots_txt_keeps_crawlers_out_of_the_follow_links(client, db):
    assert "Disallow: /zoeken/volgen/" in client.get("/robots.txt").content.decode()


# --- the feed -----------------------------------------------------------------------


def test_the_search_feed_has_the_search_results(client, indexed):
    response = client.get("/zoeken/feed/?q=witwassen")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "<title>Witwassen via vastgoed</title>" in body
    assert "Jeugdgroepen in de wijk" not in body
    assert 'href="http://testserver/zoeken/feed/?q=witwassen"' in body
    filtered = client.get("/zoeken/feed/?theme=criminele-jeugdgroepen").content.decode()
    assert "Jeugdgroepen in de wijk" in filtered
    assert "Witwassen via vastgoed" not in filtered


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("theme=bestaat-niet", "Onbekende waarde"),
        ("year=abcd", "Onbekende waarde"),
        ("type=" + "&type=".join(["practice"] * 25), "Kies hoogstens"),
        ("theme=" + "x" * 200, "te lang"),
    ],
)
def test_bad_feed_parameters_are_a_dutch_400(client, indexed, query, message):
    response = client.get("/zoeken/feed/?" + query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_feed_says_so_when_search_is_unavailable(client, indexed):
    from search.engines import SearchUnavailable

    with mock.patch("search.feeds.get_engine") as engine:
        engine.return_value.search.side_effect = SearchUnavailable
        response = client.get("/zoeken/feed/?q=witwassen")
    assert response.status_code == 503
    assert "niet beschikbaar" in response.content.decode()


# --- the editors' report ------------------------------------------------------------


def report_user(role):
    if role == "superuser":
        return make_user(is_superuser=True)
    groups = {"editor": [EDITORS_GROUP], "contributor": [CONTRIBUTORS_GROUP]}[role]
    user = make_user(groups=groups)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_anonymous_visitors_are_sent_to_the_login(client, db):
    response = client.get(reverse("search_subscription_report"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_contributors_may_not_see_the_report(client, db):
    assert Group.objects.filter(name=CONTRIBUTORS_GROUP).exists()
    client.force_login(report_user("contributor"))
    response = client.get(reverse("search_subscription_report"))
    # Wagtail's admin answers a PermissionDenied with a redirect to its dashboard.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "search-subscriptions" not in menu


@pytest.mark.parametrize("role", ["editor", "superuser"])
def test_editors_see_counts_per_search_and_never_an_address(client, db, role):
    make_subscription(email="een@example.org")
    make_subscription(email="twee@example.org", frequency="weekly")
    make_subscription(email="drie@example.org", confirmed=False)
    make_subscription(q="vastgoed", email="vier@example.org")
    client.force_login(report_user(role))
    response = client.get(reverse("search_subscription_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "@example.org" not in html
    rows = response.context["rows"]
    assert [
        (r["description"], r["confirmed"], r["daily"], r["weekly"], r["unconfirmed"])
        for r in rows
    ] == [("‘witwassen’", 2, 1, 1, 1), ("‘vastgoed’", 1, 1, 0, 0)]
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "search-subscriptions" in menu


def test_describe_uses_the_labels_of_the_facets(db):
    amsterdam = Municipality.objects.get(cbs_code="GM0363")
    text = subscriptions.describe(
        "jeugd", {"theme": ["witwassen"], "municipality": [amsterdam.slug]}
    )
    assert text == "‘jeugd’ · Thema: Witwassen · Gemeente: Amsterdam"
    assert subscriptions.describe("", {}) == "alle praktijken en leerbijeenkomsten"


def test_the_confirmation_token_is_signed_with_the_secret_key(db, settings):
    subscription = make_subscription(confirmed=False)
    token = subscriptions.confirmation_token(subscription)
    settings.SECRET_KEY = "een-andere-sleutel-" + "x" * 40
    with pytest.raises(subscriptions.BadToken):
        subscriptions.subscription_for_token(token, confirm=True)


# --- valid HTML of the pages behind the links ----------------------------------------


def test_the_follow_pages_are_valid_html(client, indexed, mail_now, vnu, tmp_path):  # noqa: F811
    """The pages that need a subscription (so cannot be in PUBLIC_PAGES)."""
    subscription = make_subscription(email="html@example.org", confirmed=False)
    token = subscriptions.link_token(subscription)
    confirm = reverse(
        "search_follow_confirm", args=[subscriptions.confirmation_token(subscription)]
    )
    pages = {
        "confirm.html": client.get(confirm),
        "confirmed.html": client.post(confirm),
        "unsubscribe.html": client.get(
            reverse("search_follow_unsubscribe", args=[token])
        ),
        "refused.html": post_follow(client, mail_now, email="geen-adres"),
        "bad-query.html": post_follow(client, mail_now, theme="bestaat-niet"),
    }
    opened = client.get(reverse("search_follow_manage_link", args=[token]))
    pages["manage.html"] = client.get(opened["Location"])
    for name, response in pages.items():
        assert response.status_code in (200, 400), name
        (tmp_path / name).write_bytes(response.content)
    errors = validation_errors(vnu, [str(tmp_path / name) for name in pages])
    assert not errors, [
        (e.get("url", "").rsplit("/", 1)[-1], e.get("lastLine"), e["message"])
        for e in errors
    ]


def test_the_feed_is_cached_and_a_publication_refreshes_it(
    client, indexed, settings, django_capture_on_commit_callbacks
):
    from home.page_cache import HIT_HEADER

    settings.PAGE_CACHE_TIMEOUT = 300
    url = "/zoeken/feed/?q=witwassen"
    first = client.get(url)
    assert first[HIT_HEADER] == "miss"
    assert "public" in first["Cache-Control"]
    assert not first.cookies
    assert client.get(url)[HIT_HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        indexed.practice("Witwassen bij juweliers", themes=["witwassen"])
    response = client.get(url)
    assert response[HIT_HEADER] == "miss"
    assert "Witwassen bij juweliers" in response.content.decode()


def test_the_report_query_count_does_not_grow_with_searches(client, db):
    client.force_login(report_user("editor"))
    for number in range(3):
        make_subscription(
            q=f"woord{number}", filters={"theme": ["witwassen"]}, email=f"{number}@x.nl"
        )
    client.get(reverse("search_subscription_report"))  # warm Wagtail's own caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("search_subscription_report"))
    for number in range(3, 30):
        make_subscription(
            q=f"woord{number}", filters={"theme": ["witwassen"]}, email=f"{number}@x.nl"
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("search_subscription_report"))
    assert len(response.context["rows"]) == 30
    assert len(many) == len(few)
