"""The events pages are valid HTML, checked by the Nu Html Checker like the other public
pages (the helpers of tests/test_html_validity.py, imported): the session list, a session
page with its registration form (empty and with errors), the thank-you page and the
manage page (with the add-attendees form, a refusal, one more row) and the page after
asking for a new link."""

from django.utils import timezone

from events import services
from events.models import SessionPage
from tests.test_html_validity import (  # noqa: F401 (vnu and demo_content: fixtures)
    demo_content,
    validation_errors,
    vnu,
)


def open_session():
    """A demo session that takes registrations and has free seats."""
    for session in SessionPage.objects.live().filter(start__gt=timezone.now()):
        if (
            session.registration_state() == "open"
            and services.seat_summary(session)["free"] >= 2
        ):
            return session
    raise AssertionError("the demo content has no open session with free seats")


def test_events_pages_are_valid_html(client, demo_content, vnu, tmp_path):  # noqa: F811
    session = open_session()
    registration, token = services.register(
        session,
        organisation=services.Organisation(other_name="RIEC Validatie"),
        contact_name="Carla",
        contact_email="carla@riec.example",
        attendees=[services.AttendeeData(name="Anna", email="anna@riec.example")],
        notify=False,
    )
    manage = f"{session.get_parent().url}aanmelding/{token}/"
    taken = {"email": "anna@riec.example"}
    add = {"nieuw-TOTAL_FORMS": "1", "nieuw-INITIAL_FORMS": "0", "nieuw-0-name": "A"}
    responses = {
        "session list": client.get("/leerbijeenkomsten/"),
        "past sessions": client.get("/leerbijeenkomsten/?periode=afgelopen"),
        "session page": client.get(session.url),
        "session page, errors": client.post(
            session.url, {"deelnemers-TOTAL_FORMS": "1", "contact_email": "x"}
        ),
        "manage page": client.get(manage, follow=True),
        "manage page, one more row": client.post(
            manage, {**add, "actie": "rij-toevoegen"}
        ),
        "manage page, incomplete addition": client.post(
            manage, {**add, "actie": "deelnemers-toevoegen"}
        ),
        "manage page, refused addition": client.post(
            manage,
            {
                **add,
                "nieuw-0-email": taken["email"],
                "actie": "deelnemers-toevoegen",
            },
        ),
    }
    client.post(
        session.url,
        {
            "organisation_type": "overig",
            "other_organisation": "Politie",
            "contact_name": "P",
            "contact_email": "p@politie.example",
            "consent": "on",
            "deelnemers-TOTAL_FORMS": "1",
            "deelnemers-INITIAL_FORMS": "0",
            "deelnemers-0-name": "P",
            "deelnemers-0-email": "p@politie.example",
        },
    )
    responses["thank-you page"] = client.get(
        session.url + session.reverse_subpage("registered")
    )
    # Last: it replaces the link, so the manage URL above stops working.
    responses["new link sent"] = client.post(manage, {"actie": "nieuwe-link"})
    expected = {
        "session page, errors": 400,
        "manage page, incomplete addition": 400,
        "manage page, refused addition": 409,
    }
    files = {}
    for number, (label, response) in enumerate(responses.items()):
        assert response.status_code == expected.get(label, 200), label
        name = f"events-{number}.html"
        (tmp_path / name).write_bytes(response.content)
        files[name] = label
    errors = validation_errors(vnu, [str(tmp_path / name) for name in files])
    report = [
        f"{files.get(e.get('url', '').rsplit('/', 1)[-1], '?')} line "
        f"{e.get('lastLine', '?')}: {e['message']}\n    {e.get('extract', '').strip()}"
        for e in errors
    ]
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(report)
