"""The public read API (Wagtail API v2). Each app registers its endpoint here.

Every endpoint is registered with BoundedParametersMixin: Wagtail's API passes several
query parameters straight to the database, where a bad value becomes a 500 (an id of
"x", an offset beyond 64 bits, a NUL byte on PostgreSQL, a lone quote in SQLite's
full-text syntax, an unknown search operator). The mixin checks them where they enter
and answers 400 with a message instead; see docs/security.md.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import Http404

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError

from practices.api import PracticesAPIViewSet

# Largest value of a 64-bit signed integer column (PostgreSQL bigint, SQLite INTEGER).
MAX_ID = 2**63 - 1
# Paging beyond this many items is refused: no listing of the portal is that long.
MAX_OFFSET = 100_000
MAX_SEARCH_LENGTH = 200
MAX_PARAMETER_LENGTH = 1_000
# Whole-number parameters: ASCII digits only (int() would accept "²"-like digits and
# spaces, the database then fails on the result).
NUMBER_PARAMETERS = {
    "limit",
    "offset",
    "id",
    "child_of",
    "descendant_of",
    "ancestor_of",
}
SEARCH_OPERATORS = {"and", "or"}
# Characters with a meaning in SQLite's FTS5 query syntax that a plain search term never
# needs; Wagtail passes them through.
FTS_SYNTAX = str.maketrans({'"': " "})


def _has_control_characters(value):
    return any(ord(char) < 32 or ord(char) == 127 for char in value)


def check_id(value, name):
    if not value.isascii() or not value.isdigit() or int(value) > MAX_ID:
        raise BadRequestError(f"{name} must be a positive whole number")
    return int(value)


class BoundedParametersMixin:
    """Refuses out-of-range or malformed query parameters with 400, never a 500."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self._check_parameters(request)

    def _check_parameters(self, request):
        query = request.GET
        for name, values in query.lists():
            for value in values:
                if len(value) > MAX_PARAMETER_LENGTH:
                    raise BadRequestError(f"{name} is too long")
                if _has_control_characters(value):
                    raise BadRequestError(f"{name} contains control characters")
        for name in NUMBER_PARAMETERS & set(query):
            check_id(query[name], name)
        for name in set(query) - NUMBER_PARAMETERS:
            self._check_integer_filter(name, query.getlist(name))
        if "offset" in query and int(query["offset"]) > MAX_OFFSET:
            raise BadRequestError(f"offset must be at most {MAX_OFFSET}")
        operator = query.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        search = query.get("search")
        if search is not None:
            if len(search) > MAX_SEARCH_LENGTH:
                raise BadRequestError(
                    f"search must be at most {MAX_SEARCH_LENGTH} characters"
                )
            cleaned = search.translate(FTS_SYNTAX)
            if not any(char.isalnum() for char in cleaned):
                # The search backends build no query from it (a 500 on SQLite).
                raise BadRequestError("search must contain a letter or a digit")
            if cleaned != search:
                request.GET = query.copy()
                request.GET["search"] = cleaned
                request._request.GET = request.GET

    def _check_integer_filter(self, name, values):
        """A filter on an integer, foreign-key or many-to-many field (?themes=…) takes a
        64-bit whole number."""
        try:
            field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return
        if not isinstance(
            field, models.IntegerField | models.ForeignKey | models.ManyToManyField
        ):
            return
        for value in values:
            digits = value.removeprefix("-")
            if not (digits.isascii() and digits.isdigit()) or int(digits) > MAX_ID:
                raise BadRequestError(f"{name} must be a whole number")

    def detail_view(self, request, pk):
        if int(pk) > MAX_ID:
            raise Http404("not found")
        return super().detail_view(request, pk)

    def filter_queryset(self, queryset):
        # Field filters (?period_start=…, ?themes=…) convert the value in the ORM,
        # which raises for a value of the wrong type.
        try:
            return super().filter_queryset(queryset)
        except (ValueError, OverflowError, ValidationError) as error:
            raise BadRequestError("a filter has a value of the wrong type") from error


class PublicPracticesAPIViewSet(BoundedParametersMixin, PracticesAPIViewSet):
    """/api/v2/praktijken/ with bounded parameters."""


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("praktijken", PublicPracticesAPIViewSet)
