"""Statistics for editors: the figures behind the admin report (Rapporten → Statistieken).

Each table is computed with one aggregate query, so the
report's cost does not grow with the number of practices, sessions or registrations.
A table is a title, column headings and rows; the first numeric column is charted.
"""

from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, Q, Value, When
from django.db.models.functions import TruncQuarter
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import Municipality, RiecRegion, Theme
from practices.models import PracticePage

SEARCH_ROWS = 50


@dataclass
class Table:
    key: str
    title: str
    columns: list
    rows: list = field(default_factory=list)
    description: str = ""

    @property
    def chart_rows(self):
        """(label, value) pairs of the first numeric column, for the bar chart."""
        return [(row[0], row[1]) for row in self.rows]

    @property
    def maximum(self):
        return max((value for _label, value in self.chart_rows), default=0)


def _live():
    return Q(live=True)


def practices_per_theme():
    live = Q(practices__live=True)
    rows = Theme.objects.annotate(
        total=Count("practices", filter=live, distinct=True)
    ).values_list("name", "total")
    return Table(
        "themas",
        _("Praktijken per thema"),
        [_("Thema"), _("Gepubliceerde praktijken")],
        [tuple(row) for row in rows],
        _("Een praktijk kan bij meer thema's horen."),
    )


def practices_per_region():
    rows = (
        RiecRegion.objects.annotate(
            total=Count(
                "municipalities__lead_practices",
                filter=Q(municipalities__lead_practices__live=True),
                distinct=True,
            )
        )
        .order_by("name")
        .values_list("name", "total")
    )
    return Table(
        "riec-regios",
        _("Praktijken per RIEC-regio"),
        [_("RIEC-regio"), _("Gepubliceerde praktijken")],
        [(f"RIEC {name}", total) for name, total in rows],
        _("Naar de RIEC-regio van de trekkende gemeente."),
    )


def practices_per_municipality():
    rows = (
        Municipality.objects.annotate(
            total=Count(
                "lead_practices", filter=Q(lead_practices__live=True), distinct=True
            )
        )
        .filter(total__gt=0)
        .order_by("-total", "name")
        .values_list("name", "common_name", "total")
    )
    return Table(
        "gemeenten",
        _("Praktijken per gemeente"),
        [_("Gemeente (trekker)"), _("Gepubliceerde praktijken")],
        [(common or name, total) for name, common, total in rows],
        _("Alleen gemeenten met ten minste één gepubliceerde praktijk."),
    )


def _per_choice(field_name, choices, key, title, heading):
    counts = dict(
        PracticePage.objects.filter(_live())
        .values_list(field_name)
        .annotate(total=Count("pk"))
        .order_by()
    )
    return Table(
        key,
        title,
        [heading, _("Gepubliceerde praktijken")],
        [(label, counts.get(value, 0)) for value, label in choices],
    )


def practices_per_status():
    return _per_choice(
        "status",
        PracticePage.Status.choices,
        "status",
        _("Praktijken per status"),
        _("Status"),
    )


def practices_per_evidence_level():
    return _per_choice(
        "evidence_level",
        PracticePage.EvidenceLevel.choices,
        "bewijs",
        _("Praktijken per mate van bewijs"),
        _("Mate van bewijs"),
    )


def new_practices_per_quarter():
    rows = (
        PracticePage.objects.filter(_live(), first_published_at__isnull=False)
        .annotate(quarter=TruncQuarter("first_published_at"))
        .values_list("quarter")
        .annotate(total=Count("pk"))
        .order_by("quarter")
    )
    table_rows = []
    for quarter, total in rows:
        local = timezone.localtime(quarter) if timezone.is_aware(quarter) else quarter
        number = (local.month - 1) // 3 + 1
        table_rows.append((f"{local.year} K{number}", total))
    return Table(
        "per-kwartaal",
        _("Nieuwe praktijken per kwartaal"),
        [_("Kwartaal"), _("Voor het eerst gepubliceerd")],
        table_rows,
    )


def contributions_per_municipality():
    rows = (
        Municipality.objects.annotate(
            practice_count=Count("lead_practices", distinct=True),
            published=Count(
                "lead_practices", filter=Q(lead_practices__live=True), distinct=True
            ),
            contributor_count=Count("contributors", distinct=True),
        )
        .filter(Q(practice_count__gt=0) | Q(contributor_count__gt=0))
        .order_by("-practice_count", "name")
        .values_list(
            "name", "common_name", "practice_count", "published", "contributor_count"
        )
    )
    return Table(
        "bijdragen",
        _("Bijdragen per gemeente"),
        [
            _("Gemeente"),
            _("Praktijken (ook concepten)"),
            _("Gepubliceerd"),
            _("Bijdragers"),
        ],
        [(common or name, *numbers) for name, common, *numbers in rows],
        _("Alle praktijken in de map van de gemeente, ook concepten en ingediende."),
    )


