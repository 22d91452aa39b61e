"""Ministry editors' views of registrations in the Wagtail admin.

Only users with `events.view_registration` see them; actions (promote, cancel, message)
need `events.change_registration`. Both are given to the Ministerie-redacteuren group by
a data migration. Every change goes through events.services, as on the public side.
"""

import csv
import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from events import emails, services
from events.models import Attendee, Registration, SessionPage

VIEW_PERMISSION = "events.view_registration"
CHANGE_PERMISSION = "events.change_registration"


# Control characters but tab, line feed and carriage return; surrogates; U+FFFE/U+FFFF.
ILLEGAL_CELL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]"
)


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def session_list(request):
    """Every session with its confirmed seats against capacity and its waitlist."""
    _require(request, VIEW_PERMISSION)
    now = timezone.now()
    active = Q(
        registrations__attendees__cancelled_at__isnull=True,
    )
    sessions = SessionPage.objects.annotate(
        confirmed_seats=Count(
            "registrations__attendees",
            filter=active & Q(registrations__status=Registration.Status.CONFIRMED),
        ),
        waitlisted_seats=Count(
            "registrations__attendees",
            filter=active & Q(registrations__status=Registration.Status.WAITLISTED),
        ),
    ).order_by("-start")
    return TemplateResponse(
        request,
        "events/admin/session_list.html",
        {
            "upcoming": [s for s in sessions if s.end >= now][::-1],
            "past": [s for s in sessions if s.end < now],
        },
    )


ORGANISATION_FILTERS = {
    "gemeente": Q(municipality__isnull=False),
    "netwerk": Q(city_network__isnull=False),
    "overig": Q(municipality__isnull=True, city_network__isnull=True),
}


def _filtered_registrations(request, session):
    registrations = (
        Registration.objects.filter(session=session)
        .select_related("municipality", "city_network")
        .prefetch_related("attendees__municipality")
        .order_by("created_at", "pk")
    )
    status = request.GET.get("status", "")
    if status in Registration.Status.values:
        registrations = registrations.filter(status=status)
    organisation = request.GET.get("organisatie", "")
    if organisation in ORGANISATION_FILTERS:
        registrations = registrations.filter(ORGANISATION_FILTERS[organisation])
    return registrations, status, organisation


def session_report(request, session_id):
    _require(request, VIEW_PERMISSION)
    session = get_object_or_404(SessionPage, pk=session_id)
    if request.method == "POST":
        _require(request, CHANGE_PERMISSION)
        action = request.POST.get("actie")
        registration = get_object_or_404(
            Registration, pk=request.POST.get("aanmelding") or 0, session=session
        )
        try:
            if action == "promoveren":
                services.promote_manually(registration.pk)
                messages.success(request, _("De aanmelding is bevestigd."))
            elif action == "annuleren" and request.POST.get("bevestigd") != "ja":
                # Cancelling cannot be undone: ask first, on a page of its own.
                return TemplateResponse(
                    request,
                    "events/admin/confirm_cancel.html",
                    {"session": session, "registration": registration},
                )
            elif action == "annuleren":
                services.cancel_registration(registration.pk, by_editor=True)
                messages.success(request, _("De aanmelding is geannuleerd."))
            else:
                messages.error(request, _("Onbekende actie."))
        except services.RegistrationRefused as refused:
            messages.error(request, refused.message)
        return redirect(request.get_full_path())

    registrations, status, organisation = _filtered_registrations(request, session)
    return TemplateResponse(
        request,
        "events/admin/session_report.html",
        {
            "session": session,
            "registrations": registrations,
            "seats": services.seat_summary(session),
            "status": status,
            "organisation": organisation,
            "status_choices": Registration.Status.choices,
            "organisation_choices": Registration.OrganisationKind.choices,
            "can_change": request.user.has_perm(CHANGE_PERMISSION),
        },
    )


EXPORT_HEADERS = [
    gettext_lazy("Naam"),
    gettext_lazy("E-mail"),
    gettext_lazy("Functie"),
    gettext_lazy("Gemeente"),
    gettext_lazy("Organisatie"),
    gettext_lazy("Status"),
    gettext_lazy("Contactpersoon"),
    gettext_lazy("E-mail contactpersoon"),
    gettext_lazy("Telefoon contactpersoon"),
    gettext_lazy("Opmerkingen"),
    gettext_lazy("Aangemeld op"),
]


