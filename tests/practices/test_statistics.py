"""Statistics for editors: the figures are right, every table has an accessible SVG
chart and a data table, exports as CSV, only editors see it, and the report runs a
fixed number of queries however much content there is."""

import csv
import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from events import services
from practices.statistics import REPORT_KEYS, all_tables
from search.models import QueryLog
from tests import factories
from tests.practices.builders import make_session


def table(key):
    return REPORT_KEYS[key]()


def rows(key):
    return {row[0]: row[1:] for row in table(key).rows}


def register(session, count, **organisation):
    people = [
        services.AttendeeData(
            name=f"Deelnemer {i}", email=f"d{session.pk}-{i}-{id(organisation)}@x.nl"
        )
        for i in range(count)
    ]
    return services.register(
        session,
        organisation=services.Organisation(**organisation),
        contact_name="Contact",
        contact_email="contact@x.nl",
        attendees=people,
        notify=False,
        now=session.start - datetime.timedelta(days=1),
    )


@pytest.fixture
def content(practice_index):
    factories.make_practice(
        "A", municipality="GM0599", themes=["witwassen"], status="pilot"
    )
    factories.make_practice(
        "B",
        municipality="GM0599",
        themes=["witwassen", "zorgfraude"],
        evidence_level="erkend",
        evidence_assessed_on="2025-01-01",
    )
    factories.make_practice("C", municipality="GM0935", themes=["zorgfraude"])
    factories.make_practice("Concept", municipality="GM0935", live=False)
    factories.make_contributor("GM0599")
    QueryLog.objects.create(query="flitsbezorger", result_count=0)
    QueryLog.objects.create(query="flitsbezorger", result_count=0)
    QueryLog.objects.create(query="witwassen", result_count=3)


@pytest.mark.django_db
def test_practice_figures(content):
    themes = rows("themas")
    assert themes["Witwassen"] == (2,)
    assert themes["Zorgfraude"] == (2,)
    assert themes["Drugscriminaliteit"] == (0,)
    regions = rows("riec-regios")
    assert regions["RIEC Rotterdam"] == (2,)
    assert regions["RIEC Limburg"] == (1,)
    assert rows("gemeenten") == {"Rotterdam": (2,), "Maastricht": (1,)}
    assert rows("status")["Pilot"] == (1,)
    assert rows("status")["Lopend"] == (2,)
    assert rows("bewijs")["Formeel erkend"] == (1,)
    assert rows("bewijs")["Praktijkervaring"] == (2,)
    assert sum(total for (total,) in rows("per-kwartaal").values()) == 3
    contributions = rows("bijdragen")
    assert contributions["Rotterdam"] == (2, 2, 1)
    assert contributions["Maastricht"] == (2, 1, 0)
    assert rows("zoekvragen-zonder-resultaat") == {"flitsbezorger": (2,)}


@pytest.mark.django_db
def test_registration_figures(practice_index):
    session = make_session("Vastgoed", days=10)
    register(session, 2, municipality=factories.municipality("GM0599"))
    register(session, 1, other_name="Politie Rotterdam")
    cancelled, _token = register(
        session, 1, municipality=factories.municipality("GM0363")
    )
    services.cancel_registration(cancelled.pk, notify=False)

    (per_session,) = table("bijeenkomsten").rows
    assert per_session[0].startswith("Vastgoed (")
    assert per_session[1:] == (2, 3, 0)
    kinds = rows("organisaties")
    assert kinds["Gemeente"] == (1, 2)
    assert kinds["Andere organisatie"] == (1, 1)
    assert kinds["Stedennetwerk"] == (0, 0)


@pytest.mark.django_db
def test_the_report_shows_charts_and_tables_to_editors(client, editor, content):
    client.force_login(editor)

    response = client.get(reverse("practices_statistics"))

    assert response.status_code == 200
    html = response.content.decode()
    for key in REPORT_KEYS:
        assert f'id="{key}"' in html
        assert reverse("practices_statistics_csv", args=[key]) in html
    assert html.count('role="img"') >= 8  # tables without rows have no chart
    assert '<title id="chart-themas-title">Praktijken per thema</title>' in html
    assert '<th scope="row">Witwassen</th>' in html


@pytest.mark.django_db
def test_every_table_exports_as_csv(client, editor, content):
    client.force_login(editor)
    for key in REPORT_KEYS:
        response = client.get(reverse("practices_statistics_csv", args=[key]))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        text = response.content.decode("utf-8-sig")
        parsed = list(csv.reader(io.StringIO(text)))
        expected = table(key)
        assert parsed[0] == [str(column) for column in expected.columns]
        assert len(parsed) == len(expected.rows) + 1
    text = client.get(
        reverse("practices_statistics_csv", args=["themas"])
    ).content.decode("utf-8-sig")
    assert "Witwassen,2" in text


@pytest.mark.django_db
def test_csv_cells_cannot_start_a_formula(client, editor, practice_index):
    QueryLog.objects.create(query="=hyperlink(1)", result_count=0)
    client.force_login(editor)
    text = client.get(
        reverse("practices_statistics_csv", args=["zoekvragen-zonder-resultaat"])
    ).content.decode("utf-8-sig")
    assert "'=hyperlink(1)" in text


@pytest.mark.django_db
def test_unknown_table_is_404(client, editor, practice_index):
    client.force_login(editor)
    response = client.get(reverse("practices_statistics_csv", args=["bestaat-niet"]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_contributors_and_visitors_do_not_see_statistics(client, contributor):
    for url in (
        reverse("practices_statistics"),
        reverse("practices_statistics_csv", args=["themas"]),
    ):
        client.logout()
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("wagtailadmin_login") in response["Location"]
        client.force_login(contributor)
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert b"Witwassen" not in response.content


@pytest.mark.django_db
def test_query_count_does_not_grow_with_content(practice_index):
    def count_queries(extra):
        for number in range(extra):
            code = ["GM0599", "GM0363", "GM0935"][number % 3]
            factories.make_practice(municipality=code, themes=["witwassen"])
            session = make_session(days=number - 2)
            register(session, 1, municipality=factories.municipality(code))
            QueryLog.objects.create(query=f"niets {number}", result_count=0)
        with CaptureQueriesContext(connection) as queries:
            tables = all_tables()
            for item in tables:
                list(item.rows)
        return len(queries)

    small = count_queries(2)
    large = count_queries(10)
    assert small == large
    assert large <= len(REPORT_KEYS) + 1
