"""Roles, permissions and the review workflow of practices, in one place.

Two Wagtail groups, created by a data migration (practices/migrations/0003_roles.py):

* ``Ministerie-redacteuren``: ministry editors. Add, edit and publish everywhere in the
  page tree, manage reference data, contributors and documents, and approve or reject in
  the review workflow.
* ``Gemeentelijke bijdragers``: the base group of every municipal contributor. It gives
  access to the admin and to the document library; page rights come from a second,
  per-municipality group (``Bijdragers <gemeente> (<CBS-code>)``) that may add and edit
  pages only in that municipality's folder under /praktijken/, never publish.

A "signed-in government user" who may read restricted details is an active user with
the permission ``practices.view_restricted_details``: both groups have it, superusers too.
A user who still owes their second factor (practices/two_factor.py) is not one yet.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify

from wagtail.models import (
    GroupPagePermission,
    PagePermissionTester,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS_GROUP = "Ministerie-redacteuren"
CONTRIBUTORS_GROUP = "Gemeentelijke bijdragers"
REVIEW_WORKFLOW = "Redactionele beoordeling"
REVIEW_TASK = "Beoordeling door de ministeriële redactie"
VIEW_RESTRICTED_PERMISSION = "practices.view_restricted_details"
# Page rights per municipality folder: add and edit, never publish, lock or delete others'.
CONTRIBUTOR_PAGE_PERMISSIONS = ["add_page", "change_page"]


class InactiveAccountError(ValueError):
    """Onboarding met a deactivated account: only an editor may re-activate it."""


def can_view_restricted_details(user):
    """True for a signed-in government user (see the module docstring)."""
    from practices.two_factor import owes_second_factor

    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm(VIEW_RESTRICTED_PERMISSION)
        and not owes_second_factor(user)
    )


class PracticePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, except that a contributor deletes only own drafts.

    Wagtail lets anyone with "change" on a folder delete every unpublished page in it;
    docs/practices.md promises contributors less: their own drafts only.
    """

    def can_delete(self, ignore_bulk=False):
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        if self.user.is_superuser or "publish" in self.permissions:
            return True
        return not (
            self.page.get_descendants(inclusive=True)
            .exclude(owner_id=self.user.pk)
            .exists()
        )


def municipality_group_name(municipality):
    return f"Bijdragers {municipality.display_name} ({municipality.cbs_code})"


def contributor_municipality(user):
    """The municipality a contributor writes for, or None for anybody else."""
    contributor = getattr(user, "contributor", None) if user.is_authenticated else None
    return contributor.municipality if contributor else None


def ensure_review_workflow(index_page):
    """The review workflow, with the editors' approval task, on the practices index.

    Every practice lives below the index, so every submission goes through it.
    Idempotent; called when the index page is created and by the demo builder.
    """
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    from practices.models import PracticeReviewTask

    task = PracticeReviewTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = PracticeReviewTask.objects.create(name=REVIEW_TASK)
    task.groups.add(editors)
    # One step only: the practice review task (it replaced a plain GroupApprovalTask).
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    WorkflowPage.objects.update_or_create(
        page=index_page, defaults={"workflow": workflow}
    )
    return workflow


def ensure_municipality_folder(municipality, index_page=None):
    """The folder page of a municipality's practices and its contributors' group."""
    from practices.models import MunicipalityPracticesPage, PracticeIndexPage

    folder = MunicipalityPracticesPage.objects.filter(municipality=municipality).first()
    if folder is None:
        index_page = index_page or PracticeIndexPage.objects.first()
        if index_page is None:
            raise LookupError(
                "Er is nog geen overzichtspagina /praktijken/; maak die eerst aan."
            )
        folder = MunicipalityPracticesPage(
            title=f"Praktijken {municipality.display_name}",
            slug=slugify(municipality.slug),
            municipality=municipality,
        )
        index_page.add_child(instance=folder)
        folder.save_revision().publish()
    group, _ = Group.objects.get_or_create(name=municipality_group_name(municipality))
    for codename in CONTRIBUTOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=folder,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return folder, group


@transaction.atomic
def onboard_contributor(*, email, name, municipality, username=None):
    """Create or update a contributor account for exactly one municipality.

    Returns (user, created). A new user gets no usable password: they set one through
    the invitation link (practices/invitations.py), so no password ever passes through
    a log or a terminal. A deactivated account stays deactivated: InactiveAccountError.
    """
    from practices.models import Contributor

    User = get_user_model()
    email = email.strip().lower()
    username = username or email
    user = User.objects.filter(username=username).first()
    created = user is None
    if not created and not user.is_active:
        raise InactiveAccountError(
            f"Het account {username} is gedeactiveerd. Onboarding activeert het niet "
            "opnieuw: een redacteur zet het zelf weer aan (Instellingen → Gebruikers)."
        )
    if created:
        user = User(username=username)
        user.set_unusable_password()
    first_name, _, last_name = name.strip().partition(" ")
    user.email = email
    user.first_name = first_name
    user.last_name = last_name
    user.save()

    _, municipality_group = ensure_municipality_folder(municipality)
    other_municipality_groups = user.groups.filter(
        name__startswith="Bijdragers "
    ).exclude(pk=municipality_group.pk)
    user.groups.remove(*other_municipality_groups)
    user.groups.add(Group.objects.get(name=CONTRIBUTORS_GROUP), municipality_group)
    Contributor.objects.update_or_create(
        user=user, defaults={"municipality": municipality}
    )
    return user, created
