"""Comparing practices side by side at /praktijken/vergelijk/?p=…&p=…: the table, the
cards, the downloads, restricted details, caching, bad input and query counts."""

import csv
import io
import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from openpyxl import load_workbook

from tests import factories
from tests.factories import make_practice, make_user
from tests.practices.builders import make_session
from tests.test_html_validity import validation_errors, vnu  # noqa: F401 (fixture)

URL = "/praktijken/vergelijk/"
SECRET = "Pand Kerkstraat 12 wordt gesloten"


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_TIMEOUT = 300
    settings.DATA_CACHE_TIMEOUT = 300
    cache.clear()
    yield
    cache.clear()


def compare(client, *practices, suffix="", **extra):
    query = "&".join(f"p={practice.pk}" for practice in practices)
    return client.get(f"{URL}{suffix}?{query}", **extra)


def two_practices():
    first = make_practice(
        "Aanpak jeugdgroep Charlois",
        municipality="GM0599",
        others=["GM0606"],
        tracks=["groep"],
        interventions=["bestuurlijk"],
        partners=["politie"],
        costs_and_capacity="<p>Twee fte per jaar</p>",
        results="<p>Minder overlast</p>",
        what_did_not_work="<p>Alleen handhaven werkte niet</p>",
        lessons="<p>Begin met de woningcorporatie</p>",
        evidence_level="goed-beschreven",
        evidence_assessed_on="2025-03-01",
        contact_name="Anna de Vries",
        contact_email="anna@rotterdam.example",
        contact_consent=True,
        restricted_details=f"<p>{SECRET}</p>",
    )
    second = make_practice(
        "Bibob-screening shishalounges",
        municipality="GM0518",
        tracks=["domein-en-gebied"],
        interventions=["fiscaal"],
        contact_name="Geheim Persoon",
        contact_consent=False,
    )
    return first, second


def cells(response, key):
    """The plain text of the table cells of row ``key``."""
    html = response.content.decode()
    match = re.search(
        rf'<tr class="compare-row compare-row--{key}">(.*?)</tr>', html, re.S
    )
    assert match, f"no row {key}"
    tds = re.findall(r"<td>(.*?)</td>", match.group(1), re.S)
    texts = [re.sub(r"<br>|</p>", " ", td) for td in tds]
    return [" ".join(re.sub(r"<[^>]+>", "", text).split()) for text in texts]


@pytest.mark.django_db
def test_practices_side_by_side_in_the_chosen_order(client, practice_index):
    first, second = two_practices()
    session = make_session("Leerbijeenkomst jeugdgroepen", days=-10, practices=[first])
    make_session(
        "Bijeenkomst met lessen",
        days=-20,
        practices=[second],
        lessons=[(second, "<p>Screen vóór de vergunning</p>")],
    )

    response = compare(client, second, first)

    assert response.status_code == 200
    assert [p.pk for p in response.context["practices"]] == [second.pk, first.pk]
    assert cells(response, "municipality") == [
        str(second.lead_municipality),
        f"{first.lead_municipality} met {factories.municipality('GM0606')}",
    ]
    assert cells(response, "region") == [
        str(second.lead_municipality.riec_region),
        str(first.lead_municipality.riec_region),
    ]
    assert cells(response, "tracks") == [
        factories.track("domein-en-gebied").name,
        factories.track("groep").name,
    ]
    assert "Fiscaal" in cells(response, "interventions")[0]
    assert "Politie" in cells(response, "partner_types")[1]
    assert cells(response, "evidence") == [
        "Praktijkervaring",
        "Goed beschreven (beoordeeld op 1 maart 2025)",
    ]
    assert cells(response, "costs") == ["–", "Twee fte per jaar"]
    assert cells(response, "results")[1] == "Minder overlast"
    assert cells(response, "did_not_work")[1] == "Alleen handhaven werkte niet"
    assert cells(response, "lessons")[1] == "Begin met de woningcorporatie"
    assert "Screen vóór de vergunning" in cells(response, "session_lessons")[0]
    assert session.title in cells(response, "presented_at")[1]
    assert cells(response, "presented_at")[0].startswith("Bijeenkomst met lessen")
    # The contact only with consent.
    assert "Anna de Vries" in cells(response, "contact")[1]
    assert cells(response, "contact")[0] == "Niet openbaar"
    assert "Geheim Persoon" not in response.content.decode()
    # Restricted details never for an anonymous visitor, and the page is shareable.
    assert SECRET not in response.content.decode()
    assert (
        'class="compare-row compare-row--restricted"' not in response.content.decode()
    )
    assert f"{URL}?p={second.pk}&amp;p={first.pk}" in response.content.decode()


