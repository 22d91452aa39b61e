"""The OpenAPI 3 description of the public search API (served at
/api/zoeken/openapi.json)."""

from search.engines import FACETS, MAX_FILTER_VALUES, SORTS, facet_choices

# The highest page number the API accepts (search.views checks the same number).
MAX_PAGE = 999_999


def _string_array(description, name):
    """The values of facet ``name``: its codes and names as they are now (the schema
    is generated per request), or a four-digit year."""
    if name == "year":
        items = {"type": "string", "pattern": "^[0-9]{4}$"}
    else:
        choices = facet_choices(name)
        names = sorted({*choices, *(str(label) for label in choices.values())})
        items = {"type": "string", "enum": names}
    return {
        "type": "array",
        "items": items,
        "maxItems": MAX_FILTER_VALUES,
        "description": description,
    }


def openapi_schema(server_url):
    facet_parameters = [
        {
            "name": name,
            "in": "query",
            "required": False,
            "style": "form",
            "explode": True,
            "description": (
                f"Filter op {str(label).lower()}: herhaal de parameter voor meer "
                "waarden (OF binnen een filter, EN tussen filters). Een waarde is de "
                "code (`value` in `facets`) of de naam (`label`), hoofdletters maken "
                "niet uit. Een onbekende waarde geeft 400 met de geldige waarden."
                + (" Een jaartal van vier cijfers." if name == "year" else "")
            ),
            "schema": _string_array(f"{label}-waarden", name),
        }
        for name, label in FACETS.items()
    ]
    error = {
        "description": "Onjuiste aanvraag, met een uitleg in het Nederlands.",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Kennisportaal Wijkaanpak & Ondermijning: zoeken",
            "version": "1",
            "description": (
                "Zoeken in praktijken en leerbijeenkomsten, met dezelfde resultaten en "
                "filters als de pagina /zoeken/."
            ),
        },
        "servers": [{"url": server_url.rstrip("/")}],
        "paths": {
            "/api/zoeken/": {
                "get": {
                    "operationId": "search",
                    "summary": "Zoeken met filters",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string"},
                            "description": (
                                "Zoekvraag; leeg geeft alles, nieuwste eerst. Langer dan "
                                "200 tekens wordt ingekort."
                            ),
                        },
                        {
                            "name": "sort",
                            "in": "query",
                            "required": False,
                            "schema": {
                                "type": "string",
                                "enum": list(SORTS),
                                "default": "relevance",
                            },
                        },
                        {
                            "name": "page",
                            "in": "query",
                            "required": False,
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": MAX_PAGE,
                                "default": 1,
                            },
                        },
                        *facet_parameters,
                    ],
                    "responses": {
                        "200": {
                            "description": "Resultaten, filters en suggesties",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Results"}
                                }
                            },
                        },
                        "400": error,
                        "404": {**error, "description": "Pagina voorbij de laatste."},
                        "405": {"description": "Alleen GET is toegestaan."},
                        "503": {
                            **error,
                            "description": "Zoeken is even niet beschikbaar.",
                        },
                    },
                }
            },
            "/zoeken/suggesties/": {
                "get": {
                    "operationId": "suggestTitles",
                    "summary": "Titels die passen bij wat iemand typt",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "Hoogstens acht titels",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "$ref": "#/components/schemas/TitleSuggestions"
                                    }
                                }
                            },
                        },
                        "400": {**error, "description": "De parameter q ontbreekt."},
                        "405": {"description": "Alleen GET is toegestaan."},
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error", "status"],
                    "properties": {
                        "error": {"type": "string"},
                        "status": {"type": "integer"},
                    },
                },
                "Hit": {
                    "type": "object",
                    "required": ["type", "title", "url", "snippet"],
                    "properties": {
                        "type": {"type": "string", "enum": ["practice", "session"]},
                        "type_label": {"type": "string"},
                        "title": {"type": "string"},
                        "url": {"type": "string", "format": "uri"},
                        "snippet": {
                            "type": "string",
                            "description": (
                                "HTML: ge-escapete tekst met <mark> om gevonden woorden"
                            ),
                        },
                        "municipality": {"type": "string"},
                        "themes": {"type": "array", "items": {"type": "string"}},
                        "date": {"type": "string", "format": "date", "nullable": True},
                        "missing": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": (
                                "Woorden uit de zoekvraag die dit resultaat niet bevat "
                                "(leeg als alle woorden voorkomen)."
                            ),
                        },
                    },
                },
                "FacetValue": {
                    "type": "object",
                    "properties": {
                        "value": {"type": "string"},
                        "label": {"type": "string"},
                        "count": {"type": "integer"},
                        "selected": {"type": "boolean"},
                    },
                },
                "Facet": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string", "enum": list(FACETS)},
                        "label": {"type": "string"},
                        "values": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/FacetValue"},
                        },
                    },
                },
                "Suggestion": {
                    "type": "object",
                    "properties": {
                        "kind": {
                            "type": "string",
                            "enum": ["spelling", "related", "remove-filter"],
                        },
                        "label": {"type": "string"},
                        "count": {"type": "integer"},
                        "url": {"type": "string", "format": "uri"},
                    },
                },
                "Promotion": {
                    "type": "object",
                    "properties": {
                        "title": {"type": "string"},
                        "url": {"type": "string"},
                        "description": {"type": "string"},
                    },
                },
                "Results": {
                    "type": "object",
                    "required": ["total", "page", "num_pages", "results", "facets"],
                    "properties": {
                        "query": {"type": "object"},
                        "total": {"type": "integer"},
                        "page": {"type": "integer"},
                        "num_pages": {"type": "integer"},
                        "results": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Hit"},
                        },
                        "facets": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Facet"},
                        },
                        "suggestions": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Suggestion"},
                        },
                        "promotions": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Promotion"},
                        },
                    },
                },
                "TitleSuggestions": {
                    "type": "object",
                    "properties": {
                        "q": {"type": "string"},
                        "suggestions": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "title": {"type": "string"},
                                    "url": {"type": "string"},
                                    "kind": {"type": "string"},
                                },
                            },
                        },
                    },
                },
            }
        },
    }
