"""Following a search ("Volg deze zoekopdracht"): subscribing with double opt-in, the
links in the mails, the digests and the deletion of personal data.

Rules (docs/search.md, "Zoekopdracht volgen"):

- Subscribing stores the address unconfirmed and sends one confirmation mail with a
  signed link; nothing else is ever sent before it is confirmed. An address gets at most
  one confirmation mail per hour, whatever it follows; the form answers the same
  neutral message either way, so it never tells whether an address is subscribed.
- Unconfirmed subscriptions are deleted after ``UNCONFIRMED_DAYS``; unsubscribing
  deletes the subscription (and the record of what was sent) at once.
- A digest lists the practices and sessions that match the search *now* (through the
  same engine API as the search page, so matching is identical) and were published or
  republished since the previous check. A page is sent to a subscription at most once:
  an update of a page that was already sent is not sent again. A digest with nothing
  new is not sent.
- Every mail carries a one-click unsubscribe link and the RFC 8058 headers.
"""

import datetime
import hashlib
import hmac
import json
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.links import absolute_url
from search.engines import FACETS, SearchQuery, facet_choices, get_engine
from search.models import SearchSubscription, SearchSubscriptionItem

logger = logging.getLogger(__name__)

UNCONFIRMED_DAYS = 7
CONFIRMATION_INTERVAL = datetime.timedelta(hours=1)
# A subscription is due when its last check is more than half its period ago: a second
# run on the same day sends nothing, the next scheduled run sends.
PERIODS = {
    SearchSubscription.Frequency.DAILY: datetime.timedelta(days=1),
    SearchSubscription.Frequency.WEEKLY: datetime.timedelta(days=7),
}
# Pages published this long before the previous check are looked at again, in case
# their index update landed after that check (they are never sent twice anyway).
INDEX_LAG = datetime.timedelta(hours=1)
# Matches read per search when building digests, and per batch.
SCAN_LIMIT = 1000
SCAN_BATCH = 100
MAX_DIGEST_ITEMS = 50

CONFIRM_SALT = "search.follow.confirm"
LINK_SALT = "search.follow.link"


# --- the followed search ----------------------------------------------------------


def canonical(query):
    """(q, filters) of a SearchQuery as stored: words single-spaced, filters sorted."""
    q = " ".join(query.q.split())
    filters = {
        name: sorted(set(values)) for name, values in query.filters.items() if values
    }
    return q, dict(sorted(filters.items()))