def _attendee_rows(session, status=""):
    attendees = (
        Attendee.objects.filter(session=session, cancelled_at__isnull=True)
        .select_related(
            "municipality",
            "registration__municipality",
            "registration__city_network",
        )
        .order_by("registration__created_at", "pk")
    )
    if status in Registration.Status.values:
        attendees = attendees.filter(registration__status=status)
    else:
        attendees = attendees.exclude(
            registration__status=Registration.Status.CANCELLED
        )
    for attendee in attendees:
        registration = attendee.registration
        yield [
            attendee.name,
            attendee.email,
            attendee.role,
            attendee.municipality.display_name if attendee.municipality else "",
            registration.organisation_name,
            registration.get_status_display(),
            registration.contact_name,
            registration.contact_email,
            registration.contact_phone,
            registration.remarks,
            timezone.localtime(registration.created_at).strftime("%d-%m-%Y %H:%M"),
        ]


def _safe_cell(value):
    # Characters XML 1.0 cannot hold (control characters stored before the forms
    # refused them) would make the Excel export fail: they are dropped on export.
    text = ILLEGAL_CELL_CHARACTERS.sub("", str(value))
    # Spreadsheet programs run cells that start with = + - @ as formulas.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_attendees(request, session_id, file_format):
    _require(request, VIEW_PERMISSION)
    session = get_object_or_404(SessionPage, pk=session_id)
    status = request.GET.get("status", "")
    rows = [[_safe_cell(v) for v in row] for row in _attendee_rows(session, status)]
    headers = [str(h) for h in EXPORT_HEADERS]
    filename = f"deelnemers-{session.slug}"
    if file_format == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        response.write("\ufeff")  # Excel opens UTF-8 CSV correctly with a BOM
        writer = csv.writer(response, delimiter=";")
        writer.writerow(headers)
        writer.writerows(rows)
        return response
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Deelnemers"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    workbook.save(response)
    return response


def check_in_list(request, session_id):
    """A printable attendance list of confirmed attendees, by organisation."""
    _require(request, VIEW_PERMISSION)
    session = get_object_or_404(SessionPage, pk=session_id)
    attendees = (
        Attendee.objects.filter(
            session=session,
            cancelled_at__isnull=True,
            registration__status=Registration.Status.CONFIRMED,
        )
        .select_related("registration__municipality", "registration__city_network")
        .order_by("name")
    )
    return TemplateResponse(
        request,
        "events/admin/check_in_list.html",
        {"session": session, "attendees": attendees},
    )


class MessageForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Onderwerp"), max_length=200)
    body = forms.CharField(
        label=gettext_lazy("Bericht"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=10000,
        help_text=gettext_lazy("Een lege regel begint een nieuwe alinea."),
    )


def message_attendees(request, session_id):
    """Sends one e-mail to each confirmed attendee."""
    _require(request, CHANGE_PERMISSION)
    session = get_object_or_404(SessionPage, pk=session_id)
    attendees = Attendee.objects.filter(
        session=session,
        cancelled_at__isnull=True,
        registration__status=Registration.Status.CONFIRMED,
    ).values_list("registration_id", "pk")
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        payload = {
            "subject": form.cleaned_data["subject"],
            "body": form.cleaned_data["body"].replace("\r\n", "\n"),
        }
        sent = 0
        # All messages reach the outbox together, or none does.
        with transaction.atomic():
            for registration_id, attendee_id in list(attendees):
                sent += emails.send(
                    emails.MESSAGE,
                    registration_id,
                    attendee_id=attendee_id,
                    payload=payload,
                )
        messages.success(
            request,
            ngettext(
                "Bericht verstuurd aan %(n)d deelnemer.",
                "Bericht verstuurd aan %(n)d deelnemers.",
                sent,
            )
            % {"n": sent},
        )
        return redirect("events_admin_session", session_id=session.pk)
    return TemplateResponse(
        request,
        "events/admin/message.html",
        {"session": session, "form": form, "recipient_count": attendees.count()},
    )
