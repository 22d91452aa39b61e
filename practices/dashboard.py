"""The contributor's dashboard in the admin: a "Nieuwe praktijk" button per municipality
they write for, and "Mijn praktijken" with where each practice stands in the review.

A fixed number of queries, whatever the number of practices: the folders, the
practices, their workflow states and their latest review decisions.
"""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from practices.models import MunicipalityPracticesPage, PracticePage, ReviewDecision

STATE_LABELS = {
    "draft": _("Concept"),
    "in_review": _("Ter beoordeling"),
    "needs_changes": _("Wijzigingen gevraagd"),
    "rejected": _("Afgewezen"),
    "live": _("Gepubliceerd"),
    "live_with_draft": _("Gepubliceerd, wijzigingen nog niet gepubliceerd"),
}


def contributor_folders(user):
    """The municipality folders the user may add practices to through their groups."""
    if not user.is_authenticated or not user.is_active:
        return []
    return list(
        MunicipalityPracticesPage.objects.filter(
            group_permissions__group__user=user,
            group_permissions__permission__codename="add_page",
        )
        .select_related("municipality")
        .distinct()
        .order_by("title")
    )


def practice_states(practices):
    """{page id: (state key, latest ReviewDecision or None)} in two queries."""
    ids = [practice.pk for practice in practices]
    page_type = ContentType.objects.get_for_model(Page)
    workflow_states = {}
    for state in WorkflowState.objects.filter(
        base_content_type=page_type, object_id__in=[str(pk) for pk in ids]
    ).order_by("created_at"):
        workflow_states[int(state.object_id)] = state  # the latest wins
    decisions = {}
    for decision in ReviewDecision.objects.filter(page_id__in=ids).order_by(
        "decided_at", "pk"
    ):
        decisions[decision.page_id] = decision
    result = {}
    for practice in practices:
        workflow_state = workflow_states.get(practice.pk)
        decision = decisions.get(practice.pk)
        status = workflow_state.status if workflow_state else None
        if status == WorkflowState.STATUS_IN_PROGRESS:
            key = "in_review"
        elif status == WorkflowState.STATUS_NEEDS_CHANGES:
            key = "needs_changes"
        elif practice.live:
            key = "live_with_draft" if practice.has_unpublished_changes else "live"
        elif (
            decision is not None
            and decision.outcome == ReviewDecision.Outcome.REJECTED
            and status == WorkflowState.STATUS_CANCELLED
        ):
            key = "rejected"
        else:
            key = "draft"
        result[practice.pk] = (key, decision)
    return result


class ContributorPanel(Component):
    """Shown to everybody who may add practices to a municipality folder."""

    name = "contributor_practices"
    template_name = "practices/admin/contributor_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user
        self.folders = contributor_folders(user)

    @property
    def is_shown(self):
        return bool(self.folders)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        practices = list(
            PracticePage.objects.filter(owner=self.user)
            .select_related("lead_municipality")
            .order_by("-latest_revision_created_at", "-pk")
        )
        states = practice_states(practices)
        context["new_practice_links"] = [
            {
                "municipality": folder.municipality,
                "url": reverse(
                    "wagtailadmin_pages:add",
                    args=["practices", "practicepage", folder.pk],
                ),
            }
            for folder in self.folders
        ]
        context["practices"] = [
            {
                "page": practice,
                "edit_url": reverse("wagtailadmin_pages:edit", args=[practice.pk]),
                "state": states[practice.pk][0],
                "state_label": STATE_LABELS[states[practice.pk][0]],
                "decision": states[practice.pk][1],
            }
            for practice in practices
        ]
        return context
