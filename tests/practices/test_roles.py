"""Roles and workflow: contributors write for their own municipality only and cannot
publish; ministry editors approve or reject; onboarding by command and in the admin."""

from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

import pytest

from practices.models import Contributor, MunicipalityPracticesPage, PracticePage
from practices.roles import (
    CONTRIBUTORS_GROUP,
    EDITORS_GROUP,
    can_view_restricted_details,
)
from tests import factories
from tests.practices.test_pages import practice_form_data


def add_url(folder):
    return f"/admin/pages/add/practices/practicepage/{folder.pk}/"


def folder_of(code):
    return MunicipalityPracticesPage.objects.get(municipality__cbs_code=code)


@pytest.fixture
def amsterdam_practice(practice_index):
    return factories.make_practice("Amsterdamse aanpak", municipality="GM0363")


@pytest.mark.django_db
def test_groups_exist_with_their_rights(practice_index):
    editors = Group.objects.get(name=EDITORS_GROUP)
    contributors = Group.objects.get(name=CONTRIBUTORS_GROUP)
    editor_page_rights = set(
        editors.page_permissions.values_list("permission__codename", flat=True)
    )
    assert {"add_page", "change_page", "publish_page"} <= editor_page_rights
    assert not contributors.page_permissions.exists()
    assert practice_index.get_workflow().tasks.get().specific.groups.get() == editors


@pytest.mark.django_db
def test_contributor_creates_and_submits_in_own_municipality(
    client, contributor, editor
):
    client.force_login(contributor)
    folder = folder_of("GM0599")

    assert client.get(add_url(folder)).status_code == 200
    data = practice_form_data(factories.municipality("GM0599"))
    data["action-submit"] = "Ter beoordeling indienen"
    response = client.post(add_url(folder), data)

    assert response.status_code == 302
    practice = PracticePage.objects.get(slug="nieuwe-aanpak-in-de-wijk")
    assert practice.live is False
    assert practice.owner == contributor
    assert practice.current_workflow_state.status == "in_progress"
    # The editors are told that something waits for review.
    assert any(editor.email in message.to for message in mail.outbox)


@pytest.mark.django_db
def test_contributor_cannot_publish(client, contributor):
    client.force_login(contributor)
    folder = folder_of("GM0599")
    data = practice_form_data(factories.municipality("GM0599"))
    data["action-publish"] = "Publiceren"

    client.post(add_url(folder), data)

    practice = PracticePage.objects.filter(slug="nieuwe-aanpak-in-de-wijk").first()
    assert practice is None or not practice.live
    assert not folder.permissions_for_user(contributor).can_publish_subpage()
    own = factories.make_practice(municipality="GM0599")
    assert not own.permissions_for_user(contributor).can_publish()
    assert not own.permissions_for_user(contributor).can_unpublish()
    client.post(reverse("wagtailadmin_pages:unpublish", args=[own.pk]))
    own.refresh_from_db()
    assert own.live


@pytest.mark.django_db
def test_contributor_cannot_edit_another_municipalitys_practice(
    client, contributor, amsterdam_practice
):
    client.force_login(contributor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[amsterdam_practice.pk])

    response = client.get(edit_url)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")

    data = practice_form_data(factories.municipality("GM0363"), title="Gekaapt")
    client.post(edit_url, data)
    amsterdam_practice.refresh_from_db()
    assert amsterdam_practice.title == "Amsterdamse aanpak"
    assert not amsterdam_practice.get_latest_revision()


@pytest.mark.django_db
def test_contributor_cannot_add_to_another_municipalitys_folder(
    client, contributor, amsterdam_practice
):
    client.force_login(contributor)

    response = client.get(add_url(folder_of("GM0363")))

    assert response.status_code in (302, 403)
    assert not PracticePage.objects.filter(owner=contributor).exists()


@pytest.mark.django_db
def test_contributor_sees_only_own_folder_in_the_explorer(
    contributor, amsterdam_practice
):
    policy = PagePermissionPolicy()
    assert policy.explorable_root_instance(contributor).specific == folder_of("GM0599")
    explorable = policy.explorable_instances(contributor)
    assert not explorable.filter(pk=amsterdam_practice.pk).exists()


