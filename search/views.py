"""The public search: the page at /zoeken/, the JSON API, its OpenAPI schema and the
title suggestions. Thin: they read the request into a SearchQuery, ask the engine and
present its SearchResults."""

import unicodedata
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from wagtail.contrib.search_promotions.models import Query as PromotedQuery
from wagtail.search.utils import normalise_query_string

from home import page_cache
from home.links import absolute_url, in_interface_language
from home.models import PortalSettings
from search.analysis import MAX_QUERY_LENGTH
from search.engines import (
    FACETS,
    MAX_FILTER_VALUES,
    SORTS,
    PageOutOfRange,
    SearchQuery,
    SearchUnavailable,
    UnknownFacetValue,
    get_engine,
    resolve_facet_values,
)
from search.models import QueryLog, scrub_personal_data
from search.openapi import MAX_PAGE, openapi_schema

MAX_VALUE_LENGTH = 120
UNAVAILABLE = gettext_lazy(
    "Zoeken is even niet beschikbaar. Probeer het over een paar minuten opnieuw."
)


class BadSearchRequest(Exception):
    """A request error with a message for the visitor, in Dutch."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def clean_text(value):
    """``value`` without control characters (a NUL byte cannot even be stored)."""
    return "".join(c for c in value if unicodedata.category(c) not in ("Cc", "Cs"))


def query_from_request(request):
    """The SearchQuery a GET request asks for; raises BadSearchRequest."""
    params = request.GET
    q = " ".join(clean_text(params.get("q", "")).split())
    raw_page = params.get("page", "1").strip() or "1"
    # ASCII digits only: "²" and "①" are digits to str.isdigit() but not to int().
    if (
        not (raw_page.isascii() and raw_page.isdigit())
        or len(raw_page) > len(str(MAX_PAGE))
        or not 1 <= int(raw_page) <= MAX_PAGE
    ):
        raise BadSearchRequest(
            _("Het paginanummer moet een geheel getal vanaf 1 zijn.")
        )
    sort = params.get("sort", "relevance") or "relevance"
    if sort not in SORTS:
        raise BadSearchRequest(
            _("Sorteren kan alleen op relevantie of op datum (nieuwste eerst).")
        )
    filters = {}
    for name in FACETS:
        values = [clean_text(v).strip() for v in params.getlist(name)]
        values = [v for v in values if v]
        if len(values) > MAX_FILTER_VALUES:
            raise BadSearchRequest(
                _("Kies hoogstens %(count)s waarden per filter.")
                % {"count": MAX_FILTER_VALUES}
            )
        if any(len(v) > MAX_VALUE_LENGTH for v in values):
            raise BadSearchRequest(_("Een filterwaarde is te lang."))
        if values:
            try:
                filters[name] = resolve_facet_values(name, values)
            except UnknownFacetValue as error:
                raise BadSearchRequest(unknown_value_message(error)) from error
    return SearchQuery(q=q, filters=filters, sort=sort, page=int(raw_page))


def unknown_value_message(error):
    """In Dutch: which value is unknown, and which values the filter takes."""
    values = ", ".join(f"‘{v}’" for v in error.values)
    label = str(FACETS[error.facet]).lower()
    if error.choices is None:
        return _(
            "Onbekende waarde %(values)s voor het filter %(facet)s: geef een jaartal "
            "van vier cijfers, bijvoorbeeld 2024."
        ) % {"values": values, "facet": label}
    valid = "; ".join(
        f"{value} ({label})" if label.casefold() != value.casefold() else value
        for value, label in sorted(error.choices.items())
    )
    return _(
        "Onbekende waarde %(values)s voor het filter %(facet)s. Geldige waarden "
        "(de code of de naam, hoofdletters maken niet uit): %(valid)s."
    ) % {"values": values, "facet": label, "valid": valid or _("geen")}


def query_string(query, **changes):
    """The URL parameters of ``query`` (with ``changes``), for links that keep state."""
    params = [("q", query.q)] if query.q else []
    for name, values in query.filters.items():
        params.extend((name, value) for value in values)
    sort = changes.get("sort", query.sort)
    if sort != "relevance":
        params.append(("sort", sort))
    page = changes.get("page", 1)
    if page != 1:
        params.append(("page", page))
    return "?" + urlencode(params) if params else "?"


def promotions(q):
    """Editors' promoted results for this exact query (Wagtail search promotions)."""
    if not q:
        return []
    promoted = PromotedQuery.objects.filter(
        query_string=normalise_query_string(q)
    ).first()
    if promoted is None:
        return []
    found = []
    for pick in promoted.editors_picks.select_related("page").order_by("sort_order"):
        if pick.page_id and pick.page.live:
            found.append(
                {
                    "title": pick.page.title,
                    "url": pick.page.url,
                    "description": pick.description,
                }
            )
        elif pick.external_link_url:
            found.append(
                {
                    "title": pick.external_link_text or pick.external_link_url,
                    "url": pick.external_link_url,
                    "description": pick.description,
                }
            )
    return found


