"""The practice detail page: structure, restricted details, contact, related practices,
documents, sessions and a fixed number of queries."""

import datetime

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.documents import get_document_model

import pytest

from events.models import SessionPage
from practices.models import PracticeDocument, RelatedPracticeLink
from tests.factories import make_practice

SECRET = "Pand aan de Geheimstraat 1"


def get(client, practice):
    response = client.get(practice.url)
    assert response.status_code == 200
    return response


@pytest.mark.django_db
def test_key_facts_come_first_with_breadcrumbs_and_section_headings(
    client, practice_index
):
    practice = make_practice(
        "Pandenaanpak",
        municipality="GM0599",
        themes=["witwassen"],
        tags=["bibob"],
        status="geevalueerd",
        evidence_level="goed-onderbouwd",
        evidence_assessed_on=datetime.date(2025, 3, 14),
        period_start=datetime.date(2023, 1, 1),
        neighbourhood="Oud-Charlois",
        results="<p>Minder panden.</p>",
        what_did_not_work="<p>Camera's.</p>",
        lessons="<p>Begin vroeg.</p>",
        costs_and_capacity="<p>Twee fte.</p>",
    )

    html = get(client, practice).content.decode()

    assert html.index('class="key-facts"') < html.index('id="problem-heading"')
    for text in [
        "Rotterdam",
        "RIEC Rotterdam",
        "Witwassen",
        "Geëvalueerd",
        "Goed onderbouwd",
        "14 maart 2025",
        "Oud-Charlois",
        "Casus",
    ]:
        assert text in html
    assert 'aria-label="Kruimelpad"' in html
    for heading in [
        "Het probleem",
        "De aanpak",
        "Resultaten",
        "Wat werkte niet",
        "Geleerde lessen",
        "Kosten en capaciteit",
        "Trefwoorden",
    ]:
        assert f">{heading}</h2>" in html
    assert 'href="/praktijken/?trefwoord=bibob"' in html
    assert 'href="/praktijken/?thema=witwassen"' in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_restricted_details_hidden_from_anonymous_visitors(client, practice_index):
    practice = make_practice(restricted_details=f"<p>{SECRET}</p>")

    assert SECRET not in get(client, practice).content.decode()


@pytest.mark.django_db
def test_restricted_details_hidden_from_users_without_the_permission(
    client, practice_index
):
    from tests.factories import make_user

    practice = make_practice(restricted_details=f"<p>{SECRET}</p>")
    client.force_login(make_user())

    assert SECRET not in get(client, practice).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["government_user", "editor", "contributor"])
def test_restricted_details_shown_to_signed_in_government_users(
    client, practice_index, request, who
):
    practice = make_practice(restricted_details=f"<p>{SECRET}</p>")
    client.force_login(request.getfixturevalue(who))

    html = get(client, practice).content.decode()

    assert SECRET in html
    assert "Vertrouwelijke details" in html


@pytest.mark.django_db
@pytest.mark.parametrize("consent", [True, False])
def test_contact_person_only_with_consent(client, practice_index, consent):
    practice = make_practice(
        contact_name="Karel Contact",
        contact_email="karel@gemeente.example",
        contact_phone="010 123 45 67",
        contact_consent=consent,
    )

    html = get(client, practice).content.decode()

    for value in ["Karel Contact", "karel@gemeente.example", "010 123 45 67"]:
        assert (value in html) is consent


@pytest.mark.django_db
def test_related_practices_editor_chosen_first_then_by_shared_terms(
    client, practice_index
):
    practice = make_practice(
        "Hoofd",
        themes=["witwassen", "zorgfraude"],
        interventions=["fiscaal"],
        tags=["bibob"],
    )
    chosen = make_practice("Gekozen", themes=["mensenhandel-en-uitbuiting"])
    very_similar = make_practice(
        "Erg verwant",
        themes=["witwassen", "zorgfraude"],
        interventions=["fiscaal"],
        tags=["bibob"],
    )
    somewhat = make_practice("Beetje verwant", themes=["witwassen"])
    make_practice("Niet verwant", themes=["drugscriminaliteit"])
    make_practice("Concept", themes=["witwassen"], live=False)
    RelatedPracticeLink.objects.create(page=practice, practice=chosen)

    related = get(client, practice).context["related_practices"]

    assert [p.title for p in related] == [
        chosen.title,
        very_similar.title,
        somewhat.title,
    ]


@pytest.mark.django_db
def test_documents_with_type_extension_and_size(client, practice_index):
    document = get_document_model()(title="Evaluatierapport")
    document.file.save(
        "evaluatie.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 2048), save=False
    )
    document.file_size = document.file.size
    document.save()
    practice = make_practice()
    PracticeDocument.objects.create(
        page=practice,
        document=document,
        document_type=PracticeDocument.DocumentType.EVALUATION,
    )

    html = get(client, practice).content.decode()

    assert "Evaluatierapport" in html
    assert "Evaluatie, PDF, 2,0" in html


@pytest.mark.django_db
def test_presented_at_lists_live_sessions_only(client, practice_index, home_page):
    from events.models import SessionIndexPage

    practice = make_practice()
    sessions = SessionIndexPage(title="Leerbijeenkomsten", slug="leerbijeenkomsten")
    home_page.add_child(instance=sessions)
    start = timezone.now() + datetime.timedelta(days=10)
    for title, live in [("Leersessie Rotterdam", True), ("Concept-sessie", False)]:
        session = SessionPage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            summary="Over de wijk.",
            start=start,
            end=start + datetime.timedelta(hours=2),
            capacity=10,
            format=SessionPage.Format.ONLINE,
            online_meeting_url="https://meet.example/x",
            live=live,
        )
        sessions.add_child(instance=session)
        session.practices_presented.add(practice)
        session.save()

    html = get(client, practice).content.decode()

    assert ">Gepresenteerd op</h2>" in html
    assert "Leersessie Rotterdam" in html
    assert "Concept-sessie" not in html


@pytest.mark.django_db
def test_no_sessions_section_without_sessions(client, practice_index):
    assert "Gepresenteerd op" not in get(client, make_practice()).content.decode()


def _detail_queries(client, practice):
    client.get(practice.url)
    with CaptureQueriesContext(connection) as queries:
        get(client, practice)
    return len(queries)


@pytest.mark.django_db
def test_detail_query_count_does_not_grow(client, practice_index):
    terms = {
        "themes": ["witwassen", "zorgfraude"],
        "tags": ["bibob", "horeca"],
        "interventions": ["fiscaal"],
    }
    practice = make_practice("Hoofd", **terms)
    for _ in range(5):
        other = make_practice(**terms)
        RelatedPracticeLink.objects.create(page=practice, practice=other)
    with_five = _detail_queries(client, practice)
    for _ in range(45):
        make_practice(**terms)
    for _ in range(3):
        RelatedPracticeLink.objects.create(page=practice, practice=make_practice())
    with_fifty = _detail_queries(client, practice)

    assert with_fifty == with_five
