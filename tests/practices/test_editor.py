"""The practice editor as municipal staff use it: the fixed lead municipality, checkbox
groups, Dutch help texts on every field, and the contributor's dashboard."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from practices.models import MunicipalityPracticesPage, PracticePage
from tests import factories
from tests.practices.test_pages import practice_form_data


def folder_of(code):
    return MunicipalityPracticesPage.objects.get(municipality__cbs_code=code)


def add_url(folder):
    return reverse(
        "wagtailadmin_pages:add", args=["practices", "practicepage", folder.pk]
    )


@pytest.mark.django_db
def test_lead_municipality_is_filled_in_and_fixed(client, contributor):
    client.force_login(contributor)
    folder = folder_of("GM0599")

    html = client.get(add_url(folder)).content.decode()

    select = re.search(
        r'<select name="lead_municipality"[^>]*>(.*?)</select>', html, re.S
    )
    assert select is not None
    assert "disabled" in select.group(0)
    assert re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1)) == [
        "Rotterdam"
    ]


@pytest.mark.django_db
def test_a_posted_other_lead_municipality_is_ignored(client, contributor):
    client.force_login(contributor)
    folder = folder_of("GM0599")
    data = practice_form_data(factories.municipality("GM0363"))

    response = client.post(add_url(folder), data)

    assert response.status_code == 302
    practice = PracticePage.objects.get(slug="nieuwe-aanpak-in-de-wijk")
    assert practice.lead_municipality.cbs_code == "GM0599"


@pytest.mark.django_db
def test_multi_valued_fields_are_checkbox_groups(client, contributor):
    client.force_login(contributor)
    html = client.get(add_url(folder_of("GM0599"))).content.decode()

    for name in ("themes", "tracks", "intervention_types", "partner_types"):
        assert f'type="checkbox" name="{name}"' in html, name
        assert f'<select name="{name}" multiple' not in html
    # Other municipalities: checkboxes grouped per province, without the lead itself.
    assert 'type="checkbox" name="other_municipalities"' in html
    assert "<summary>Zuid-Holland</summary>" in html
    assert "Gemeenten in Zuid-Holland" in html
    rotterdam = factories.municipality("GM0599").pk
    assert f'name="other_municipalities" value="{rotterdam}"' not in html
    assert html.count('name="other_municipalities"') == 341


@pytest.mark.django_db
def test_other_municipalities_are_saved_and_their_province_opens(client, contributor):
    client.force_login(contributor)
    folder = folder_of("GM0599")
    data = practice_form_data(factories.municipality("GM0599"))
    data["other_municipalities"] = [factories.municipality("GM0150").pk]
    data["intervention_types"] = [factories.intervention_type("bestuurlijk").pk]

    client.post(add_url(folder), data)

    practice = PracticePage.objects.get(slug="nieuwe-aanpak-in-de-wijk")
    assert [m.cbs_code for m in practice.other_municipalities.all()] == ["GM0150"]
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[practice.pk])
    ).content.decode()
    assert re.search(r"<details[^>]*open[^>]*>\s*<summary>Overijssel</summary>", html)
    assert not re.search(r"<details[^>]*open[^>]*>\s*<summary>Limburg</summary>", html)


@pytest.mark.django_db
def test_every_field_of_the_practice_editor_has_a_dutch_help_text(contributor):
    from wagtail.admin.panels import FieldPanel

    handler = PracticePage.get_edit_handler()
    content = handler.children[0]
    names = [
        panel.field_name
        for panel in _walk(content)
        if isinstance(panel, FieldPanel) and panel.field_name != "slug"
    ]
    form_class = handler.get_form_class()
    form = form_class(
        for_user=contributor, parent_page=folder_of("GM0599"), instance=PracticePage()
    )
    missing = [name for name in names if not str(form.fields[name].help_text).strip()]
    assert not missing
    for name in names:
        text = str(form.fields[name].help_text)
        assert not re.search(r"\b(the|page|your)\b", text, re.I), (name, text)
    for child in ("documents", "related_practice_links"):
        model = PracticePage._meta.get_field(child).related_model
        for field in model._meta.fields:
            if field.editable and field.name not in ("id", "page", "sort_order"):
                assert str(field.help_text).strip(), (child, field.name)


def _walk(panel):
    yield panel
    for child in getattr(panel, "children", []):
        yield from _walk(child)


@pytest.mark.django_db
def test_dashboard_offers_a_new_practice_for_the_contributors_municipality(
    client, contributor
):
    client.force_login(contributor)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Nieuwe praktijk voor Rotterdam" in html
    assert add_url(folder_of("GM0599")) in html
    assert "Nieuwe praktijk voor Amsterdam" not in html


@pytest.mark.django_db
def test_dashboard_lists_my_practices_with_their_state(client, contributor):
    draft = factories.make_practice("Mijn concept", municipality="GM0599", live=False)
    live = factories.make_practice("Mijn gepubliceerde", municipality="GM0599")
    submitted = factories.make_practice(
        "Mijn ingediende", municipality="GM0599", live=False
    )
    other = factories.make_practice("Van een ander", municipality="GM0599")
    for page in (draft, live, submitted):
        page.owner = contributor
        page.save()
    submitted.save_revision(user=contributor)
    submitted.get_workflow().start(submitted, contributor)
    client.force_login(contributor)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    rows = dict(
        re.findall(
            r'<td class="title"><a [^>]*>([^<]+)</a></td>\s*<td><span [^>]*>([^<]+)</span>',
            html,
        )
    )
    assert rows == {
        "Mijn concept": "Concept",
        "Mijn gepubliceerde": "Gepubliceerd",
        "Mijn ingediende": "Ter beoordeling",
    }
    assert other.title not in html


@pytest.mark.django_db
def test_dashboard_panel_runs_a_fixed_number_of_queries(client, contributor):
    from practices.dashboard import ContributorPanel

    def count(n):
        for number in range(n):
            page = factories.make_practice(
                f"Aanpak {n}-{number}", municipality="GM0599", live=False
            )
            page.owner = contributor
            page.save()
        panel = ContributorPanel(contributor)
        with CaptureQueriesContext(connection) as queries:
            panel.render_html({"request": None})
        return len(queries)

    assert count(2) == count(10)


@pytest.mark.django_db
def test_editors_get_no_contributor_panel(client, editor, practice_index):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Nieuwe praktijk voor" not in html
