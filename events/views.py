"""Public views of the events app, called from the routes of the session pages.

Views stay thin: they read forms and call events.services, which holds every rule.
"""

import ipaddress
import json

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from wagtail.models import Site

from events import services
from events.calendar import feed_calendar, session_calendar
from events.forms import (
    AttendeeForm,
    RegistrationForm,
    SessionFilterForm,
    ascii_int,
    attendee_formset_class,
    municipality_choices,
    network_choices,
)
from events.models import Attendee, Registration, SessionIndexPage, SessionPage
from home import page_cache
from home.links import page_url
from home.models import Municipality

SESSIONS_PER_PAGE = 10
ADD_ATTENDEE = "deelnemer-toevoegen"
# After registering, the thank-you page finds the registration through this signed
# cookie (post/redirect/get), valid for an hour and sent only to that page: no session
# row is written for it.
REGISTERED_COOKIE = "aanmelding"
REGISTERED_COOKIE_SALT = "events.registered"
REGISTERED_COOKIE_SECONDS = 3600


# --- the session page and its registration form ------------------------------------


def _json_for_script(data):
    """JSON safe inside <script>: no '</script>' or HTML comment can break out."""
    text = json.dumps(data, ensure_ascii=False, indent=None)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def event_json_ld(page):
    """schema.org Event of a session. The online meeting link is never in it."""
    url = page_url(page)
    physical = {
        "@type": "Place",
        "name": page.venue_name or page.venue_address,
        "address": page.venue_address,
    }
    virtual = {"@type": "VirtualLocation", "url": url}
    mode = {
        SessionPage.Format.PHYSICAL: "OfflineEventAttendanceMode",
        SessionPage.Format.ONLINE: "OnlineEventAttendanceMode",
        SessionPage.Format.HYBRID: "MixedEventAttendanceMode",
    }[page.format]
    location = {
        SessionPage.Format.PHYSICAL: physical,
        SessionPage.Format.ONLINE: virtual,
        SessionPage.Format.HYBRID: [physical, virtual],
    }[page.format]
    organisers = {
        SessionPage.Organisers.BZK: [
            "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
        ],
        SessionPage.Organisers.JENV: ["Ministerie van Justitie en Veiligheid"],
        SessionPage.Organisers.BOTH: [
            "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
            "Ministerie van Justitie en Veiligheid",
        ],
    }[page.organisers]
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "startDate": timezone.localtime(page.start).isoformat(),
        "endDate": timezone.localtime(page.end).isoformat(),
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "eventStatus": "https://schema.org/"
        + ("EventCancelled" if page.is_cancelled else "EventScheduled"),
        "location": location,
        "organizer": [
            {"@type": "GovernmentOrganization", "name": name} for name in organisers
        ],
        "url": url,
        "inLanguage": "nl",
        "isAccessibleForFree": True,
    }
    return _json_for_script(data)


