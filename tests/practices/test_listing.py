"""The practice listing at /praktijken/: filters, sorting, pagination, query counts."""

import datetime
import itertools

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from tests.factories import make_practice

URL = "/praktijken/"


def titles(response):
    return [practice.title for practice in response.context["practices"]]


def count_queries_once(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def count_queries(client, url):
    client.get(url)  # warm the per-process caches (site root paths), as in production
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_listing_renders_live_practices_only(client, practice_index):
    make_practice("Zichtbare praktijk")
    make_practice("Concept", live=False)

    response = client.get(URL)

    assert response.status_code == 200
    assert titles(response) == ["Zichtbare praktijk"]
    assert b"Concept" not in response.content
    assert b'rel="alternate" type="application/atom+xml"' in response.content


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_number_of_practices(client, practice_index):
    for _ in range(5):
        make_practice(themes=["witwassen", "zorgfraude"], tags=["bibob"])
    with_five = count_queries(client, URL)
    for _ in range(45):
        make_practice(themes=["witwassen", "drugscriminaliteit"], tags=["horeca"])
    with_fifty = count_queries(client, URL)

    assert with_fifty == with_five
    # Filtered and paged lists too.
    assert count_queries(client, URL + "?thema=witwassen&page=3") == count_queries(
        client, URL + "?thema=witwassen&page=2"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("param", "value", "matching", "other"),
    [
        ("thema", "zorgfraude", {"themes": ["zorgfraude"]}, {"themes": ["witwassen"]}),
        (
            "interventie",
            "fiscaal",
            {"interventions": ["fiscaal"]},
            {"interventions": ["preventie"]},
        ),
        ("partner", "fiod", {"partners": ["fiod"]}, {"partners": ["politie"]}),
        ("spoor", "groep", {"tracks": ["groep"]}, {"tracks": ["persoon-en-gezin"]}),
        ("gemeente", "GM0599", {"municipality": "GM0599"}, {"municipality": "GM0363"}),
        (
            "gemeente",
            "rotterdam",
            {"municipality": "GM0599"},
            {"municipality": "GM0363"},
        ),
        # A participating (not leading) municipality counts too.
        ("gemeente", "schiedam", {"others": ["GM0606"]}, {"municipality": "GM0606"}),
        ("regio", "limburg", {"municipality": "GM0935"}, {"municipality": "GM0014"}),
        ("soort", "goede-praktijk", {"kind": "goede-praktijk"}, {"kind": "casus"}),
        ("status", "pilot", {"status": "pilot"}, {"status": "lopend"}),
        (
            "bewijs",
            "erkend",
            {
                "evidence_level": "erkend",
                "evidence_assessed_on": datetime.date(2025, 1, 1),
            },
            {"evidence_level": "praktijkervaring"},
        ),
        ("trefwoord", "bibob", {"tags": ["Bibob"]}, {"tags": ["horeca"]}),
        ("jaar", "2022", {"period_start": datetime.date(2022, 5, 1)}, {}),
    ],
)
def test_each_filter(client, practice_index, param, value, matching, other):
    make_practice("Treffer", **matching)
    other = (
        {"municipality": "GM0014", **other}
        if param == "gemeente" and "others" in matching
        else other
    )
    make_practice("Geen treffer", **other)

    response = client.get(URL, {param: value})

    assert response.status_code == 200
    if param == "gemeente" and "others" in matching:
        # "Geen treffer" leads in Schiedam itself here, so both match.
        assert set(titles(response)) == {"Treffer", "Geen treffer"}
    else:
        assert titles(response) == ["Treffer"]
    assert response.context["filter_notices"] == []


@pytest.mark.django_db
def test_year_falls_back_to_first_publication(client, practice_index):
    published = timezone.make_aware(datetime.datetime(2021, 3, 1, 12))
    make_practice("Zonder startdatum", published_at=published)
    make_practice("Met startdatum", period_start=datetime.date(2021, 1, 1))
    make_practice("Ander jaar", period_start=datetime.date(2024, 1, 1))

    response = client.get(URL, {"jaar": "2021"})

    assert set(titles(response)) == {"Zonder startdatum", "Met startdatum"}


@pytest.mark.django_db
def test_filters_combine(client, practice_index):
    make_practice("Beide", municipality="GM0599", themes=["witwassen"])
    make_practice("Alleen thema", municipality="GM0363", themes=["witwassen"])
    make_practice("Alleen gemeente", municipality="GM0599", themes=["zorgfraude"])

    response = client.get(URL, {"thema": "witwassen", "gemeente": "GM0599"})

    assert titles(response) == ["Beide"]
    assert "Thema: Witwassen" in response.context["filter"].applied_labels()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "thema=bestaat-niet",
        "gemeente=GM9999",
        "regio=atlantis",
        "status=onzin",
        "jaar=abc",
        "jaar=1850",
        "trefwoord=%3Cscript%3E",
        "sortering=willekeurig",
        "thema=witwassen&thema=zorgfraude",
    ],
)
def test_unknown_values_are_ignored_with_a_dutch_notice(client, practice_index, query):
    make_practice("Eén", themes=["witwassen"])
    make_practice("Twee", themes=["zorgfraude"])

    response = client.get(f"{URL}?{query}")

    assert response.status_code == 200
    if query.startswith("thema=witwassen&"):
        # Several values: the first is used, no notice.
        assert titles(response) == ["Eén"]
        return
    assert len(titles(response)) == 2
    notices = response.context["filter_notices"]
    assert len(notices) == 1
    assert "niet toegepast" in str(notices[0])
    assert b"<script>" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["0", "-1", "abc", "999", "1.5", ""])
