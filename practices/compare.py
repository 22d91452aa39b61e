"""Comparing practices side by side: /praktijken/vergelijk/?p=12&p=34 (2 to 4 practices).

The visitor picks practices with a "vergelijk" checkbox on the listing, the search
results, a theme dossier or a practice page (plain HTML forms, no JavaScript), and gets
one table with a row per aspect (municipality, kind, status, evidence, problem, ...) and
a column per practice, a CSV and an XLSX download of the same table, and a print
stylesheet. Restricted details are a row only for users allowed to see them
(practices.roles.can_view_restricted_details), and then the response is private.

Everything is read in a fixed number of queries, whatever the number of practices.
"""

import csv
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home import page_cache
from home.models import Municipality
from practices.models import PracticePage, SessionLesson

MIN_COMPARED = 2
MAX_COMPARED = 4
PARAMETER = "p"
# More ids than this in one request are not even parsed.
MAX_PARAMETERS = 20
TEMPLATE = "practices/compare_page.html"

# Control characters XML 1.0 cannot hold; the XLSX export drops them.
ILLEGAL_CELL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class CompareError(Exception):
    """A comparison that cannot be shown: a Dutch message and an HTTP status."""

    def __init__(self, message, status=400, practices=()):
        super().__init__(message)
        self.message = message
        self.status = status
        self.practices = list(practices)


@dataclass
class Row:
    """One aspect of the comparison: a label and a cell per practice.

    ``kind`` says how a cell is shown: text, richtext (stored rich text), stream (a
    StreamField), list (names), evidence, contact, sessions or lessons.
    """

    key: str
    label: str
    kind: str
    cells: list = field(default_factory=list)


# (key, label, kind) in the order of the table and of every card on a phone.
ROWS = [
    ("municipality", gettext_lazy("Gemeente"), "text"),
    ("region", gettext_lazy("RIEC-regio"), "text"),
    ("province", gettext_lazy("Provincie"), "text"),
    ("neighbourhood", gettext_lazy("Wijk of gebied"), "text"),
    ("kind", gettext_lazy("Soort"), "text"),
    ("status", gettext_lazy("Status"), "text"),
    ("period", gettext_lazy("Periode"), "text"),
    ("evidence", gettext_lazy("Mate van bewijs"), "evidence"),
    ("themes", gettext_lazy("Thema's"), "list"),
    ("summary", gettext_lazy("Samenvatting"), "text"),
    ("problem", gettext_lazy("Het probleem"), "richtext"),
    ("approach", gettext_lazy("De aanpak"), "stream"),
    ("tracks", gettext_lazy("Sporen"), "list"),
    ("interventions", gettext_lazy("Interventies"), "list"),
    ("partner_types", gettext_lazy("Partners"), "list"),
    ("partners", gettext_lazy("Samenwerking met partners"), "richtext"),
    ("costs", gettext_lazy("Kosten en capaciteit"), "richtext"),
    ("results", gettext_lazy("Resultaten"), "richtext"),
    ("did_not_work", gettext_lazy("Wat werkte niet"), "richtext"),
    ("lessons", gettext_lazy("Geleerde lessen"), "richtext"),
    ("session_lessons", gettext_lazy("Lessen uit leerbijeenkomsten"), "lessons"),
    ("presented_at", gettext_lazy("Gepresenteerd op"), "sessions"),
    ("contact", gettext_lazy("Contactpersoon"), "contact"),
]
RESTRICTED_ROW = (
    "restricted",
    gettext_lazy("Vertrouwelijke details"),
    "richtext",
)


# --- reading the request ----------------------------------------------------------


def parse_ids(params):
    """The distinct practice ids asked for, in the visitor's order, or CompareError."""
    values = params.getlist(PARAMETER) if hasattr(params, "getlist") else []
    if len(values) > MAX_PARAMETERS:
        raise CompareError(too_many_message())
    ids = []
    for value in values:
        value = value.strip()
        if not value.isascii() or not value.isdigit() or len(value) > 12:
            raise CompareError(
                _(
                    "‘%(value)s’ is geen nummer van een praktijk. Kies de praktijken "
                    "opnieuw met de vinkjes ‘Vergelijk’."
                )
                % {"value": value[:40]}
            )
        number = int(value)
        if number not in ids:
            ids.append(number)
    return ids


def too_many_message():
    return _(
        "U kunt hoogstens %(max)s praktijken tegelijk vergelijken. Haal een of meer "
        "vinkjes weg."
    ) % {"max": MAX_COMPARED}