def client_address(request):
    """The visitor's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the
    address the outermost trusted proxy saw, from X-Forwarded-For.

    Each proxy appends the address it received the request from, so with N trusted
    proxies the client is the N-th entry from the right; entries further left were
    sent by the client and prove nothing. A malformed header falls back to REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < trusted:
        return remote
    candidate = forwarded[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def rate_limit_exceeded(request, scope="events:register", limit=None):
    """Counts attempts per client address per clock hour in the shared cache (Redis in
    production, so every app server counts together): registrations by default, or
    another ``scope`` with its own ``limit`` (the search's "volg deze zoekopdracht")."""
    if limit is None:
        limit = settings.REGISTRATION_RATE_LIMIT_PER_HOUR
    if limit <= 0:
        return False
    window = int(timezone.now().timestamp() // 3600)
    key = f"{scope}:{client_address(request)}:{window}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > limit


def _attendee_initial(data, prefix, total):
    fields = ("name", "email", "role", "municipality")
    return [
        {f: data.get(f"{prefix}-{i}-{f}", "") for f in fields} for i in range(total)
    ]


def error_summary(form, formset):
    """The registration form's errors as (field id, label, message) for the summary that
    takes focus after a refused POST, each linking to its field (NL Design System)."""
    entries = [(None, None, error) for error in form.non_field_errors()]
    entries += [(None, None, error) for error in formset.non_form_errors()]
    for name, errors in form.errors.items():
        if name in form.fields and name != "__all__":
            field = form[name]
            entries += [(field.id_for_label, field.label, error) for error in errors]
    for number, attendee_form in enumerate(formset.forms, start=1):
        entries += [(None, None, e) for e in attendee_form.non_field_errors()]
        for name, errors in attendee_form.errors.items():
            if name in attendee_form.fields and name != "__all__":
                field = attendee_form[name]
                label = _("Deelnemer %(number)s: %(label)s") % {
                    "number": number,
                    "label": field.label,
                }
                entries += [(field.id_for_label, label, error) for error in errors]
    return entries


def session_detail(request, page):
    if request.method != "POST":
        return _session_detail_get(request, page)
    municipalities = municipality_choices()
    networks = network_choices()
    formset_class = attendee_formset_class(page.max_per_organisation)
    form_kwargs = {"municipalities": municipalities}
    status = 200
    refusal = None
    new_attendee = None

    if request.method == "POST":
        if request.POST.get("actie") == ADD_ATTENDEE:
            # "Nog een deelnemer toevoegen" without JavaScript: show the form again,
            # as filled in, with one more empty attendee.
            total = ascii_int(request.POST.get("deelnemers-TOTAL_FORMS")) or 1
            total = max(1, min(total, page.max_per_organisation))
            initial = _attendee_initial(request.POST, "deelnemers", total)
            if total < page.max_per_organisation:
                initial.append({})
            form = RegistrationForm(
                initial=request.POST.dict(),
                municipalities=municipalities,
                networks=networks,
            )
            formset = formset_class(
                prefix="deelnemers", initial=initial, form_kwargs=form_kwargs
            )
            if len(initial) > total:
                # The new row takes focus, so a keyboard user goes on typing there.
                new_attendee = formset.forms[-1]
                new_attendee.fields["name"].widget.attrs["autofocus"] = True
        else:
            form = RegistrationForm(
                request.POST, municipalities=municipalities, networks=networks
            )
            formset = formset_class(
                request.POST, prefix="deelnemers", form_kwargs=form_kwargs
            )
            outcome = _handle_registration(request, page, form, formset)
            if isinstance(outcome, HttpResponse):
                return outcome
            status, refusal = outcome
    else:
        form = RegistrationForm(municipalities=municipalities, networks=networks)
        formset = formset_class(prefix="deelnemers", form_kwargs=form_kwargs)

    context = page.get_context(request)
    context.update(
        {
            "form": form,
            "formset": formset,
            "refusal": refusal,
            "error_summary": error_summary(form, formset) if refusal else [],
            "new_attendee": new_attendee,
            "seats": services.seat_summary(page),
            "registration_state": page.registration_state(),
            "json_ld": event_json_ld(page),
            "add_attendee_action": ADD_ATTENDEE,
            "retention_days": settings.REGISTRATION_RETENTION_DAYS,
        }
    )
    return TemplateResponse(request, page.get_template(request), context, status=status)


def _session_detail_get(request, page):
    """The session page with an empty registration form.

    The same for every anonymous visitor until the session, its seats or a presented
    practice change, or a minute passes (registration opens or closes): the content is
    kept (home/page_cache.cache_content), and the form, the choices and the seats are
    read only when it is rendered.
    """

    def empty_forms():
        municipalities = municipality_choices()
        form = RegistrationForm(
            municipalities=municipalities, networks=network_choices()
        )
        formset = attendee_formset_class(page.max_per_organisation)(
            prefix="deelnemers", form_kwargs={"municipalities": municipalities}
        )
        return form, formset

    forms = SimpleLazyObject(empty_forms)
    page_cache.cache_content(
        request, f"session:{page.pk}", max_age=page_cache.TIME_BOUND_MAX_AGE
    )
    context = page.get_context(request)
    context.update(
        {
            "form": SimpleLazyObject(lambda: forms[0]),
            "formset": SimpleLazyObject(lambda: forms[1]),
            "refusal": None,
            "error_summary": [],
            "new_attendee": None,
            "seats": SimpleLazyObject(lambda: services.seat_summary(page)),
            "registration_state": page.registration_state(),
            "json_ld": event_json_ld(page),
            "add_attendee_action": ADD_ATTENDEE,
            "retention_days": settings.REGISTRATION_RETENTION_DAYS,
        }
    )
    return TemplateResponse(request, page.get_template(request), context)


def _handle_registration(request, page, form, formset):
    """Returns a redirect on success, else (status, refusal message)."""
    if rate_limit_exceeded(request):
        return 429, _(
            "Er zijn vanaf uw adres te veel aanmeldingen verstuurd. Probeer het over "
            "een uur opnieuw."
        )
    if form.is_spam:
        return 400, _(
            "Uw aanmelding is niet verwerkt. Laat het verborgen veld 'Laat dit veld "
            "leeg' leeg."
        )
    if page.registration_state() != "open":
        try:
            services.check_registration_open(page, timezone.now())
        except services.RegistrationRefused as refused:
            return refused.status, refused.message
    form_ok = form.is_valid()
    formset_ok = formset.is_valid()
    if not (form_ok and formset_ok):
        return 400, _(
            "De aanmelding is nog niet compleet. Verbeter de punten hieronder."
        )
    wanted = {f.cleaned_data.get("municipality") for f in formset.forms} - {None}
    municipalities_by_pk = Municipality.objects.in_bulk(wanted)
    try:
        registration, _token = services.register(
            page,
            organisation=form.organisation(),
            contact_name=form.cleaned_data["contact_name"],
            contact_email=form.cleaned_data["contact_email"],
            contact_phone=form.cleaned_data["contact_phone"],
            remarks=form.cleaned_data["remarks"],
            attendees=[
                f.attendee_data(municipalities_by_pk)
                for f in formset.forms
                if f.cleaned_data
            ],
        )
    except services.RegistrationRefused as refused:
        return refused.status, refused.message
    thanks = page.url + page.reverse_subpage("registered")
    response = HttpResponseRedirect(thanks, status=303)
    response.set_signed_cookie(
        REGISTERED_COOKIE,
        f"{page.pk}:{registration.pk}",
        salt=REGISTERED_COOKIE_SALT,
        max_age=REGISTERED_COOKIE_SECONDS,
        path=thanks,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def session_registered(request, page):
    """The thank-you page after registering (post/redirect/get)."""
    remembered = request.get_signed_cookie(
        REGISTERED_COOKIE,
        default="",
        salt=REGISTERED_COOKIE_SALT,
        max_age=REGISTERED_COOKIE_SECONDS,
    )
    page_id, _sep, registration_id = remembered.partition(":")
    registration = None
    if page_id == str(page.pk) and ascii_int(registration_id) is not None:
        registration = (
            Registration.objects.filter(
                pk=ascii_int(registration_id),
                session=page,
                anonymised_at__isnull=True,
            )
            .select_related("municipality", "city_network")
            .prefetch_related("attendees")
            .first()
        )
    if registration is None:
        return HttpResponseRedirect(page.url)
    context = page.get_context(request)
    context["registration"] = registration
    # Names of the delegation: for this visitor only.
    return _private(
        TemplateResponse(request, "events/session_registered.html", context)
    )


# --- calendars -----------------------------------------------------------------------


def _ics_response(calendar, filename):
    response = HttpResponse(
        calendar.to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def session_ics(request, page):
    return _ics_response(session_calendar(page), f"{page.slug}.ics")


def calendar_for_path(request, page_path):
    """`<session page>/agenda.ics` or `<session index>/agenda.ics`, else 404."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in page_path.split("/") if part]
    page, _args, _kwargs = site.root_page.localized.specific.route(request, components)
    # route() only finds live pages; private ones are not served here either.
    if page.get_view_restrictions():
        raise Http404
    page = page.specific
    if isinstance(page, SessionPage):
        return session_ics(request, page)
    if isinstance(page, SessionIndexPage):
        return session_feed(request, page)
    raise Http404


def session_feed(request, index):
    sessions = (
        SessionPage.objects.live()
        .public()
        .child_of(index)
        .filter(end__gte=timezone.now())
        .order_by("start")
    )
    return _ics_response(feed_calendar(sessions), "leerbijeenkomsten.ics")


# --- the list of sessions ----------------------------------------------------------


def session_index(request, index):
    past = request.GET.get("periode") == "afgelopen"
    filter_form = SimpleLazyObject(lambda: SessionFilterForm(request.GET or None))
    filters = SimpleLazyObject(
        lambda: filter_form.valid_filters() if request.GET else {}
    )

    def sessions_page():
        paginator = Paginator(_listed_sessions(index, filters, past), SESSIONS_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            page_obj = paginator.page(1)
        for session in page_obj:
            session.seats_left = max(
                session.capacity - (session.confirmed_seats or 0), 0
            )
        return page_obj

    # Read when the content is rendered, which a kept copy skips: the same content for
    # every anonymous visitor with these parameters, until a session or its seats
    # change, or a minute passes (upcoming becomes past).
    page_obj = SimpleLazyObject(sessions_page)
    page_cache.cache_content(
        request,
        f"sessions:{index.pk}",
        sorted(request.GET.lists()),
        max_age=page_cache.TIME_BOUND_MAX_AGE,
    )
    context = index.get_context(request)
    context.update(
        {
            "filter_form": filter_form,
            "filters_active": SimpleLazyObject(lambda: bool(filters)),
            "filter_errors": SimpleLazyObject(
                lambda: bool(request.GET) and bool(filter_form.errors)
            ),
            "past": past,
            "page_obj": page_obj,
            "sessions": SimpleLazyObject(lambda: page_obj.object_list),
        }
    )
    return TemplateResponse(request, index.get_template(request), context)


def _listed_sessions(index, filters, past):
    """Live, public sessions of the list, upcoming (or past) first, filtered, each with
    its count of confirmed seats."""
    now = timezone.now()
    confirmed = (
        Attendee.objects.filter(
            session=OuterRef("pk"),
            cancelled_at__isnull=True,
            registration__status=Registration.Status.CONFIRMED,
        )
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    sessions = (
        SessionPage.objects.live()
        .public()
        .child_of(index)
        .annotate(confirmed_seats=Subquery(confirmed, output_field=IntegerField()))
        .prefetch_related("themes")
    )
    if past:
        sessions = sessions.filter(end__lt=now).order_by("-start")
    else:
        sessions = sessions.filter(end__gte=now).order_by("start")
    if "thema" in filters:
        sessions = sessions.filter(themes__slug=filters["thema"])
    if "organisator" in filters:
        organiser = filters["organisator"]
        wanted = {organiser}
        if organiser != SessionPage.Organisers.BOTH:
            wanted.add(SessionPage.Organisers.BOTH)
        sessions = sessions.filter(organisers__in=wanted)
    if "vorm" in filters:
        sessions = sessions.filter(format=filters["vorm"])
    return sessions


# --- the manage link ---------------------------------------------------------------


def _private(response):
    # The URL holds the secret: no caching, no search engines, no Referer to other
    # sites ("no-referrer" would make browsers send "Origin: null" and fail CSRF).
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


ADD_ATTENDEES = "deelnemers-toevoegen"
ADD_ROW = "rij-toevoegen"
NEW_LINK = "nieuwe-link"
ADD_PREFIX = "nieuw"
# "Hele aanmelding annuleren" first asks; CANCEL_ALL (the answer) cancels.
ASK_CANCEL_ALL = "annuleren-vragen"
CANCEL_ALL = "alles-annuleren"
KEEP_ALL = "niet-annuleren"


class _ShowForm(Exception):
    """Not a change: show the page again with the form as filled in."""


def manage_error_summary(add_formset, edit_forms, attendees):
    """The manage page's form errors as (field id, label, message), for the summary
    that takes focus after a refused change and links to each field."""
    entries = []
    if add_formset is not None and add_formset.is_bound:
        entries += [(None, None, e) for e in add_formset.non_form_errors()]
        for number, form in enumerate(add_formset.forms, start=1):
            entries += [(None, None, e) for e in form.non_field_errors()]
            for name, errors in form.errors.items():
                if name in form.fields:
                    label = _("Nieuwe deelnemer %(number)s: %(label)s") % {
                        "number": number,
                        "label": form[name].label,
                    }
                    entries += [(form[name].id_for_label, label, e) for e in errors]
    names = {attendee.pk: attendee.name for attendee in attendees}
    for attendee_id, form in edit_forms.items():
        entries += [(None, None, e) for e in form.non_field_errors()]
        for name, errors in form.errors.items():
            if name in form.fields:
                label = f"{names.get(attendee_id, '')}: {form[name].label}"
                entries += [(form[name].id_for_label, label, e) for e in errors]
    return entries


def _add_formset(request, session, municipalities, extra=0):
    """The "add attendees" rows; `extra` adds empty ones to what was posted."""
    formset_class = attendee_formset_class(session.max_per_organisation)
    form_kwargs = {"municipalities": municipalities}
    if request is None:
        return formset_class(prefix=ADD_PREFIX, form_kwargs=form_kwargs)
    if not extra:
        return formset_class(request.POST, prefix=ADD_PREFIX, form_kwargs=form_kwargs)
    total = ascii_int(request.POST.get(f"{ADD_PREFIX}-TOTAL_FORMS")) or 1
    total = max(1, min(total, session.max_per_organisation))
    initial = _attendee_initial(request.POST, ADD_PREFIX, total)
    if total < session.max_per_organisation:
        initial.append({})
    formset = formset_class(prefix=ADD_PREFIX, initial=initial, form_kwargs=form_kwargs)
    if len(initial) > total:
        # The new row takes focus, so a keyboard user goes on typing there.
        formset.forms[-1].fields["name"].widget.attrs["autofocus"] = True
    return formset


# The manage link's token is swapped for this session entry on its first request; the
# entry lasts this long after the last use, and dies with the token (a new link, purge).
MANAGE_SESSION_KEY = "events_manage"
MANAGE_SESSION_SECONDS = 3600


def _registrations_of(index):
    return Registration.objects.select_related(
        "session", "municipality", "city_network"
    ).filter(session__in=SessionPage.objects.child_of(index))


def _manage_path(index, registration):
    return index.url + index.reverse_subpage(
        "manage_registration", kwargs={"registration_id": registration.pk}
    )


def _remember_manage_access(request, registration):
    entries = request.session.get(MANAGE_SESSION_KEY) or {}
    now = int(timezone.now().timestamp())
    # Forget expired entries, so the session stays small.
    entries = {k: v for k, v in entries.items() if v.get("until", 0) > now}
    entries[str(registration.pk)] = {
        "hash": registration.token_hash,
        "until": now + MANAGE_SESSION_SECONDS,
    }
    request.session[MANAGE_SESSION_KEY] = entries


def open_manage_link(request, index, token):
    """The link from the e-mail: checks the token, remembers the registration in the
    visitor's session and redirects to the manage page, whose URL holds no secret.

    A POST to this URL (a form from before the swap) is served as well.
    """
    registration = _registrations_of(index).for_token(token)
    if registration is None or registration.session.has_ended:
        raise Http404(_("Deze link is onbekend of niet meer geldig."))
    _remember_manage_access(request, registration)
    if request.method == "POST":
        return _manage(request, index, registration)
    return _private(HttpResponseRedirect(_manage_path(index, registration), status=303))


def manage_registration(request, index, registration_id):
    """The manage page, for a visitor whose session opened this registration's link."""
    entry = (request.session.get(MANAGE_SESSION_KEY) or {}).get(str(registration_id))
    now = int(timezone.now().timestamp())
    registration = None
    if entry and entry.get("until", 0) > now and entry.get("hash"):
        registration = (
            _registrations_of(index)
            .filter(pk=registration_id, token_hash=entry["hash"])
            .first()
        )
    if registration is None or registration.session.has_ended:
        raise Http404(
            _(
                "Deze pagina is verlopen of de link is niet meer geldig. Open de link "
                "uit de e-mail opnieuw."
            )
        )
    _remember_manage_access(request, registration)
    return _manage(request, index, registration)


def _manage(request, index, registration):
    session = registration.session
    municipalities = municipality_choices()
    status = 200
    refusal = None
    edit_forms = {}
    add_formset = None
    ask_cancel_all = False

    if request.method == "POST":
        action = request.POST.get("actie", "")
        # ASCII digits only: '²' passes str.isdigit() but int() refuses it.
        attendee_id = ascii_int(request.POST.get("deelnemer"))
        try:
            if action == ASK_CANCEL_ALL:
                # Cancelling everyone cannot be undone: ask first, on the page.
                ask_cancel_all = True
                raise _ShowForm
            elif action == KEEP_ALL:
                # "Nee": nothing changes; back to (and, by the fragment, focus on)
                # the button that asked.
                return _private(
                    HttpResponseRedirect(
                        _manage_path(index, registration) + "#annuleren", status=303
                    )
                )
            elif action == CANCEL_ALL:
                services.cancel_registration(registration.pk)
                messages.success(request, _("De aanmelding is geannuleerd."))
            elif action == "afmelden" and attendee_id is not None:
                services.cancel_attendee(registration.pk, attendee_id)
                messages.success(request, _("De deelnemer is afgemeld."))
            elif action == ADD_ROW:
                # One more empty row in the "add attendees" form, without JavaScript.
                add_formset = _add_formset(request, session, municipalities, extra=1)
                raise _ShowForm
            elif action == ADD_ATTENDEES:
                add_formset = _add_formset(request, session, municipalities)
                if not add_formset.is_valid():
                    raise services.RegistrationRefused(
                        _("De nieuwe deelnemers zijn nog niet compleet."), status=400
                    )
                wanted = {
                    f.cleaned_data.get("municipality") for f in add_formset.forms
                } - {None}
                by_pk = Municipality.objects.in_bulk(wanted)
                services.add_attendees(
                    registration.pk,
                    [
                        f.attendee_data(by_pk)
                        for f in add_formset.forms
                        if f.cleaned_data
                    ],
                )
                messages.success(request, _("De deelnemers zijn toegevoegd."))
            elif action == NEW_LINK:
                services.new_manage_link(registration.pk)
                # The old link dies, and with it this browser's access.
                entries = request.session.get(MANAGE_SESSION_KEY) or {}
                entries.pop(str(registration.pk), None)
                request.session[MANAGE_SESSION_KEY] = entries
                # The URL of this page no longer works: show where the new link went.
                context = index.get_context(request)
                context.update(
                    {"page": index, "session": session, "registration": registration}
                )
                return _private(
                    TemplateResponse(
                        request, "events/manage_link_renewed.html", context
                    )
                )
            elif action == "wijzigen" and attendee_id is not None:
                form = AttendeeForm(
                    request.POST,
                    prefix=f"deelnemer-{attendee_id}",
                    municipalities=municipalities,
                )
                if not form.is_valid():
                    edit_forms[attendee_id] = form
                    raise services.RegistrationRefused(
                        _("De gegevens van de deelnemer zijn niet compleet."),
                        status=400,
                    )
                municipality_pk = form.cleaned_data.get("municipality")
                data = form.attendee_data(
                    Municipality.objects.in_bulk([municipality_pk])
                    if municipality_pk
                    else {}
                )
                services.replace_attendee(registration.pk, attendee_id, data)
                messages.success(request, _("De deelnemer is gewijzigd."))
            else:
                raise services.RegistrationRefused(_("Onbekende actie."), status=400)
        except _ShowForm:
            pass
        except services.RegistrationRefused as refused:
            status, refusal = refused.status, refused.message
        else:
            return _private(
                HttpResponseRedirect(_manage_path(index, registration), status=303)
            )
        registration.refresh_from_db()

    attendees = list(registration.attendees.filter(cancelled_at__isnull=True))
    for attendee in attendees:
        attendee.form = edit_forms.get(attendee.pk) or AttendeeForm(
            prefix=f"deelnemer-{attendee.pk}",
            municipalities=municipalities,
            initial={
                "name": attendee.name,
                "email": attendee.email,
                "role": attendee.role,
                "municipality": attendee.municipality_id,
            },
        )
    changeable = (
        registration.is_active and not session.has_started and not session.is_cancelled
    )
    can_add = changeable and session.registration_state() == "open"
    if can_add and add_formset is None:
        add_formset = _add_formset(None, session, municipalities, extra=1)
    context = index.get_context(request)
    context.update(
        {
            "page": index,
            "session": session,
            "registration": registration,
            "attendees": attendees,
            "refusal": refusal,
            "changeable": changeable,
            "can_add": can_add,
            "add_formset": add_formset if can_add else None,
            "error_summary": manage_error_summary(add_formset, edit_forms, attendees)
            if refusal
            else [],
            "ask_cancel_all": ask_cancel_all and changeable,
            "ask_cancel_all_action": ASK_CANCEL_ALL,
            "cancel_all_action": CANCEL_ALL,
            "keep_all_action": KEEP_ALL,
            "manage_url": _manage_path(index, registration),
            "add_row_action": ADD_ROW,
            "add_action": ADD_ATTENDEES,
            "new_link_action": NEW_LINK,
            "online_url": session.online_meeting_url
            if registration.status == Registration.Status.CONFIRMED
            else "",
        }
    )
    return _private(
        TemplateResponse(
            request, "events/manage_registration.html", context, status=status
        )
    )
