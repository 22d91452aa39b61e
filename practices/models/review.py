"""Editorial review of practices: the review task and the decisions it records."""

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask


class PracticeReviewTask(AbstractGroupApprovalTask):
    """The editors' review step: approve (with or without a comment), ask for changes,
    or reject. Every decision is kept with the revision and reaches the contributor."""

    DECLINE = "decline"

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("Wijzigingen vragen"), True),
                (self.DECLINE, _("Afwijzen"), True),
                ("approve", _("Goedkeuren en publiceren"), False),
                ("approve", _("Goedkeuren met opmerking"), True),
            ]
        return []

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        from practices.review import record_decision

        comment = (kwargs.get("comment") or "").strip()
        workflow_state = task_state.workflow_state
        if action_name == self.DECLINE:
            task_state.reject(user=user, comment=comment)
            workflow_state.refresh_from_db()
            workflow_state.cancel(user=user)
            outcome = ReviewDecision.Outcome.REJECTED
        elif action_name == "reject":
            task_state.reject(user=user, comment=comment)
            outcome = ReviewDecision.Outcome.CHANGES_REQUESTED
        elif action_name == "approve":
            task_state.approve(user=user, comment=comment)
            outcome = (
                ReviewDecision.Outcome.APPROVED_WITH_COMMENT
                if comment
                else ReviewDecision.Outcome.APPROVED
            )
        else:
            return
        record_decision(task_state, user, outcome, comment)

    @classmethod
    def get_description(cls):
        return _(
            "De ministeriële redactie keurt goed, vraagt wijzigingen of wijst af; de "
            "bijdrager krijgt elk besluit met de opmerking per e-mail."
        )

    class Meta:
        verbose_name = _("beoordeling van een praktijk")
        verbose_name_plural = _("beoordelingen van praktijken")


class ReviewDecision(models.Model):
    """One review decision on one revision of a practice, with the reviewer's comment."""

    class Outcome(models.TextChoices):
        APPROVED = "goedgekeurd", _("Goedgekeurd")
        APPROVED_WITH_COMMENT = (
            "goedgekeurd-met-opmerking",
            _("Goedgekeurd met opmerking"),
        )
        CHANGES_REQUESTED = "wijzigingen-gevraagd", _("Wijzigingen gevraagd")
        REJECTED = "afgewezen", _("Afgewezen")

    page = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("praktijk"),
        on_delete=models.CASCADE,
        related_name="review_decisions",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("versie"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    task_state = models.ForeignKey(
        "wagtailcore.TaskState",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField(_("besluit"), max_length=30, choices=Outcome.choices)
    comment = models.TextField(_("opmerking"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordelaar"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingediend door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("besloten op"), auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("beoordelingsbesluit")
        verbose_name_plural = _("beoordelingsbesluiten")

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.page}"