def log_query(q, result_count, normalised=None):
    """Keep the query for the editors' report, with e-mail addresses and long numbers
    removed from both the text and its normalised form; returns the normalised form."""
    scrubbed = scrub_personal_data(q)
    if normalised is None:
        normalised = get_engine().parse(scrubbed).normalised
    QueryLog.record(scrubbed, normalised, result_count)
    return normalised


# csrf_exempt: a POST is answered 405 (wrong method), not 403 (no CSRF token).
@csrf_exempt
@require_GET
def search_page(request):
    context = {"sorts": SORTS, "max_query_length": MAX_QUERY_LENGTH}
    try:
        query = query_from_request(request)
    except BadSearchRequest as error:
        context.update(
            error=error.message, q=request.GET.get("q", "")[:MAX_QUERY_LENGTH]
        )
        return render(request, "search/search_page.html", context, status=error.status)
    context["query"] = query
    context["q"] = query.q
    # The results part is the same for every anonymous visitor who asks the same
    # question, until the index, the promotions or the synonyms change (the `search`
    # tag): kept with its number of results, it is not searched or rendered again.
    page_cache.cache_content(request, "search", query_string(query))
    kept = page_cache.kept_content(request)
    # Both parts, or neither: the head (its feed link) needs the results too.
    if kept is not None and page_cache.kept_content(request, "head") is not None:
        if query.q and query.page == 1:
            log_query(query.q, kept[1]["total"], kept[1]["normalised"])
        return render(request, "search/search_page.html", context)
    try:
        results = get_engine().search(query)
    except PageOutOfRange as error:
        page_cache.skip_content(request)
        context["error"] = _(
            "Deze pagina bestaat niet: er zijn %(count)s pagina's met resultaten."
        ) % {"count": error.num_pages}
        context["last_page_url"] = query_string(query, page=error.num_pages)
        return render(request, "search/search_page.html", context, status=404)
    except SearchUnavailable:
        page_cache.skip_content(request)
        context["error"] = UNAVAILABLE
        return render(request, "search/search_page.html", context, status=503)
    normalised = None
    if query.q and query.page == 1:
        normalised = log_query(query.q, results.total)
    page_cache.keep_with_content(request, total=results.total, normalised=normalised)
    paginator = Paginator(range(results.total), query.per_page)
    promoted = promotions(query.q) if query.page == 1 else []
    context.update(
        results=results,
        page_obj=paginator.page(query.page) if results.total else None,
        promotions=promoted,
        shown_total=results.total + extra_promotions(promoted, results),
        selected=[
            {
                "facet": facet.label,
                "label": value.label,
                "url": query_string(query.without_filter(facet.name, value.value)),
            }
            for facet in results.facets
            for value in facet.values
            if value.selected
        ],
        sort_links=[
            {"value": key, "label": label, "url": query_string(query, sort=key)}
            for key, label in SORTS.items()
        ],
        suggestions=[
            {
                "kind": s.kind,
                "label": s.label,
                "count": s.count,
                "url": query_string(s.query),
            }
            for s in results.suggestions
        ],
    )
    if not results.total:
        context.update(
            popular_themes=popular_themes(),
            contact_email=PortalSettings.load(request_or_site=request).contact_email,
        )
    return render(request, "search/search_page.html", context)