def test_bad_page_falls_back_gracefully(client, practice_index, page):
    for _ in range(13):
        make_practice()

    response = client.get(URL, {"page": page})

    assert response.status_code == 200
    assert len(response.context["practices"]) in (12, 1)


@pytest.mark.django_db
def test_pagination_keeps_the_filters(client, practice_index):
    for _ in range(13):
        make_practice(themes=["witwassen"])

    response = client.get(URL, {"thema": "witwassen"})

    assert len(response.context["practices"]) == 12
    assert b"thema=witwassen&amp;page=2" in response.content


@pytest.mark.django_db
def test_sort_newest_and_title(client, practice_index):
    now = timezone.now()
    make_practice("Bravo", published_at=now - datetime.timedelta(days=2))
    make_practice("Charlie", published_at=now - datetime.timedelta(days=1))
    make_practice("Alfa", published_at=now - datetime.timedelta(days=3))

    assert titles(client.get(URL)) == ["Charlie", "Bravo", "Alfa"]
    assert titles(client.get(URL, {"sortering": "titel"})) == [
        "Alfa",
        "Bravo",
        "Charlie",
    ]


@pytest.mark.django_db
def test_form_works_without_javascript(client, practice_index):
    make_practice(themes=["witwassen"])

    response = client.get(URL, {"thema": "witwassen"})
    html = response.content.decode()

    assert '<form class="practice-filters" method="get"' in html
    assert '<option value="witwassen" selected>' in html
    for name in [
        "thema",
        "interventie",
        "partner",
        "spoor",
        "gemeente",
        "regio",
        "soort",
        "status",
        "bewijs",
        "trefwoord",
        "jaar",
        "sortering",
    ]:
        assert f'<label class="utrecht-form-label" for="id_{name}">' in html


@pytest.mark.django_db
def test_municipality_folder_redirects_to_filtered_listing(client, practice_index):
    practice = make_practice(municipality="GM0599")

    response = client.get(practice.get_parent().url)

    assert response.status_code == 302
    assert response["Location"] == "/praktijken/?gemeente=rotterdam"


@pytest.fixture
def data_cache_on(settings, monkeypatch):
    from django.core.cache import cache

    from home import page_cache

    settings.DATA_CACHE_TIMEOUT = 300
    # Nothing is kept within CLOCK_MARGIN_NS of a change, and the factories change
    # things (the site) just before each request.
    monkeypatch.setattr(page_cache, "CLOCK_MARGIN_NS", 0)
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_filter_choices_come_from_the_cache_until_publishing(
    client, practice_index, data_cache_on, django_capture_on_commit_callbacks
):
    make_practice(themes=["witwassen"], tags=["bibob"])
    for _ in range(20):
        make_practice(themes=["witwassen"], tags=["horeca"])
    # Each URL once, so that the kept content of the listing (test_content_cache.py)
    # never answers: what is counted is a full render with the choices cached.
    fresh = (f"{URL}?ongebruikt={number}" for number in itertools.count())
    client.get(next(fresh))  # the choices are computed and kept
    cached = count_queries_once(client, next(fresh))
    # Fixed, and without the queries over all practices for municipalities, tags and
    # years (the live practices: count and page, restrictions, page and themes).
    assert cached <= 15, cached
    html = client.get(next(fresh)).content.decode()
    assert 'value="bibob"' in html
    assert 'value="nieuw-trefwoord"' not in html

    with django_capture_on_commit_callbacks(execute=True):
        make_practice(tags=["Nieuw trefwoord"], with_revision=True)

    html = client.get(next(fresh)).content.decode()
    assert 'value="nieuw-trefwoord"' in html
    assert count_queries_once(client, next(fresh)) == cached


@pytest.mark.django_db
def test_select_options_are_escaped_and_keep_the_choice(client, practice_index):
    make_practice(tags=['<b>"vet"</b> & zo'], municipality="GM0599")
    html = client.get(URL + "?gemeente=rotterdam").content.decode()
    assert '<option value="rotterdam" selected>Rotterdam</option>' in html
    assert "&lt;b&gt;&quot;vet&quot;&lt;/b&gt; &amp; zo" in html
    assert '<b>"vet"' not in html
