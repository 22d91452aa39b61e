"""The pages of "Volg deze zoekopdracht": the subscribe POST, the links from the mails
(confirm, manage, one-click unsubscribe) and the manage page. Rules live in
search/subscriptions.py.

The subscribe form sits on public pages that are cached for everybody and carry no
CSRF cookie, so, like the registration form (home/views.py), its POST is accepted
without a CSRF token when it comes from this portal (Origin, else Referer). It acts as
nobody: it only asks for a confirmation mail, at most once an hour per address.

The links from the mails carry their authority in the signed token, so confirming and
unsubscribing need no cookie either: a mail client's RFC 8058 one-click POST works. A
GET never changes anything (mail scanners follow links): it shows a button. The manage
link swaps its token for a session entry and redirects to a URL without it, as the
registrations' manage link does (events/views.py). Every page here is private.
"""

from types import SimpleNamespace

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from events.forms import PortalEmailField
from events.views import rate_limit_exceeded
from home.views import comes_from_this_site
from search import subscriptions
from search.analysis import MAX_QUERY_LENGTH
from search.engines import FACETS
from search.models import SearchSubscription
from search.views import BadSearchRequest, query_from_request

MANAGE_SESSION_KEY = "search_follow_manage"
MANAGE_SESSION_SECONDS = 3600
ACTION_FREQUENCY = "frequentie"
ACTION_UNSUBSCRIBE = "afmelden"


class FollowForm(forms.Form):
    """The address and how often; the search itself comes in hidden fields."""

    email = PortalEmailField(
        label=gettext_lazy("Uw e-mailadres"),
        error_messages={
            "required": gettext_lazy("Vul uw e-mailadres in."),
            "invalid": gettext_lazy(
                "Vul een geldig e-mailadres in, zoals naam@gemeente.nl."
            ),
        },
    )
    frequency = forms.ChoiceField(
        label=gettext_lazy("Hoe vaak wilt u een overzicht?"),
        choices=SearchSubscription.Frequency.choices,
        initial=SearchSubscription.Frequency.WEEKLY,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Kies dagelijks of wekelijks."),
            "invalid_choice": gettext_lazy("Kies dagelijks of wekelijks."),
        },
    )


class FrequencyForm(forms.Form):
    frequency = FollowForm.base_fields["frequency"]


def private(response):
    # The URL may hold a secret: no caching, no search engines, no Referer elsewhere.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def message_page(request, title, text, status=200, link=None):
    context = {"title": title, "text": text, "link": link}
    return private(
        render(request, "search/follow_message.html", context, status=status)
    )


def unknown_link(request):
    return message_page(
        request,
        _("Link onbekend of verlopen"),
        _(
            "Deze link is onbekend of niet meer geldig. Een bevestigingslink werkt "
            "%(days)s dagen; daarna kunt u de zoekopdracht opnieuw volgen."
        )
        % {"days": subscriptions.UNCONFIRMED_DAYS},
        status=404,
        link={"url": reverse("search"), "label": _("Naar zoeken")},
    )


def followed_query(data):
    """The SearchQuery in the POSTed hidden fields, checked exactly as the search page
    checks its URL; raises BadSearchRequest."""
    q = data.get("q", "")
    if len(q) > MAX_QUERY_LENGTH:
        raise BadSearchRequest(
            _("De zoekvraag is te lang om te volgen: hoogstens %(max)s tekens.")
            % {"max": MAX_QUERY_LENGTH}
        )
    params = QueryDict(mutable=True)
    params["q"] = q
    for name in FACETS:
        params.setlist(name, data.getlist(name))
    return query_from_request(SimpleNamespace(GET=params))


def follow_params(query):
    """Hidden fields that carry ``query`` in the follow form."""
    q, filters = subscriptions.canonical(query)
    params = [("q", q)]
    for name, values in filters.items():
        params.extend((name, value) for value in values)
    return params


def _form_page(request, form, query, status, error=None):
    context = {
        "form": form,
        "error": error,
        "follow": {
            "action": reverse("search_follow"),
            "params": follow_params(query) if query is not None else [],
            "description": (
                subscriptions.describe(*subscriptions.canonical(query))
                if query is not None
                else ""
            ),
            "search_url": (
                subscriptions.search_path(*subscriptions.canonical(query))
                if query is not None
                else reverse("search")
            ),
        },
    }
    return private(render(request, "search/follow.html", context, status=status))