@pytest.mark.django_db
def test_every_card_has_the_rows_in_the_order_of_the_table(client, practice_index):
    first, second = two_practices()

    response = compare(client, first, second)

    html = response.content.decode()
    table_rows = re.findall(r'<tr class="compare-row compare-row--(\w+)">', html)
    cards = html.split('<article class="card compare-card"')[1:]
    assert len(cards) == 2
    for card in cards:
        assert re.findall(r'compare-card__row compare-row--(\w+)"', card) == table_rows
    assert table_rows[:3] == ["municipality", "region", "province"]


@pytest.mark.django_db
def test_anonymous_comparison_is_publicly_cacheable(
    client, practice_index, page_cache_on
):
    first, second = two_practices()

    response = compare(client, first, second)
    again = compare(client, first, second)

    assert "public" in response["Cache-Control"]
    assert response["X-Page-Cache"] == "miss"
    assert again["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_publishing_a_practice_or_a_session_invalidates_the_cached_comparison(
    client, practice_index, page_cache_on, django_capture_on_commit_callbacks
):
    first, second = two_practices()
    compare(client, first, second)
    assert compare(client, first, second)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        second.title = "Nieuwe titel"
        second.save_revision().publish()

    response = compare(client, first, second)
    assert response["X-Page-Cache"] == "miss"
    assert "Nieuwe titel" in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        make_session("Nieuwe bijeenkomst", days=-3, practices=[first])
    response = compare(client, first, second)
    assert response["X-Page-Cache"] == "miss"
    assert "Nieuwe bijeenkomst" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["government_user", "editor"])
@pytest.mark.parametrize("suffix", ["", "csv/", "xlsx/"])
def test_restricted_details_for_allowed_users_only_and_never_cached(
    client, practice_index, page_cache_on, request, who, suffix
):
    first, second = two_practices()
    client.force_login(request.getfixturevalue(who))

    response = compare(client, first, second, suffix=suffix)

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
    content = response.content
    if suffix == "xlsx/":
        sheet = load_workbook(io.BytesIO(content)).active
        content = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
    else:
        content = content.decode("utf-8-sig")
    assert SECRET in content
    assert "Vertrouwelijke details" in content


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["", "csv/", "xlsx/"])
def test_restricted_details_hidden_from_users_without_the_permission(
    client, practice_index, suffix
):
    first, second = two_practices()
    client.force_login(make_user())

    response = compare(client, first, second, suffix=suffix)

    assert response.status_code == 200
    assert SECRET.encode() not in response.content
    assert b"Vertrouwelijke details" not in response.content
    # Signed in: personal, so never in the shared cache either.
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_csv_download_has_a_row_per_aspect_and_neutralises_formulas(
    client, practice_index
):
    first, second = two_practices()
    second.summary = '=HYPERLINK("http://evil.example","klik")'
    second.neighbourhood = "@SUM(1+1)"
    second.save()

    response = compare(client, first, second, suffix="csv/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    table = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert table[0] == ["Praktijk", first.title, second.title]
    by_label = {row[0]: row[1:] for row in table[1:]}
    assert by_label["Gemeente"][0].startswith("Rotterdam met")
    assert by_label["Geleerde lessen"] == ["Begin met de woningcorporatie", ""]
    assert by_label["Samenvatting"][1].startswith("'=HYPERLINK")
    assert by_label["Wijk of gebied"][1] == "'@SUM(1+1)"
    assert by_label["Contactpersoon"] == ["Anna de Vries, anna@rotterdam.example", ""]
    assert "Vertrouwelijke details" not in by_label


@pytest.mark.django_db
def test_xlsx_download_has_the_same_table(client, practice_index):
    first, second = two_practices()
    second.summary = "+31 nummer als formule"
    second.save()

    response = compare(client, first, second, suffix="xlsx/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Praktijk", first.title, second.title]
    by_label = {row[0]: row[1:] for row in rows[1:]}
    assert by_label["Samenvatting"][1] == "'+31 nummer als formule"
    assert by_label["Kosten en capaciteit"][0] == "Twee fte per jaar"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["", "csv/", "xlsx/"])