def too_few_message():
    return _(
        "Kies minstens %(min)s en hoogstens %(max)s verschillende praktijken om te "
        "vergelijken."
    ) % {"min": MIN_COMPARED, "max": MAX_COMPARED}


# --- reading the practices --------------------------------------------------------


def compared_practices(index_page, ids, now=None):
    """The live, public practices with ``ids`` below ``index_page``, in the order of
    ``ids``, with everything the comparison shows (a fixed number of queries)."""
    from events.models import SessionPage

    sessions = SessionPage.objects.live().public()
    practices = (
        PracticePage.objects.live()
        .public()
        .descendant_of(index_page)
        .filter(pk__in=ids)
        .select_related("lead_municipality__riec_region")
        .prefetch_related(
            Prefetch(
                "other_municipalities",
                queryset=Municipality.objects.select_related("riec_region"),
            ),
            "themes",
            "tracks",
            "intervention_types",
            "partner_types",
            Prefetch(
                "presented_at_sessions",
                queryset=sessions.order_by("-start"),
                to_attr="compared_sessions",
            ),
        )
    )
    by_id = {practice.pk: practice for practice in practices}
    found = [by_id[pk] for pk in ids if pk in by_id]
    lessons = {}
    if found:
        ended = sessions.filter(end__lte=now or timezone.now())
        for lesson in (
            SessionLesson.objects.filter(practice__in=found, session__in=ended)
            .select_related("session")
            .order_by("-session__start", "sort_order")
        ):
            lessons.setdefault(lesson.practice_id, []).append(lesson)
    for practice in found:
        practice.compared_lessons = lessons.get(practice.pk, [])
    return found


def load_comparison(index_page, params):
    """The practices to compare for the GET parameters, or CompareError."""
    ids = parse_ids(params)
    if len(ids) > MAX_COMPARED:
        raise CompareError(
            too_many_message(), practices=compared_practices(index_page, ids)
        )
    practices = compared_practices(index_page, ids) if ids else []
    missing = [pk for pk in ids if pk not in {p.pk for p in practices}]
    if missing:
        raise CompareError(
            _(
                "Deze praktijk bestaat niet (meer) of is niet openbaar: %(ids)s. "
                "Kies de praktijken opnieuw."
            )
            % {"ids": ", ".join(str(pk) for pk in missing)},
            status=404,
            practices=practices,
        )
    if len(practices) < MIN_COMPARED:
        raise CompareError(too_few_message(), practices=practices)
    return practices


# --- building the rows ------------------------------------------------------------


def _names(items):
    return [str(item) for item in items]


def _municipality(practice):
    others = list(practice.other_municipalities.all())
    lead = str(practice.lead_municipality)
    if others:
        return _("%(lead)s met %(others)s") % {
            "lead": lead,
            "others": ", ".join(_names(others)),
        }
    return lead


def _period(practice):
    if not practice.period_start:
        return ""
    start = date_format(practice.period_start, "F Y")
    end = date_format(practice.period_end, "F Y") if practice.period_end else _("heden")
    return f"{start} – {end}"


def _cell(practice, key):
    values = {
        "municipality": _municipality,
        "region": lambda p: str(p.lead_municipality.riec_region),
        "province": lambda p: p.lead_municipality.province,
        "neighbourhood": lambda p: p.neighbourhood,
        "kind": lambda p: p.get_kind_display(),
        "status": lambda p: p.get_status_display(),
        "period": _period,
        "evidence": lambda p: p,
        "themes": lambda p: _names(p.themes.all()),
        "summary": lambda p: p.summary,
        "problem": lambda p: p.problem,
        "approach": lambda p: p.approach,
        "tracks": lambda p: _names(p.tracks.all()),
        "interventions": lambda p: _names(p.intervention_types.all()),
        "partner_types": lambda p: _names(p.partner_types.all()),
        "partners": lambda p: p.partners_description,
        "costs": lambda p: p.costs_and_capacity,
        "results": lambda p: p.results,
        "did_not_work": lambda p: p.what_did_not_work,
        "lessons": lambda p: p.lessons,
        "session_lessons": lambda p: p.compared_lessons,
        "presented_at": lambda p: p.compared_sessions,
        "contact": lambda p: p if p.contact_is_public else None,
        "restricted": lambda p: p.restricted_details,
    }
    return values[key](practice)


def build_rows(practices, *, with_restricted):
    definitions = ROWS + ([RESTRICTED_ROW] if with_restricted else [])
    return [
        Row(key, str(label), kind, [_cell(practice, key) for practice in practices])
        for key, label, kind in definitions
    ]