@csrf_exempt
@require_http_methods(["POST"])
def follow(request):
    checked = not getattr(request, "_dont_enforce_csrf_checks", False)
    if checked and not comes_from_this_site(request):
        return HttpResponse(
            _(
                "Dit verzoek kwam niet van een pagina van dit portaal. Volg de "
                "zoekopdracht opnieuw vanaf de zoekpagina."
            ),
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    if rate_limit_exceeded(
        request,
        scope="search:follow",
        limit=settings.SEARCH_FOLLOW_RATE_LIMIT_PER_HOUR,
    ):
        return _form_page(
            request,
            FollowForm(),
            None,
            429,
            _(
                "Er zijn vanaf uw adres te veel verzoeken verstuurd. Probeer het over "
                "een uur opnieuw."
            ),
        )
    try:
        query = followed_query(request.POST)
    except BadSearchRequest as error:
        return _form_page(request, FollowForm(), None, 400, error.message)
    form = FollowForm(request.POST)
    if not form.is_valid():
        return _form_page(
            request,
            form,
            query,
            400,
            _("Het volgen is nog niet gelukt. Verbeter de punten hieronder."),
        )
    subscriptions.subscribe(
        form.cleaned_data["email"],
        query,
        form.cleaned_data["frequency"],
        get_language() or settings.LANGUAGE_CODE,
    )
    return private(HttpResponseRedirect(reverse("search_follow_sent"), status=303))


@require_GET
def follow_sent(request):
    """The same neutral answer whether or not a mail went out."""
    return message_page(
        request,
        _("Bevestig uw e-mailadres"),
        _(
            "Als het adres klopt, ontvangt u binnen enkele minuten een e-mail met een "
            "link om te bevestigen. Pas daarna sturen we overzichten. Niets ontvangen? "
            "Kijk ook bij de ongewenste e-mail; een nieuwe bevestigingsmail kan na een "
            "uur. Bevestigt u niet binnen %(days)s dagen, dan wissen we het adres."
        )
        % {"days": subscriptions.UNCONFIRMED_DAYS},
        link={"url": reverse("search"), "label": _("Terug naar zoeken")},
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    try:
        subscription = subscriptions.subscription_for_token(token, confirm=True)
    except subscriptions.BadToken:
        subscription = None
    if subscription is None:
        return unknown_link(request)
    context = {
        "subscription": subscription,
        "description": subscriptions.describe(subscription.query, subscription.filters),
    }
    if request.method == "POST":
        with transaction.atomic():
            locked = subscriptions.subscription_for_token(
                token, confirm=True, for_update=True
            )
            if locked is None:
                return unknown_link(request)
            subscriptions.confirm(locked)
        context["confirmed"] = True
        context["manage_url"] = reverse(
            "search_follow_manage_link", args=[subscriptions.link_token(locked)]
        )
    return private(render(request, "search/follow_confirm.html", context))


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """RFC 8058: a POST (with any body) unsubscribes at once; a GET asks first."""
    try:
        subscription = subscriptions.subscription_for_token(token)
    except subscriptions.BadToken:
        return unknown_link(request)
    if request.method == "POST":
        if subscription is not None:
            subscriptions.unsubscribe(subscription)
        return _unsubscribed(request)
    if subscription is None:
        return _unsubscribed(request)
    context = {
        "description": subscriptions.describe(subscription.query, subscription.filters),
    }
    return private(render(request, "search/follow_unsubscribe.html", context))


def _unsubscribed(request):
    return message_page(
        request,
        _("U bent afgemeld"),
        _(
            "U ontvangt geen overzichten meer voor deze zoekopdracht. We hebben uw "
            "e-mailadres bij deze zoekopdracht gewist."
        ),
        link={"url": reverse("search"), "label": _("Naar zoeken")},
    )


def _salt_check(subscription):
    import hashlib

    return hashlib.sha256(subscription.token_salt.encode()).hexdigest()


@require_GET
def open_manage_link(request, token):
    """The link from a mail: remembers the subscription in the session and redirects
    to the manage page, whose URL holds no secret."""
    try:
        subscription = subscriptions.subscription_for_token(token)
    except subscriptions.BadToken:
        subscription = None
    if subscription is None:
        return unknown_link(request)
    _remember(request, subscription)
    return private(
        HttpResponseRedirect(
            reverse("search_follow_manage", args=[subscription.pk]), status=303
        )
    )


def _remember(request, subscription):
    now = int(timezone.now().timestamp())
    entries = request.session.get(MANAGE_SESSION_KEY) or {}
    entries = {k: v for k, v in entries.items() if v.get("until", 0) > now}
    entries[str(subscription.pk)] = {
        "check": _salt_check(subscription),
        "until": now + MANAGE_SESSION_SECONDS,
    }
    request.session[MANAGE_SESSION_KEY] = entries


def _forget(request, pk):
    entries = request.session.get(MANAGE_SESSION_KEY) or {}
    entries.pop(str(pk), None)
    request.session[MANAGE_SESSION_KEY] = entries


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, pk):
    entry = (request.session.get(MANAGE_SESSION_KEY) or {}).get(str(pk)) or {}
    now = int(timezone.now().timestamp())
    subscription = None
    if entry.get("until", 0) > now:
        subscription = SearchSubscription.objects.filter(pk=pk).first()
        if subscription is not None and _salt_check(subscription) != entry.get("check"):
            subscription = None
    if subscription is None:
        return message_page(
            request,
            _("Pagina verlopen"),
            _(
                "Deze pagina is verlopen of de zoekopdracht wordt niet meer gevolgd. "
                "Open de link uit de e-mail opnieuw."
            ),
            status=404,
            link={"url": reverse("search"), "label": _("Naar zoeken")},
        )
    _remember(request, subscription)
    status = 200
    form = FrequencyForm(initial={"frequency": subscription.frequency})
    if request.method == "POST":
        action = request.POST.get("actie", "")
        if action == ACTION_UNSUBSCRIBE:
            subscriptions.unsubscribe(subscription)
            _forget(request, pk)
            return _unsubscribed(request)
        if action == ACTION_FREQUENCY:
            form = FrequencyForm(request.POST)
            if form.is_valid():
                subscriptions.change_frequency(
                    subscription, form.cleaned_data["frequency"]
                )
                messages.success(
                    request,
                    _("U ontvangt voortaan een %(frequency)s overzicht.")
                    % {"frequency": subscription.get_frequency_display()},
                )
                return private(
                    HttpResponseRedirect(
                        reverse("search_follow_manage", args=[pk]), status=303
                    )
                )
            status = 400
        else:
            return message_page(
                request, _("Onbekende actie"), _("Onbekende actie."), status=400
            )
    context = {
        "subscription": subscription,
        "form": form,
        "description": subscriptions.describe(subscription.query, subscription.filters),
        "search_url": subscriptions.search_path(
            subscription.query, subscription.filters
        ),
        "frequency_action": ACTION_FREQUENCY,
        "unsubscribe_action": ACTION_UNSUBSCRIBE,
    }
    return private(render(request, "search/follow_manage.html", context, status=status))