def query_key(q, filters):
    payload = json.dumps([q.casefold(), filters], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def search_query(subscription, **options):
    filters = {
        name: tuple(values)
        for name, values in subscription.filters.items()
        if name in FACETS and values
    }
    return SearchQuery(q=subscription.query, filters=filters, **options)


def describe(q, filters, choices=None):
    """The search for people: "‘witwassen’ · Thema: Witwassen · Soort: Praktijk".
    ``choices`` ({facet: {value: label}}) is filled and reused when given, so a list
    of searches reads each facet's labels once."""
    choices = {} if choices is None else choices
    parts = [f"‘{q}’"] if q else []
    for name, values in filters.items():
        if name not in FACETS:
            continue
        if name not in choices:
            choices[name] = facet_choices(name) or {}
        labels = choices[name]
        shown = ", ".join(labels.get(value, value) for value in values)
        parts.append(f"{FACETS[name]}: {shown}")
    return " · ".join(parts) if parts else _("alle praktijken en leerbijeenkomsten")


def search_path(q, filters):
    """The search page (in the active language) for this search."""
    from urllib.parse import urlencode

    params = [("q", q)] if q else []
    for name, values in filters.items():
        params.extend((name, value) for value in values)
    return reverse("search") + ("?" + urlencode(params) if params else "")


def feed_path(q, filters):
    from urllib.parse import urlencode

    params = [("q", q)] if q else []
    for name, values in filters.items():
        params.extend((name, value) for value in values)
    return reverse("search_feed") + ("?" + urlencode(params) if params else "")


# --- links ------------------------------------------------------------------------


def confirmation_token(subscription):
    """Signed and dated: valid for UNCONFIRMED_DAYS (then the row is gone anyway)."""
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(
        f"{subscription.pk}.{subscription.token_salt}"
    )


def link_token(subscription):
    """The token of the manage and unsubscribe links (no expiry: every digest has it).
    Signed with SECRET_KEY; the stored salt makes it die with the subscription."""
    return signing.Signer(salt=LINK_SALT).sign(
        f"{subscription.pk}.{subscription.token_salt}"
    )


class BadToken(Exception):
    """The link was not made by this portal (or has expired)."""


def _unsign(token, *, confirm):
    if not token or len(token) > 200:
        raise BadToken
    try:
        if confirm:
            value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(
                token, max_age=datetime.timedelta(days=UNCONFIRMED_DAYS)
            )
        else:
            value = signing.Signer(salt=LINK_SALT).unsign(token)
    except signing.BadSignature as error:
        raise BadToken from error
    pk, _sep, salt = value.partition(".")
    if not (pk.isascii() and pk.isdigit()) or not salt:
        raise BadToken
    return int(pk), salt


def subscription_for_token(token, *, confirm=False, for_update=False):
    """The subscription of a link, ``None`` when it no longer exists (unsubscribed or
    deleted); raises BadToken for a link this portal never made."""
    pk, salt = _unsign(token, confirm=confirm)
    rows = SearchSubscription.objects.filter(pk=pk)
    if for_update:
        rows = rows.select_for_update()
    subscription = rows.first()
    if subscription is None or not hmac.compare_digest(subscription.token_salt, salt):
        return None
    return subscription


def link_urls(subscription):
    """Absolute manage and unsubscribe links, in the subscriber's language."""
    token = link_token(subscription)
    with translation.override(subscription.language):
        return {
            "manage_url": absolute_url(
                reverse("search_follow_manage_link", args=[token])
            ),
            "unsubscribe_url": absolute_url(
                reverse("search_follow_unsubscribe", args=[token])
            ),
        }


# --- subscribing ------------------------------------------------------------------


@dataclass
class Outcome:
    """What subscribe() did; the visitor sees the same message whatever it is."""

    subscription: SearchSubscription | None
    mail_sent: bool


def _claim_confirmation_slot(email, now):
    """True when ``email`` may get a confirmation mail now: none in the last hour,
    according to the database (lasting) and the shared cache (atomic, so two requests
    at once send one mail)."""
    recent = SearchSubscription.objects.filter(
        email=email, confirmation_sent_at__gt=now - CONFIRMATION_INTERVAL
    ).exists()
    if recent:
        return False
    digest = hashlib.sha256(email.encode("utf-8")).hexdigest()
    key = f"search:follow:confirmation:{digest}"
    return cache.add(key, 1, timeout=int(CONFIRMATION_INTERVAL.total_seconds()))


def subscribe(email, query, frequency, language, *, now=None):
    """Stores an unconfirmed subscription (or refreshes one) and sends the
    confirmation mail, at most once an hour per address. A confirmed subscription to
    the same search only gets its frequency updated by the next confirmation: nothing
    changes and nothing is sent."""
    now = now or timezone.now()
    email = email.strip().lower()
    q, filters = canonical(query)
    key = query_key(q, filters)
    with transaction.atomic():
        existing = (
            SearchSubscription.objects.select_for_update()
            .filter(email=email, query_key=key)
            .first()
        )
        if existing is not None and existing.confirmed_at is not None:
            return Outcome(existing, mail_sent=False)
        if not _claim_confirmation_slot(email, now):
            return Outcome(existing, mail_sent=False)
        subscription = existing or SearchSubscription(
            email=email,
            query=q,
            filters=filters,
            query_key=key,
            token_salt=secrets.token_urlsafe(12),
        )
        subscription.frequency = frequency
        subscription.language = language
        subscription.confirmation_sent_at = now
        try:
            with transaction.atomic():
                subscription.save()
        except IntegrityError:  # the same subscription, created at the same moment
            return Outcome(None, mail_sent=False)
        confirmation_message(subscription).send()
    return Outcome(subscription, mail_sent=True)


def confirm(subscription, *, now=None):
    """Confirms; the first digest covers what is published from now on."""
    now = now or timezone.now()
    if subscription.confirmed_at is None:
        subscription.confirmed_at = now
        subscription.checked_until = now
        subscription.save(update_fields=["confirmed_at", "checked_until"])
    return subscription


def change_frequency(subscription, frequency):
    subscription.frequency = frequency
    subscription.save(update_fields=["frequency"])


def unsubscribe(subscription):
    """Deletes the subscription and its record of sent pages at once."""
    SearchSubscription.objects.filter(pk=subscription.pk).delete()


def purge_unconfirmed(*, now=None):
    """Deletes subscriptions left unconfirmed for UNCONFIRMED_DAYS; returns how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=UNCONFIRMED_DAYS)
    _total, per_model = SearchSubscription.objects.filter(
        confirmed_at__isnull=True, created_at__lte=cutoff
    ).delete()
    return per_model.get(SearchSubscription._meta.label, 0)


# --- mails ------------------------------------------------------------------------


def _message(subscription, subject, template, context):
    links = link_urls(subscription)
    context = {**context, **links, "subscription": subscription, "subject": subject}
    text = render_to_string(f"search/email/{template}.txt", context)
    html = render_to_string(f"search/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
        headers={
            # RFC 8058: a mail client may unsubscribe with one POST, without a visit.
            "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _search_context(subscription):
    return {
        "description": describe(subscription.query, subscription.filters),
        "search_url": absolute_url(
            search_path(subscription.query, subscription.filters)
        ),
        "feed_url": absolute_url(feed_path(subscription.query, subscription.filters)),
    }


def confirmation_message(subscription):
    """The double opt-in mail. It has the unsubscribe link and headers too: whoever
    did not ask for it can delete the address at once instead of waiting a week."""
    with translation.override(subscription.language):
        confirm_url = absolute_url(
            reverse("search_follow_confirm", args=[confirmation_token(subscription)])
        )
        context = {
            **_search_context(subscription),
            "confirm_url": confirm_url,
            "days": UNCONFIRMED_DAYS,
            "frequency": subscription.get_frequency_display(),
        }
        return _message(
            subscription,
            _("Bevestig: zoekopdracht volgen op het Kennisportaal"),
            "confirmation",
            context,
        )


def digest_message(subscription, items):
    with translation.override(subscription.language):
        context = {
            **_search_context(subscription),
            "items": items,
            "frequency": subscription.get_frequency_display(),
        }
        subject = ngettext(
            "%(count)d nieuw resultaat voor uw zoekopdracht",
            "%(count)d nieuwe resultaten voor uw zoekopdracht",
            len(items),
        ) % {"count": len(items)}
        return _message(subscription, subject, "digest", context)


# --- digests ----------------------------------------------------------------------


@dataclass
class DigestItem:
    page_id: int
    kind: str
    kind_label: str
    title: str
    url: str
    municipality: str
    date: datetime.date | None
    updated: bool


def matching_hits(subscription):
    """Every match of the subscription's search (up to SCAN_LIMIT), as the engine
    returns them: the same ``get_engine().search`` as the search page."""
    engine = get_engine()
    hits = []
    page = 1
    while len(hits) < SCAN_LIMIT:
        query = search_query(
            subscription, sort="newest", page=page, per_page=SCAN_BATCH
        )
        results = engine.search(query)
        hits.extend(results.hits)
        if page >= results.num_pages:
            break
        page += 1
    return hits


def changed_pages(since, until):
    """{page id: first publication} of live, public practices and sessions published
    or republished in (since, until]."""
    from wagtail.models import Page

    from events.models import SessionPage
    from practices.models import PracticePage

    rows = (
        Page.objects.live()
        .public()
        .type(PracticePage, SessionPage)
        .filter(last_published_at__gt=since, last_published_at__lte=until)
        .values_list("pk", "first_published_at")
    )
    return dict(rows)


def due_subscriptions(frequency, now):
    half_period = PERIODS[frequency] / 2
    return SearchSubscription.objects.filter(
        frequency=frequency,
        confirmed_at__isnull=False,
        checked_until__lte=now - half_period,
    )


@dataclass
class DigestRun:
    checked: int = 0
    sent: int = 0
    items: int = 0
    failed: int = 0


def send_digests(frequency, *, now=None):
    """Sends the due digests of ``frequency``; safe to run again and concurrently
    (each subscription is handled in its own transaction, locked, and is no longer due
    once handled). Returns a DigestRun."""
    now = now or timezone.now()
    run = DigestRun()
    hits_by_key = {}  # many subscribers follow the same search: ask the engine once
    pks = list(due_subscriptions(frequency, now).values_list("pk", flat=True))
    for pk in pks:
        try:
            with transaction.atomic():
                subscription = (
                    due_subscriptions(frequency, now)
                    .select_for_update(skip_locked=True)
                    .filter(pk=pk)
                    .first()
                )
                if subscription is None:
                    continue  # another run has it, or it was unsubscribed
                run.checked += 1
                items = _new_items(subscription, now, hits_by_key)
                if items:
                    digest_message(subscription, items).send()
                    SearchSubscriptionItem.objects.bulk_create(
                        [
                            SearchSubscriptionItem(
                                subscription=subscription, page_id=item.page_id
                            )
                            for item in items
                        ],
                        ignore_conflicts=True,
                    )
                    subscription.last_digest_at = now
                    run.sent += 1
                    run.items += len(items)
                subscription.checked_until = now
                subscription.save(update_fields=["checked_until", "last_digest_at"])
        except Exception:
            # One failing search (engine down) must not stop the others; this one
            # stays due and is tried again by the next run.
            logger.exception("Digest for search subscription %s failed", pk)
            run.failed += 1
    return run


def _new_items(subscription, now, hits_by_key):
    changed = changed_pages(subscription.checked_until - INDEX_LAG, now)
    if not changed:
        return []
    already = set(
        SearchSubscriptionItem.objects.filter(
            subscription=subscription, page_id__in=list(changed)
        ).values_list("page_id", flat=True)
    )
    wanted = set(changed) - already
    if not wanted:
        return []
    if subscription.query_key not in hits_by_key:
        hits_by_key[subscription.query_key] = matching_hits(subscription)
    items = []
    with translation.override(subscription.language):
        for hit in hits_by_key[subscription.query_key]:
            if hit.page_id not in wanted:
                continue
            first = changed[hit.page_id]
            items.append(
                DigestItem(
                    page_id=hit.page_id,
                    kind=hit.kind,
                    kind_label=str(hit.kind_label),
                    title=hit.title,
                    url=absolute_url(hit.url) if hit.url.startswith("/") else hit.url,
                    municipality=hit.municipality,
                    date=hit.date,
                    updated=bool(
                        first and first <= subscription.checked_until - INDEX_LAG
                    ),
                )
            )
            if len(items) >= MAX_DIGEST_ITEMS:
                break
    return items


# --- the editors' report ----------------------------------------------------------


def counts_per_search():
    """Subscribers per followed search, without any address: rows of description,
    confirmed, unconfirmed, daily and weekly counts, most followed first."""
    from django.db.models import Count, Q

    rows = (
        SearchSubscription.objects.values("query_key")
        .annotate(
            confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
            unconfirmed=Count("pk", filter=Q(confirmed_at__isnull=True)),
            daily=Count(
                "pk",
                filter=Q(
                    confirmed_at__isnull=False,
                    frequency=SearchSubscription.Frequency.DAILY,
                ),
            ),
            weekly=Count(
                "pk",
                filter=Q(
                    confirmed_at__isnull=False,
                    frequency=SearchSubscription.Frequency.WEEKLY,
                ),
            ),
        )
        .order_by("-confirmed", "-unconfirmed", "query_key")
    )
    rows = list(rows)
    searches = {}
    for key, q, filters in SearchSubscription.objects.filter(
        query_key__in=[row["query_key"] for row in rows]
    ).values_list("query_key", "query", "filters"):
        searches.setdefault(key, (q, filters))
    choices = {}
    for row in rows:
        q, filters = searches.get(row["query_key"], ("", {}))
        row["description"] = describe(q, filters, choices)
        row["search_path"] = search_path(q, filters)
    return rows