@pytest.mark.django_db
def test_contributor_may_not_edit_the_folder_itself(client, contributor):
    client.force_login(contributor)
    folder = folder_of("GM0599")

    response = client.get(reverse("wagtailadmin_pages:edit", args=[folder.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=[folder.pk])


@pytest.mark.django_db
def test_anonymous_is_sent_to_the_login(client, amsterdam_practice):
    response = client.get(
        reverse("wagtailadmin_pages:edit", args=[amsterdam_practice.pk])
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def submit_as(contributor):
    practice = factories.make_practice(
        "Ingediende aanpak", municipality="GM0599", live=False
    )
    practice.owner = contributor
    practice.save()
    revision = practice.save_revision(user=contributor)
    practice.get_workflow().start(practice, contributor)
    return practice, revision


@pytest.mark.django_db
def test_editor_approves_and_the_practice_goes_live(client, contributor, editor):
    practice, _ = submit_as(contributor)
    task_state = practice.current_workflow_task_state
    mail.outbox.clear()
    client.force_login(editor)

    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[practice.pk, "approve", task_state.pk],
        ),
        {"comment": "Mooi beschreven."},
    )

    assert response.status_code in (200, 302)
    practice.refresh_from_db()
    assert practice.live
    assert any(contributor.email in message.to for message in mail.outbox)


@pytest.mark.django_db
def test_editor_rejects_with_a_comment_and_the_contributor_is_told(
    client, contributor, editor
):
    practice, _ = submit_as(contributor)
    task_state = practice.current_workflow_task_state
    mail.outbox.clear()
    client.force_login(editor)

    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[practice.pk, "reject", task_state.pk],
        ),
        {"comment": "Voeg de resultaten toe."},
    )

    practice.refresh_from_db()
    assert not practice.live
    task_state.refresh_from_db()
    assert task_state.status == "rejected"
    assert task_state.get_comment() == "Voeg de resultaten toe."
    to_contributor = [m for m in mail.outbox if contributor.email in m.to]
    assert to_contributor
    assert "Voeg de resultaten toe." in to_contributor[0].body


@pytest.mark.django_db
def test_contributor_cannot_approve(client, contributor):
    practice, _ = submit_as(contributor)
    task_state = practice.current_workflow_task_state
    client.force_login(contributor)

    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[practice.pk, "approve", task_state.pk],
        ),
        {"comment": ""},
    )

    practice.refresh_from_db()
    assert not practice.live


@pytest.mark.django_db
def test_who_may_read_restricted_details(contributor, editor, government_user):
    from django.contrib.auth.models import AnonymousUser

    assert can_view_restricted_details(contributor)
    assert can_view_restricted_details(editor)
    assert can_view_restricted_details(government_user)
    assert not can_view_restricted_details(AnonymousUser())
    assert not can_view_restricted_details(factories.make_user())
    government_user.is_active = False
    assert not can_view_restricted_details(government_user)


@pytest.mark.django_db
def test_onboard_command_creates_then_moves_a_contributor(practice_index, capsys):
    call_command(
        "onboard_contributor",
        email="Wijkmanager@Tilburg.example",
        name="Wim Wijkmanager",
        municipality="GM0855",
    )
    output = capsys.readouterr().out
    contributor = Contributor.objects.get(user__email="wijkmanager@tilburg.example")
    user = contributor.user
    assert contributor.municipality.cbs_code == "GM0855"
    assert not user.has_usable_password()
    # A new account gets the invitation with its set-password link (no reset page).
    assert "Uitnodiging verstuurd naar wijkmanager@tilburg.example" in output
    assert [message.to for message in mail.outbox] == [["wijkmanager@tilburg.example"]]
    assert set(user.groups.values_list("name", flat=True)) == {
        CONTRIBUTORS_GROUP,
        "Bijdragers Tilburg (GM0855)",
    }

    call_command(
        "onboard_contributor",
        email="wijkmanager@tilburg.example",
        name="Wim Wijkmanager",
        municipality="breda",
    )

    contributor.refresh_from_db()
    assert contributor.municipality.cbs_code == "GM0758"
    assert set(user.groups.values_list("name", flat=True)) == {
        CONTRIBUTORS_GROUP,
        "Bijdragers Breda (GM0758)",
    }
    assert Contributor.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_onboard_command_refuses_an_unknown_municipality(practice_index):
    with pytest.raises(CommandError, match="Onbekende gemeente"):
        call_command(
            "onboard_contributor",
            email="a@b.example",
            name="A B",
            municipality="GM9999",
        )


