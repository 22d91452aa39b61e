"""Review that talks back: every decision of the editors reaches the contributor by
e-mail (Dutch, with working links) and on the dashboard, and is kept with the revision."""

from django.core import mail
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from practices.models import PracticeReviewTask, ReviewDecision
from tests import factories


def submit_as(contributor):
    practice = factories.make_practice(
        "Ingediende aanpak", municipality="GM0599", live=False
    )
    practice.owner = contributor
    practice.save()
    revision = practice.save_revision(user=contributor)
    practice.get_workflow().start(practice, contributor)
    return practice, revision


def act(client, practice, action, comment=None):
    task_state = practice.current_workflow_task_state
    data = {} if comment is None else {"comment": comment}
    return client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[practice.pk, action, task_state.pk],
        ),
        data,
    )


def mails_to(user):
    return [message for message in mail.outbox if user.email in message.to]


@pytest.mark.django_db
def test_the_workflow_uses_the_practice_review_task(practice_index):
    task = practice_index.get_workflow().tasks.get().specific
    assert isinstance(task, PracticeReviewTask)


@pytest.mark.django_db
def test_editor_sees_the_four_decisions(contributor, editor):
    practice, _ = submit_as(contributor)
    task = practice.current_workflow_task.specific
    labels = [label for _name, label, _data in task.get_actions(practice, editor)]
    assert [str(label) for label in labels] == [
        "Wijzigingen vragen",
        "Afwijzen",
        "Goedkeuren en publiceren",
        "Goedkeuren met opmerking",
    ]
    assert task.get_actions(practice, contributor) == []


@pytest.mark.django_db
def test_approve_with_comment_reaches_the_contributor(client, contributor, editor):
    practice, revision = submit_as(contributor)
    mail.outbox.clear()
    client.force_login(editor)

    act(client, practice, "approve", "Mooi beschreven, voeg later de evaluatie toe.")

    practice.refresh_from_db()
    assert practice.live
    decision = ReviewDecision.objects.get(page=practice)
    assert decision.outcome == ReviewDecision.Outcome.APPROVED_WITH_COMMENT
    assert decision.revision == revision
    assert decision.comment == "Mooi beschreven, voeg later de evaluatie toe."
    assert decision.reviewer == editor
    (message,) = mails_to(contributor)
    assert message.subject == "Gepubliceerd: Ingediende aanpak"
    assert "goedgekeurd en gepubliceerd" in message.body
    assert "Mooi beschreven, voeg later de evaluatie toe." in message.body
    assert practice.get_full_url() in message.body
    assert f"/admin/pages/{practice.pk}/edit/" in message.body


@pytest.mark.django_db
def test_approve_without_comment_is_told_too(client, contributor, editor):
    practice, _ = submit_as(contributor)
    mail.outbox.clear()
    client.force_login(editor)

    act(client, practice, "approve")

    decision = ReviewDecision.objects.get(page=practice)
    assert decision.outcome == ReviewDecision.Outcome.APPROVED
    (message,) = mails_to(contributor)
    assert "Opmerking" not in message.body


@pytest.mark.django_db
def test_request_changes_reaches_the_contributor(client, contributor, editor):
    practice, _ = submit_as(contributor)
    mail.outbox.clear()
    client.force_login(editor)

    act(client, practice, "reject", "Voeg de resultaten toe.")

    practice.refresh_from_db()
    assert not practice.live
    state = WorkflowState.objects.get(object_id=str(practice.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    decision = ReviewDecision.objects.get(page=practice)
    assert decision.outcome == ReviewDecision.Outcome.CHANGES_REQUESTED
    (message,) = mails_to(contributor)
    assert message.subject == "Wijzigingen gevraagd: Ingediende aanpak"
    assert "Voeg de resultaten toe." in message.body
    assert "dien haar opnieuw in" in message.body


@pytest.mark.django_db
def test_reject_ends_the_review_and_reaches_the_contributor(
    client, contributor, editor
):
    practice, _ = submit_as(contributor)
    mail.outbox.clear()
    client.force_login(editor)

    act(client, practice, "decline", "Dit is geen aanpak van ondermijning.")

    practice.refresh_from_db()
    assert not practice.live
    state = WorkflowState.objects.get(object_id=str(practice.pk))
    assert state.status == WorkflowState.STATUS_CANCELLED
    decision = ReviewDecision.objects.get(page=practice)
    assert decision.outcome == ReviewDecision.Outcome.REJECTED
    (message,) = mails_to(contributor)
    assert message.subject == "Afgewezen: Ingediende aanpak"
    assert "niet gepubliceerd" in message.body
    assert "Dit is geen aanpak van ondermijning." in message.body


@pytest.mark.django_db
def test_the_dashboard_shows_the_decision_and_comment(client, contributor, editor):
    practice, _ = submit_as(contributor)
    client.force_login(editor)
    act(client, practice, "reject", "Voeg de resultaten toe.")
    client.force_login(contributor)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Wijzigingen gevraagd" in html
    assert "Voeg de resultaten toe." in html


@pytest.mark.django_db
def test_contributor_cannot_decide(client, contributor):
    practice, _ = submit_as(contributor)
    client.force_login(contributor)

    for action in ("approve", "reject", "decline"):
        act(client, practice, action, "Zelf goedgekeurd")

    practice.refresh_from_db()
    assert not practice.live
    assert not ReviewDecision.objects.exists()


@pytest.mark.django_db
def test_only_one_mail_per_decision(client, contributor, editor):
    practice, _ = submit_as(contributor)
    mail.outbox.clear()
    client.force_login(editor)

    act(client, practice, "reject", "Meer cijfers graag.")

    assert len(mails_to(contributor)) == 1