def extra_promotions(promoted, results):
    """Promoted results that are not also among the results (so never "0 resultaten"
    above a promoted result)."""
    urls = {hit.url for hit in results.hits}
    return sum(1 for promotion in promoted if promotion["url"] not in urls)


def popular_themes(limit=5):
    """The themes with the most documents, as links (for a search without results)."""
    try:
        everything = get_engine().search(SearchQuery(per_page=1))
    except SearchUnavailable:
        return []
    themes = next((f for f in everything.facets if f.name == "theme"), None)
    if themes is None:
        return []
    return [
        {
            "label": value.label,
            "count": value.count,
            "url": reverse("search")
            + query_string(SearchQuery(filters={"theme": (value.value,)})),
        }
        for value in themes.values[:limit]
    ]


def results_as_json(results, request):
    query = results.query
    return {
        "query": {
            "q": query.q,
            "normalised": results.parsed.normalised,
            "truncated": results.parsed.truncated,
            "filters": {name: list(values) for name, values in query.filters.items()},
            "sort": query.sort,
            "page": query.page,
            "corrections": [
                {"typed": typed, "searched": corrected}
                for typed, corrected in results.parsed.corrections
            ],
        },
        "total": results.total,
        "page": query.page,
        "num_pages": results.num_pages,
        "results": [
            {
                "type": hit.kind,
                "type_label": str(hit.kind_label),
                "title": hit.title,
                "url": absolute_url(hit.url),
                "snippet": str(hit.snippet),
                "municipality": hit.municipality,
                "themes": hit.themes,
                "date": hit.date.isoformat() if hit.date else None,
                "missing": hit.missing,
            }
            for hit in results.hits
        ],
        "facets": [
            {
                "name": facet.name,
                "label": str(facet.label),
                "values": [
                    {
                        "value": v.value,
                        "label": v.label,
                        "count": v.count,
                        "selected": v.selected,
                    }
                    for v in facet.values
                ],
            }
            for facet in results.facets
        ],
        "suggestions": [
            {
                "kind": s.kind,
                "label": s.label,
                "count": s.count,
                "url": absolute_url(reverse("search") + query_string(s.query)),
            }
            for s in results.suggestions
        ],
        "promotions": promotions(query.q) if query.page == 1 else [],
    }


def json_error(message, status):
    return JsonResponse({"error": message, "status": status}, status=status)


@csrf_exempt
@require_GET
def search_api(request):
    try:
        query = query_from_request(request)
    except BadSearchRequest as error:
        return json_error(error.message, error.status)
    try:
        results = get_engine().search(query)
    except PageOutOfRange as error:
        return json_error(
            _("Deze pagina bestaat niet: er zijn %(count)s pagina's met resultaten.")
            % {"count": error.num_pages},
            404,
        )
    except SearchUnavailable:
        return json_error(str(UNAVAILABLE), 503)
    return JsonResponse(results_as_json(results, request))


@csrf_exempt
@require_GET
def openapi(request):
    return JsonResponse(openapi_schema(absolute_url("/")))


@csrf_exempt
@require_GET
def suggestions(request):
    """Titles that match what the visitor is typing (JSON, for search-suggest.js)."""
    if "q" not in request.GET:
        return json_error(_("De parameter q (wat er getypt is) ontbreekt."), 400)
    prefix = clean_text(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]
    try:
        titles = get_engine().suggest_titles(prefix) if prefix.strip() else []
    except SearchUnavailable:
        titles = []
    # The index keeps Dutch paths; an English visitor gets English ones.
    titles = [{**title, "url": in_interface_language(title["url"])} for title in titles]
    return JsonResponse({"q": prefix, "suggestions": titles})
