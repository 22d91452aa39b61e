"""What a review decision does beyond Wagtail's workflow: it is stored with the revision
(`ReviewDecision`) and told to the contributor by e-mail, in Dutch, with the links they
need. Wagtail's own approval and rejection mails to the submitter are switched off in
`practices.apps` so the contributor gets one message, this one."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from practices.models import ReviewDecision


def admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def record_decision(task_state, reviewer, outcome, comment):
    """Store the decision and mail the contributor; inside the action's transaction."""
    workflow_state = task_state.workflow_state
    page = workflow_state.content_object.specific
    requested_by = workflow_state.requested_by
    decision = ReviewDecision.objects.create(
        page=page,
        revision=task_state.revision,
        task_state=task_state,
        outcome=outcome,
        comment=comment,
        reviewer=reviewer,
        requested_by=requested_by,
    )
    notify_contributor(decision)
    return decision


def recipients(decision):
    """The submitter and the page's owner, without the reviewer and without doubles."""
    people = [decision.requested_by, decision.page.owner]
    addresses = []
    for person in people:
        if (
            person is not None
            and person.is_active
            and person.email
            and person != decision.reviewer
            and person.email.lower() not in addresses
        ):
            addresses.append(person.email.lower())
    return addresses


def notify_contributor(decision):
    to = recipients(decision)
    if not to:
        return 0
    page = decision.page
    page.refresh_from_db()
    context = {
        "decision": decision,
        "page": page,
        "reviewer_name": (
            decision.reviewer.get_full_name() or decision.reviewer.get_username()
            if decision.reviewer
            else ""
        ),
        "edit_url": admin_url(reverse("wagtailadmin_pages:edit", args=[page.pk])),
        "dashboard_url": admin_url(reverse("wagtailadmin_home")),
        "public_url": page.get_full_url() if page.live else "",
    }
    subject = render_to_string("practices/email/review_subject.txt", context)
    body = render_to_string("practices/email/review_decision.txt", context)
    return send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        to,
    )