@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("", 400, "Kies minstens 2 en hoogstens 4"),
        ("p=abc", 400, "is geen nummer van een praktijk"),
        ("p=1%C2%B2", 400, "is geen nummer van een praktijk"),
        ("p=-3", 400, "is geen nummer van een praktijk"),
        ("p=99999999999999999999", 400, "is geen nummer van een praktijk"),
        ("p=999999&p=999998", 404, "bestaat niet (meer) of is niet openbaar"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_a_4xx(
    client, practice_index, suffix, query, status, message
):
    make_practice()

    response = client.get(f"{URL}{suffix}?{query}")

    assert response.status_code == status
    assert message in response.content.decode()
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_one_practice_is_too_few_and_is_offered_again(client, practice_index):
    only = make_practice("Eenzame praktijk")

    for query in (f"p={only.pk}", f"p={only.pk}&p={only.pk}"):
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 400
        html = response.content.decode()
        assert "Kies minstens 2 en hoogstens 4 verschillende praktijken" in html
        assert f'value="{only.pk}" form="compare-form" checked' in html
        assert "Eenzame praktijk" in html


@pytest.mark.django_db
def test_five_practices_are_too_many_and_can_be_narrowed_down(client, practice_index):
    practices = [make_practice(f"Praktijk nummer {n}") for n in range(5)]

    response = compare(client, *practices)

    assert response.status_code == 400
    html = response.content.decode()
    assert "hoogstens 4 praktijken tegelijk" in html
    assert html.count('name="p"') == 5
    assert "compare-table" not in html


@pytest.mark.django_db
def test_unpublished_and_private_practices_cannot_be_compared(client, practice_index):
    from wagtail.models import PageViewRestriction

    public = make_practice("Openbaar")
    draft = make_practice("Concept", live=False, restricted_details=f"<p>{SECRET}</p>")
    private = make_practice("Besloten")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )

    for hidden in (draft, private):
        response = compare(client, public, hidden)
        assert response.status_code == 404
        html = response.content.decode()
        assert f"niet openbaar: {hidden.pk}" in html
        assert hidden.title not in html
        assert SECRET not in html


@pytest.mark.django_db
def test_a_bare_visit_explains_how_to_choose(client, practice_index):
    response = client.get(URL)

    assert response.status_code == 400
    assert b'href="/praktijken/"' in response.content


@pytest.mark.django_db
def test_english_interface(client, practice_index):
    first, second = two_practices()

    response = client.get(f"/en{URL}?p={first.pk}&p={second.pk}")

    assert response.status_code == 200
    assert b"/en/praktijken/vergelijk/csv/" in response.content


def count_queries(client, practices, suffix=""):
    compare(client, *practices, suffix=suffix)  # warm the per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = compare(client, *practices, suffix=suffix)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["", "csv/"])
def test_query_count_is_the_same_for_two_and_four_practices(
    client, practice_index, suffix
):
    practices = [
        make_practice(
            others=["GM0606"],
            themes=["witwassen", "zorgfraude"],
            tracks=["groep", "domein-en-gebied"],
            interventions=["bestuurlijk", "fiscaal"],
            partners=["politie", "openbaar-ministerie"],
        )
        for _ in range(4)
    ]
    for practice in practices:
        make_session(
            days=-5,
            practices=[practice],
            lessons=[(practice, "<p>Een les</p>")],
        )

    with_two = count_queries(client, practices[:2], suffix)
    with_four = count_queries(client, practices, suffix)

    assert with_four == with_two
    assert with_two <= 20


