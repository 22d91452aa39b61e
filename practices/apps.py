from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def _attach_review_workflow(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from practices.roles import ensure_review_workflow

        ensure_review_workflow(instance)


def _reviewed_by_practice_task(workflow_state):
    from practices.models import PracticeReviewTask

    task_state = workflow_state.current_task_state
    return task_state is not None and isinstance(
        task_state.task.specific, PracticeReviewTask
    )


def _replace_wagtail_outcome_mails():
    """Wagtail mails the submitter on approval and rejection; for practices the review
    task sends its own Dutch message with the comment (practices.review), so Wagtail's
    is skipped there and kept for any other workflow."""
    from wagtail.admin import signal_handlers as wagtail_handlers
    from wagtail.models import WorkflowState
    from wagtail.signals import workflow_approved, workflow_rejected

    for signal, notifier, uid in (
        (
            workflow_approved,
            wagtail_handlers.workflow_approval_email_notifier,
            "workflow_state_approved_email_notification",
        ),
        (
            workflow_rejected,
            wagtail_handlers.workflow_rejection_email_notifier,
            "workflow_state_rejected_email_notification",
        ),
    ):
        signal.disconnect(sender=WorkflowState, dispatch_uid=uid)

        def notify_unless_practice(sender, instance, _notifier=notifier, **kwargs):
            if not _reviewed_by_practice_task(instance):
                return _notifier(sender=sender, instance=instance, **kwargs)
            return None

        signal.connect(
            notify_unless_practice, sender=WorkflowState, dispatch_uid=uid, weak=False
        )


def _record_evidence_on_publish(sender, instance, revision=None, **kwargs):
    from practices.evidence import record_evidence_change

    record_evidence_change(instance, user=getattr(revision, "user", None))


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Praktijken")

    def ready(self):
        from practices.models import PracticeIndexPage, PracticePage

        # Every practice lives below the index, so the review workflow on the index
        # covers all submissions, from the moment the index exists.
        post_save.connect(
            _attach_review_workflow,
            sender=PracticeIndexPage,
            dispatch_uid="practices_attach_review_workflow",
        )
        _replace_wagtail_outcome_mails()

        from wagtail.signals import page_published, page_unpublished

        from events.models import SessionPage
        from practices.lessons import reindex_presented_practices

        for signal in (page_published, page_unpublished):
            signal.connect(
                reindex_presented_practices,
                sender=SessionPage,
                dispatch_uid=f"practices_lessons_reindex_{signal is page_published}",
            )
        page_published.connect(
            _record_evidence_on_publish,
            sender=PracticePage,
            dispatch_uid="practices_record_evidence_on_publish",
        )
