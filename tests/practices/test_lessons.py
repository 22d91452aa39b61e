"""Lessons flow back: lessons an editor records on a session that took place appear on
the presented practice's page and in its search document."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from practices.models import SessionLesson
from search.sources import practice_document
from tests import factories
from tests.practices.builders import make_session


@pytest.mark.django_db
def test_lessons_of_a_past_session_appear_on_the_practice_page(client, practice_index):
    practice = factories.make_practice("Pandenaanpak", municipality="GM0599")
    session = make_session(
        "Leerbijeenkomst vastgoed",
        days=-7,
        practices=[practice],
        lessons=[(practice, "<p>Begin met een gezamenlijk pandenbeeld.</p>")],
    )

    html = client.get(practice.url).content.decode()

    assert "Lessen uit de leerbijeenkomst Leerbijeenkomst vastgoed" in html
    assert "Begin met een gezamenlijk pandenbeeld." in html
    assert f'href="{session.url}"' in html
    date = timezone.localtime(session.start).date().isoformat()
    assert f'<time datetime="{date}">' in html


@pytest.mark.django_db
def test_lessons_of_a_future_or_unpublished_session_do_not_appear(
    client, practice_index
):
    practice = factories.make_practice("Pandenaanpak", municipality="GM0599")
    future = make_session("Toekomst", days=7, practices=[practice])
    SessionLesson.objects.create(
        session=future, practice=practice, lessons="<p>Nog niet gebeurd.</p>"
    )
    past = make_session(
        "Verleden",
        days=-7,
        practices=[practice],
        lessons=[(practice, "<p>Ingetrokken les.</p>")],
    )
    past.unpublish()

    html = client.get(practice.url).content.decode()

    assert "Nog niet gebeurd." not in html
    assert "Ingetrokken les." not in html
    assert "Lessen uit de leerbijeenkomst" not in html


@pytest.mark.django_db
def test_lessons_are_refused_before_the_session_took_place(practice_index):
    practice = factories.make_practice("Pandenaanpak", municipality="GM0599")
    future = make_session("Toekomst", days=7, practices=[practice])

    lesson = SessionLesson(session=future, practice=practice, lessons="<p>x</p>")
    with pytest.raises(ValidationError, match="na afloop"):
        lesson.clean()

    future.end = timezone.now() - datetime.timedelta(hours=1)
    future.start = future.end - datetime.timedelta(hours=2)
    lesson.clean()  # after the session it is fine


@pytest.mark.django_db
def test_lessons_are_in_the_practices_search_document(practice_index):
    practice = factories.make_practice("Pandenaanpak", municipality="GM0599")
    make_session(
        "Leerbijeenkomst vastgoed",
        days=-7,
        practices=[practice],
        lessons=[(practice, "<p>Betrek de woningcorporatie vroeg.</p>")],
    )

    document = practice_document(practice)

    assert "Betrek de woningcorporatie vroeg." in document["body"]


@pytest.mark.django_db
def test_publishing_a_session_reindexes_its_practices(
    practice_index, monkeypatch, django_capture_on_commit_callbacks
):
    import search.signals

    refreshed = []
    monkeypatch.setattr(search.signals, "refresh_pages", refreshed.append)
    practice = factories.make_practice("Pandenaanpak", municipality="GM0599")
    other = factories.make_practice("Andere aanpak", municipality="GM0599")

    with django_capture_on_commit_callbacks(execute=True):
        make_session(
            "Leerbijeenkomst",
            days=-7,
            practices=[practice],
            lessons=[(practice, "<p>Les.</p>")],
        )

    ids = {page_id for batch in refreshed for page_id in batch}
    assert practice.pk in ids
    assert other.pk not in ids