@pytest.mark.django_db
def test_onboarding_in_the_admin(client, editor, practice_index):
    client.force_login(editor)
    url = reverse("wagtailsnippets_practices_contributor:add")

    response = client.post(
        url,
        {
            "full_name": "Anna Ambtenaar",
            "email": "anna@utrecht.example",
            "municipality": factories.municipality("GM0344").pk,
        },
    )

    assert response.status_code == 302
    contributor = Contributor.objects.get(user__email="anna@utrecht.example")
    assert contributor.municipality.cbs_code == "GM0344"
    assert contributor.user.groups.filter(name=CONTRIBUTORS_GROUP).exists()


@pytest.mark.django_db
def test_contributors_cannot_onboard(client, contributor):
    client.force_login(contributor)

    response = client.get(reverse("wagtailsnippets_practices_contributor:add"))

    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_onboarding_never_reactivates_a_deactivated_account(practice_index, capsys):
    user = factories.make_contributor("GM0599", username="oud@rotterdam.example")
    user.is_active = False
    user.save()
    mail.outbox.clear()

    with pytest.raises(CommandError, match="gedeactiveerd"):
        call_command(
            "onboard_contributor",
            email="oud@rotterdam.example",
            name="Oud Account",
            municipality="GM0855",
        )

    user.refresh_from_db()
    assert not user.is_active
    assert user.check_password(factories.PASSWORD)  # untouched
    assert user.contributor.municipality.cbs_code == "GM0599"
    assert mail.outbox == []


@pytest.mark.django_db
def test_admin_onboarding_refuses_a_deactivated_account(client, editor, practice_index):
    user = factories.make_user("weg@utrecht.example", is_active=False)
    client.force_login(editor)

    response = client.post(
        reverse("wagtailsnippets_practices_contributor:add"),
        {
            "full_name": "Weg Geweest",
            "email": "weg@utrecht.example",
            "municipality": factories.municipality("GM0344").pk,
        },
    )

    assert response.status_code == 200
    assert "gedeactiveerd" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active
    assert not Contributor.objects.filter(user=user).exists()


@pytest.fixture
def two_drafts(contributor, practice_index):
    """A draft of the contributor and one of a colleague, in the same folder."""
    colleague = factories.make_contributor("GM0599")
    own = factories.make_practice("Eigen concept", municipality="GM0599", live=False)
    own.owner = contributor
    own.save()
    theirs = factories.make_practice(
        "Concept collega", municipality="GM0599", live=False
    )
    theirs.owner = colleague
    theirs.save()
    published = factories.make_practice("Gepubliceerd", municipality="GM0599")
    published.owner = contributor
    published.save()
    return own, theirs, published


def delete_url(page):
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


@pytest.mark.django_db
def test_contributor_deletes_only_own_drafts(client, contributor, two_drafts):
    own, theirs, published = two_drafts
    client.force_login(contributor)

    # Wagtail answers a refused admin action with a redirect to the dashboard.
    assert client.post(delete_url(theirs)).url == reverse("wagtailadmin_home")
    assert client.post(delete_url(published)).url == reverse("wagtailadmin_home")
    client.post(delete_url(own))

    assert not PracticePage.objects.filter(pk=own.pk).exists()
    assert PracticePage.objects.filter(pk__in=[theirs.pk, published.pk]).count() == 2
    # Listings and the bulk delete action ask the same tester, also for a plain Page.
    assert (
        not Page.objects.get(pk=theirs.pk)
        .permissions_for_user(contributor)
        .can_delete()
    )


@pytest.mark.django_db
def test_editor_deletes_any_practice(client, editor, two_drafts):
    _own, theirs, published = two_drafts
    client.force_login(editor)

    client.post(delete_url(theirs))
    client.post(delete_url(published))
    assert not PracticePage.objects.filter(pk__in=[theirs.pk, published.pk]).exists()
