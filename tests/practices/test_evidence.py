"""Evidence as a growth path: only editors set a level above practice experience, every
published change is a step with date, assessor and motivation, the practice page shows
the path, the listing filters on "beoordeeld sinds", and contributors ask for an
assessment."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.urls import reverse

import pytest

from practices.evidence import can_assess_evidence
from practices.models import (
    AssessmentRequest,
    EvidenceAssessment,
    MunicipalityPracticesPage,
    PracticePage,
)
from tests import factories
from tests.practices.test_pages import practice_form_data

RECOGNISED = {
    "evidence_level": "erkend",
    "evidence_assessed_on": "2025-03-01",
    "evidence_assessor": "Erkenningscommissie Justitiële Interventies",
    "evidence_motivation": "Effectonderzoek 2024 toont minder recidive.",
}


def folder_of(code):
    return MunicipalityPracticesPage.objects.get(municipality__cbs_code=code)


def add_url(code):
    return reverse(
        "wagtailadmin_pages:add", args=["practices", "practicepage", folder_of(code).pk]
    )


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_data(page, **overrides):
    data = practice_form_data(page.lead_municipality, title=page.title, slug=page.slug)
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_who_may_assess_evidence(contributor, editor, government_user):
    admin = factories.make_user("beheerder", is_superuser=True)
    assert can_assess_evidence(editor)
    assert can_assess_evidence(admin)
    assert not can_assess_evidence(contributor)
    assert not can_assess_evidence(government_user)
    assert not can_assess_evidence(AnonymousUser())
    editor.is_active = False
    assert not can_assess_evidence(editor)


@pytest.mark.django_db
def test_contributor_cannot_give_a_new_practice_a_higher_level(client, contributor):
    client.force_login(contributor)
    data = practice_form_data(factories.municipality("GM0599"), **RECOGNISED)

    response = client.post(add_url("GM0599"), data)

    assert response.status_code == 302
    practice = PracticePage.objects.get(slug="nieuwe-aanpak-in-de-wijk")
    assert practice.evidence_level == "praktijkervaring"
    assert practice.evidence_assessor == ""


@pytest.mark.django_db
def test_contributor_cannot_change_a_level_the_editors_set(client, contributor):
    practice = factories.make_practice(
        "Erkende aanpak",
        municipality="GM0599",
        evidence_level="erkend",
        evidence_assessed_on=datetime.date(2025, 3, 1),
        evidence_assessor="Erkenningscommissie",
        evidence_motivation="Onderzocht.",
    )
    client.force_login(contributor)
    html = client.get(edit_url(practice)).content.decode()
    assert 'name="evidence_level"' in html and "disabled" in html
    assert "Beoordeling aanvragen" in html

    client.post(
        edit_url(practice),
        edit_data(practice, evidence_level="praktijkervaring", evidence_assessor=""),
    )

    revision = practice.get_latest_revision_as_object()
    assert revision.evidence_level == "erkend"
    assert revision.evidence_assessor == "Erkenningscommissie"


@pytest.mark.django_db
def test_editor_sets_a_level_with_date_assessor_and_motivation(client, editor):
    practice = factories.make_practice("Aanpak", municipality="GM0599")
    client.force_login(editor)

    data = edit_data(practice, **RECOGNISED)
    data["action-publish"] = "Publiceren"
    response = client.post(edit_url(practice), data)

    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.evidence_level == "erkend"
    (step,) = EvidenceAssessment.objects.filter(page=practice)
    assert step.level == "erkend"
    assert step.assessed_on == datetime.date(2025, 3, 1)
    assert step.assessor == "Erkenningscommissie Justitiële Interventies"
    assert step.motivation == "Effectonderzoek 2024 toont minder recidive."
    assert step.recorded_by == editor


@pytest.mark.django_db
@pytest.mark.parametrize(
    "missing", ["evidence_assessed_on", "evidence_assessor", "evidence_motivation"]
)
def test_a_higher_level_needs_date_assessor_and_motivation(client, editor, missing):
    practice = factories.make_practice("Aanpak", municipality="GM0599")
    client.force_login(editor)
    data = edit_data(practice, **{**RECOGNISED, missing: ""})
    data["action-publish"] = "Publiceren"

    response = client.post(edit_url(practice), data)

    assert response.status_code == 200
    assert missing in response.context["form"].errors
    practice.refresh_from_db()
    assert practice.evidence_level == "praktijkervaring"
    assert not EvidenceAssessment.objects.exists()


@pytest.mark.django_db
def test_each_published_change_adds_one_step_and_the_page_shows_the_path(
    client, editor
):
    practice = factories.make_practice(
        "Groeiende aanpak", municipality="GM0599", live=False, with_revision=True
    )
    practice.evidence_level = "goed-beschreven"
    practice.evidence_assessed_on = datetime.date(2024, 5, 1)
    practice.evidence_assessor = "Movisie"
    practice.evidence_motivation = "Werkwijze goed beschreven."
    practice.save_revision(user=editor).publish(user=editor)
    practice.title = "Groeiende aanpak (bijgewerkt)"
    practice.save_revision(user=editor).publish(user=editor)  # same evidence
    practice.evidence_level = "erkend"
    practice.evidence_assessed_on = datetime.date(2025, 3, 1)
    practice.evidence_assessor = "Erkenningscommissie"
    practice.evidence_motivation = "Effect aangetoond."
    practice.save_revision(user=editor).publish(user=editor)

    steps = list(
        EvidenceAssessment.objects.filter(page=practice).values_list("level", flat=True)
    )
    assert steps == ["praktijkervaring", "goed-beschreven", "erkend"]

    html = client.get(practice.url).content.decode()
    assert "Groeipad van het bewijs" in html
    timeline = html[html.index('class="evidence-timeline"') :]
    assert timeline.index("Goed beschreven") < timeline.index("Formeel erkend")
    assert "Beoordeeld door Movisie" in timeline
    assert "Effect aangetoond." in timeline
    assert '<time datetime="2025-03-01">' in timeline


@pytest.mark.django_db
def test_listing_filters_on_assessed_since(client, practice_index):
    factories.make_practice(
        "Oud beoordeeld",
        evidence_level="goed-beschreven",
        evidence_assessed_on=datetime.date(2022, 1, 1),
    )
    factories.make_practice(
        "Recent beoordeeld",
        evidence_level="erkend",
        evidence_assessed_on=datetime.date(2025, 6, 1),
    )
    factories.make_practice("Nooit beoordeeld")

    html = client.get(
        "/praktijken/", {"beoordeeld-sinds": "2024-01-01"}
    ).content.decode()

    assert "Recent beoordeeld" in html
    assert "Oud beoordeeld" not in html
    assert "Nooit beoordeeld" not in html
    assert "Beoordeeld sinds: 1 januari 2024" in html

    response = client.get("/praktijken/", {"beoordeeld-sinds": "gisteren"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "niet toegepast" in html
    assert "Nooit beoordeeld" in html


@pytest.mark.django_db
def test_contributor_requests_an_assessment_and_the_editors_are_told(
    client, contributor, editor
):
    practice = factories.make_practice("Onze aanpak", municipality="GM0599")
    client.force_login(contributor)
    url = reverse("practices_request_assessment", args=[practice.pk])
    assert client.get(url).status_code == 200
    mail.outbox.clear()

    response = client.post(url, {"message": "De evaluatie van 2025 is af."})

    assert response.status_code == 302
    request = AssessmentRequest.objects.get()
    assert request.page == practice
    assert request.requested_by == contributor
    (message,) = [m for m in mail.outbox if editor.email in m.to]
    assert "Onze aanpak" in message.subject
    assert "De evaluatie van 2025 is af." in message.body
    assert f"/admin/pages/{practice.pk}/edit/" in message.body


@pytest.mark.django_db
def test_an_empty_request_is_refused_without_storing(client, contributor):
    practice = factories.make_practice("Onze aanpak", municipality="GM0599")
    client.force_login(contributor)

    response = client.post(
        reverse("practices_request_assessment", args=[practice.pk]), {"message": " "}
    )

    assert response.status_code == 400
    assert not AssessmentRequest.objects.exists()


@pytest.mark.django_db
def test_no_requests_for_another_municipalitys_practice(client, contributor):
    practice = factories.make_practice("Amsterdamse aanpak", municipality="GM0363")
    client.force_login(contributor)

    response = client.post(
        reverse("practices_request_assessment", args=[practice.pk]),
        {"message": "Graag"},
    )

    # Wagtail's admin answers a PermissionDenied with a redirect to the dashboard.
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    assert not AssessmentRequest.objects.exists()


@pytest.mark.django_db
def test_editors_see_the_requests_contributors_do_not(client, contributor, editor):
    practice = factories.make_practice("Onze aanpak", municipality="GM0599")
    AssessmentRequest.objects.create(
        page=practice, requested_by=contributor, message="Graag"
    )
    url = reverse("wagtailsnippets_practices_assessmentrequest:list")
    client.force_login(editor)
    assert "Onze aanpak" in client.get(url).content.decode()
    client.force_login(contributor)
    assert client.get(url).status_code in (302, 403)