def _confirmed_attendees(prefix=""):
    return Q(
        **{
            f"{prefix}attendees__cancelled_at__isnull": True,
            f"{prefix}status": "bevestigd",
        }
    )


def registrations_per_session():
    from events.models import SessionPage

    rows = (
        SessionPage.objects.annotate(
            registration_count=Count(
                "registrations",
                filter=~Q(registrations__status="geannuleerd"),
                distinct=True,
            ),
            attendee_count=Count(
                "registrations__attendees",
                filter=_confirmed_attendees("registrations__"),
                distinct=True,
            ),
            waitlisted_count=Count(
                "registrations__attendees",
                filter=Q(
                    registrations__status="wachtlijst",
                    registrations__attendees__cancelled_at__isnull=True,
                ),
                distinct=True,
            ),
        )
        .order_by("-start")
        .values_list(
            "title", "start", "registration_count", "attendee_count", "waitlisted_count"
        )
    )
    return Table(
        "bijeenkomsten",
        _("Aanmeldingen en deelnemers per bijeenkomst"),
        [
            _("Bijeenkomst"),
            _("Aanmeldingen"),
            _("Bevestigde deelnemers"),
            _("Op de wachtlijst"),
        ],
        [
            (
                f"{title} ({timezone.localtime(start):%d-%m-%Y})",
                registrations,
                attendees,
                waitlisted,
            )
            for title, start, registrations, attendees, waitlisted in rows
        ],
        _("Aanmeldingen zonder geannuleerde; deelnemers zonder afgemelde."),
    )


def registrations_per_organisation_kind():
    from events.models import Registration

    kinds = dict(Registration.OrganisationKind.choices)
    kind = Case(
        When(municipality__isnull=False, then=Value("gemeente")),
        When(city_network__isnull=False, then=Value("netwerk")),
        default=Value("overig"),
        output_field=CharField(),
    )
    counts = {
        row[0]: row[1:]
        for row in Registration.objects.exclude(status="geannuleerd")
        .annotate(kind=kind)
        .values_list("kind")
        .annotate(
            registration_count=Count("pk", distinct=True),
            attendee_count=Count(
                "attendees", filter=_confirmed_attendees(), distinct=True
            ),
        )
        .order_by()
    }
    return Table(
        "organisaties",
        _("Aanmeldingen en deelnemers per soort organisatie"),
        [_("Soort organisatie"), _("Aanmeldingen"), _("Bevestigde deelnemers")],
        [
            (str(label).capitalize(), *counts.get(value, (0, 0)))
            for value, label in kinds.items()
        ],
    )


def searches_without_results():
    from search.models import QueryLog

    rows = (
        QueryLog.objects.filter(result_count=0)
        .values_list("query")
        .annotate(total=Count("pk"))
        .order_by("-total", "query")[:SEARCH_ROWS]
    )
    return Table(
        "zoekvragen-zonder-resultaat",
        _("Zoekvragen zonder resultaat"),
        [_("Zoekvraag"), _("Aantal keer gezocht")],
        [tuple(row) for row in rows],
        _("De %(count)s meest gezochte vragen zonder resultaat.")
        % {"count": SEARCH_ROWS},
    )


REPORTS = [
    practices_per_theme,
    practices_per_region,
    practices_per_municipality,
    practices_per_status,
    practices_per_evidence_level,
    new_practices_per_quarter,
    contributions_per_municipality,
    registrations_per_session,
    registrations_per_organisation_kind,
    searches_without_results,
]
REPORT_KEYS = {
    "themas": practices_per_theme,
    "riec-regios": practices_per_region,
    "gemeenten": practices_per_municipality,
    "status": practices_per_status,
    "bewijs": practices_per_evidence_level,
    "per-kwartaal": new_practices_per_quarter,
    "bijdragen": contributions_per_municipality,
    "bijeenkomsten": registrations_per_session,
    "organisaties": registrations_per_organisation_kind,
    "zoekvragen-zonder-resultaat": searches_without_results,
}


def all_tables():
    return [report() for report in REPORTS]