def plain_cell(row, value):
    """A cell as plain text, for the CSV and XLSX downloads."""
    from search.sources import plain_text

    if value is None or value == "":
        return ""
    if row.kind == "list":
        return ", ".join(value)
    if row.kind == "evidence":
        text = value.get_evidence_level_display()
        if value.evidence_assessed_on:
            text += " " + _("(beoordeeld op %(date)s)") % {
                "date": date_format(value.evidence_assessed_on, "j F Y")
            }
        return text
    if row.kind == "contact":
        parts = [value.contact_name, value.contact_role]
        parts += [value.contact_email, value.contact_phone]
        return ", ".join(part for part in parts if part)
    if row.kind == "sessions":
        return "; ".join(
            f"{session.title} ({date_format(session.start, 'j F Y')})"
            for session in value
        )
    if row.kind == "lessons":
        return "; ".join(
            f"{lesson.session.title}: {plain_text(lesson.lessons)}" for lesson in value
        )
    return plain_text(value)


def table_rows(practices, rows):
    """The comparison as a table of strings: a header row with the titles, then a
    row per aspect (the downloads)."""
    header = [_("Praktijk"), *(practice.title for practice in practices)]
    return [header] + [
        [row.label, *(plain_cell(row, value) for value in row.cells)] for row in rows
    ]


def safe_cell(value):
    """A cell spreadsheet programs show as text: never run as a formula."""
    text = ILLEGAL_CELL_CHARACTERS.sub("", str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


# --- the views (routes of PracticeIndexPage) --------------------------------------


def compare_view(index_page, request, file_format=None):
    """The comparison page, or its download when ``file_format`` is csv or xlsx."""
    from practices.roles import can_view_restricted_details

    with_restricted = can_view_restricted_details(request.user)
    # The page shows the practices, their sessions and the sessions' lessons.
    page_cache.depends_on(request, page_cache.PRACTICES, page_cache.SESSIONS)
    try:
        practices = load_comparison(index_page, request.GET)
    except CompareError as error:
        response = _error_response(index_page, request, error)
    else:
        rows = build_rows(practices, with_restricted=with_restricted)
        if file_format is None:
            response = _page_response(index_page, request, practices, rows)
        else:
            response = _download(practices, rows, file_format)
    if with_restricted:
        # Restricted details (or the chance of them) never go into a shared cache.
        patch_cache_control(response, private=True, no_store=True)
    return response


def _query_string(practices):
    return "&".join(f"{PARAMETER}={practice.pk}" for practice in practices)


def _base_context(index_page, request):
    context = index_page.get_context(request)
    context["compare_url"] = compare_url(index_page)
    context["listing_url"] = index_page.url
    return context


def compare_url(index_page):
    """The comparison's URL, or "" when the listing is not routable in any site."""
    url = index_page.url
    return url + index_page.reverse_subpage("compare") if url else ""


def _page_response(index_page, request, practices, rows):
    context = _base_context(index_page, request)
    query = _query_string(practices)
    base = context["compare_url"]
    csv_path = index_page.reverse_subpage("compare_csv")
    xlsx_path = index_page.reverse_subpage("compare_xlsx")
    context.update(
        {
            "practices": practices,
            "rows": rows,
            # The same rows per practice: one card each on a phone.
            "cards": [
                (practice, [(row, row.cells[number]) for row in rows])
                for number, practice in enumerate(practices)
            ],
            "csv_url": f"{index_page.url}{csv_path}?{query}",
            "xlsx_url": f"{index_page.url}{xlsx_path}?{query}",
            "share_url": f"{base}?{query}",
        }
    )
    return TemplateResponse(request, TEMPLATE, context)


def _error_response(index_page, request, error):
    context = _base_context(index_page, request)
    context.update(
        {
            "error": error.message,
            "chosen": error.practices,
            "min_compared": MIN_COMPARED,
            "max_compared": MAX_COMPARED,
        }
    )
    return TemplateResponse(request, TEMPLATE, context, status=error.status)


def _download(practices, rows, file_format):
    table = [
        [safe_cell(value) for value in line] for line in table_rows(practices, rows)
    ]
    filename = "vergelijking-" + "-".join(
        slugify(practice.slug)[:30] for practice in practices
    )
    if file_format == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        response.write("\ufeff")  # Excel opens UTF-8 CSV correctly with a BOM
        csv.writer(response, delimiter=";").writerows(table)
        return response
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Vergelijking")[:31]
    for line in table:
        sheet.append(line)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet["A"]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 28
    for column in range(2, len(practices) + 2):
        letter = sheet.cell(row=1, column=column).column_letter
        sheet.column_dimensions[letter].width = 60
    for line in sheet.iter_rows():
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    workbook.save(response)
    return response
