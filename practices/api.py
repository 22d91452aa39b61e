"""The public read API of practices: /api/v2/praktijken/ (Wagtail API v2).

Only live, public practice pages, with the fields listed in PracticePage.api_fields.
restricted_details is not among them, so `?fields=restricted_details` is a 400 and
`?fields=*` leaves it out; the contact person appears only with consent.
"""

from wagtail.api.v2.views import PagesAPIViewSet

from practices.models import PracticePage


class PracticesAPIViewSet(PagesAPIViewSet):
    name = "praktijken"
    model = PracticePage
    # The endpoint serves practices only; "type" would let a client ask for others.
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"type"}
    listing_default_fields = PagesAPIViewSet.listing_default_fields + [
        "kind",
        "lead_municipality",
        "summary",
        "themes",
        "status",
        "evidence_level",
    ]

    def get_queryset(self):
        return (
            PracticePage.objects.filter(
                pk__in=self.get_base_queryset().values_list("pk", flat=True)
            )
            .select_related("lead_municipality__riec_region")
            .prefetch_related("themes")
            .order_by("-first_published_at", "-pk")
        )