@pytest.mark.django_db
def test_checkboxes_on_the_listing_the_dossier_and_the_practice_page(
    client, practice_index
):
    from practices.models import ThemeDossierIndexPage, ThemeDossierPage

    first, second = two_practices()
    response = client.get("/praktijken/")
    html = response.content.decode()
    assert (
        '<form class="compare-form" id="compare-form" method="get" action="/praktijken/vergelijk/">'
        in html
    )
    assert f'name="p" value="{first.pk}" form="compare-form"' in html

    dossiers = ThemeDossierIndexPage(title="Thema's", slug="themas")
    practice_index.get_parent().add_child(instance=dossiers)
    dossier = ThemeDossierPage(
        title="Witwassen",
        slug="witwassen",
        theme=factories.theme("witwassen"),
        introduction="<p>Over witwassen.</p>",
    )
    dossiers.add_child(instance=dossier)
    html = client.get(dossier.url).content.decode()
    assert f'name="p" value="{second.pk}" form="compare-form"' in html
    assert 'action="/praktijken/vergelijk/"' in html

    html = client.get(first.url).content.decode()
    assert 'id="compare-related"' in html
    assert f'<input type="hidden" name="p" value="{first.pk}">' in html
    assert f'id="compare-related-{second.pk}" name="p" value="{second.pk}"' in html


@pytest.mark.django_db
def test_comparison_matrix_and_error_pages_are_valid_html(
    client, practice_index, request, tmp_path
):
    vnu_command = request.getfixturevalue("vnu")  # skips loudly without Java
    from practices.models import ThemeDossierIndexPage, ThemeDossierPage

    first, second = two_practices()
    make_session(
        "Bijeenkomst met lessen",
        days=-20,
        practices=[first, second],
        lessons=[(second, "<p>Screen vóór de vergunning</p>")],
    )
    dossiers = ThemeDossierIndexPage(title="Thema's", slug="themas")
    practice_index.get_parent().add_child(instance=dossiers)
    dossiers.add_child(
        instance=ThemeDossierPage(
            title="Witwassen",
            slug="witwassen",
            theme=factories.theme("witwassen"),
            introduction="<p>Over witwassen.</p>",
        )
    )
    pages = {
        "compare.html": (f"{URL}?p={first.pk}&p={second.pk}", 200),
        "too-few.html": (f"{URL}?p={first.pk}", 400),
        "unknown.html": (f"{URL}?p={first.pk}&p=999999", 404),
        "matrix.html": ("/themas/witwassen/gemeenten/", 200),
        "dossier.html": ("/themas/witwassen/", 200),
        "listing.html": ("/praktijken/", 200),
        "practice.html": (first.url, 200),
    }
    for name, (url, status) in pages.items():
        response = client.get(url)
        assert response.status_code == status, url
        (tmp_path / name).write_bytes(response.content)

    errors = validation_errors(vnu_command, [str(tmp_path / name) for name in pages])

    assert not errors, "\n".join(
        f"{e.get('url', '?').rsplit('/', 1)[-1]} line {e.get('lastLine')}: "
        f"{e['message']} {e.get('extract', '')}"
        for e in errors
    )


@pytest.mark.django_db
def test_checkboxes_on_practices_in_the_search_results(client):
    from tests.search.conftest import SiteBuilder, rebuild_index

    builder = SiteBuilder()
    factories.make_home_page(slug=builder.home.slug)  # the builder's home as the site
    practice = builder.practice(
        "Aanpak criminele jeugdgroepen", "Gemeente en politie.", municipality="GM0599"
    )
    builder.session("Leerbijeenkomst jeugdgroepen")
    rebuild_index()

    html = client.get("/zoeken/?q=jeugdgroepen").content.decode()

    assert "Leerbijeenkomst jeugdgroepen" in html
    assert f'name="p" value="{practice.pk}" form="compare-form"' in html
    assert html.count('form="compare-form"') == 1  # a session has no checkbox
    assert 'id="compare-form" method="get" action="/praktijken/vergelijk/"' in html
