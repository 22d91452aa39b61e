"""Cities compared on a theme: per theme dossier a matrix of the municipalities with
practices in the theme against the tracks and intervention types they used
(/themas/<theme>/gemeenten/).

A municipality counts for a practice when it leads it or takes part in it, the same rule
as the listing's ``gemeente`` filter, so every count links to the practice listing
filtered on theme, municipality and track or intervention type, and that listing shows
exactly that many practices.

The matrix is read in a fixed number of queries (one per kind of link plus the reference
data), whatever the number of practices or municipalities.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from home.models import InterventionType, Municipality, Track
from practices.models import PracticePage


@dataclass
class MatrixCell:
    count: int
    url: str
    term: object = None  # the track or intervention type; None for the total


@dataclass
class MatrixRow:
    municipality: Municipality
    total: MatrixCell
    tracks: list = field(default_factory=list)
    interventions: list = field(default_factory=list)


@dataclass
class ThemeMatrix:
    tracks: list
    interventions: list
    rows: list
    practice_count: int

    @property
    def column_count(self):
        return len(self.tracks) + len(self.interventions)


def _pairs(model, page_column, term_column, practice_ids):
    return model.objects.filter(**{f"{page_column}__in": practice_ids}).values_list(
        page_column, term_column
    )


def theme_matrix(theme, listing_url):
    """The ThemeMatrix of ``theme``; counts link to ``listing_url`` with filters (or
    are plain numbers when there is no listing)."""
    practices = (
        PracticePage.objects.live().public().filter(themes=theme).order_by().distinct()
    )
    practice_ids = practices.values("pk")
    # practice id → the municipalities it counts for (lead and participating).
    municipalities_of = defaultdict(set)
    for practice_id, municipality_id in practices.values_list(
        "pk", "lead_municipality_id"
    ):
        municipalities_of[practice_id].add(municipality_id)
    through = PracticePage.other_municipalities.through
    for practice_id, municipality_id in _pairs(
        through, "practicepage_id", "municipality_id", practice_ids
    ):
        if practice_id in municipalities_of:
            municipalities_of[practice_id].add(municipality_id)
    tracks_of = defaultdict(set)
    for practice_id, track_id in _pairs(
        PracticePage.tracks.through, "practicepage_id", "track_id", practice_ids
    ):
        tracks_of[practice_id].add(track_id)
    interventions_of = defaultdict(set)
    for practice_id, intervention_id in _pairs(
        PracticePage.intervention_types.through,
        "practicepage_id",
        "interventiontype_id",
        practice_ids,
    ):
        interventions_of[practice_id].add(intervention_id)

    totals = defaultdict(int)
    track_counts = defaultdict(int)
    intervention_counts = defaultdict(int)
    for practice_id, municipality_ids in municipalities_of.items():
        for municipality_id in municipality_ids:
            totals[municipality_id] += 1
            for track_id in tracks_of[practice_id]:
                track_counts[municipality_id, track_id] += 1
            for intervention_id in interventions_of[practice_id]:
                intervention_counts[municipality_id, intervention_id] += 1

    tracks = list(Track.objects.all())
    interventions = list(InterventionType.objects.all())
    municipalities = sorted(
        Municipality.objects.filter(pk__in=list(totals)),
        key=lambda municipality: municipality.sort_key,
    )

    def link(count, term=None, **filters):
        if not listing_url or not count:
            return MatrixCell(count, "", term)
        query = urlencode({"thema": theme.slug, **filters})
        return MatrixCell(count, f"{listing_url}?{query}", term)

    rows = []
    for municipality in municipalities:
        here = {"gemeente": municipality.slug}
        rows.append(
            MatrixRow(
                municipality=municipality,
                total=link(totals[municipality.pk], **here),
                tracks=[
                    link(
                        track_counts[municipality.pk, track.pk],
                        track,
                        spoor=track.slug,
                        **here,
                    )
                    for track in tracks
                ],
                interventions=[
                    link(
                        intervention_counts[municipality.pk, intervention.pk],
                        intervention,
                        interventie=intervention.slug,
                        **here,
                    )
                    for intervention in interventions
                ],
            )
        )
    return ThemeMatrix(
        tracks=tracks,
        interventions=interventions,
        rows=rows,
        practice_count=len(municipalities_of),
    )
