"""Evidence as a growth path: who may set the level, the history of published levels,
and the contributors' requests for an assessment.

Only users with `practices.assess_evidence` (the ministry editors, superusers) set the
level above "Praktijkervaring": the practice editor disables the evidence fields for
everybody else (practices.forms), so a posted value is ignored. Every publication that
changes level, date or assessor adds an `EvidenceAssessment` step; the practice page
shows the steps as a timeline.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

ASSESS_PERMISSION = "practices.assess_evidence"
EVIDENCE_FIELDS = (
    "evidence_level",
    "evidence_assessed_on",
    "evidence_assessor",
    "evidence_motivation",
)


def can_assess_evidence(user):
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm(ASSESS_PERMISSION)
    )


def record_evidence_change(page, user=None):
    """Add a step to the path when the published evidence differs from the last step."""
    from practices.models import EvidenceAssessment

    last = page.evidence_assessments.order_by("-recorded_at", "-pk").first()
    current = (page.evidence_level, page.evidence_assessed_on, page.evidence_assessor)
    if last is not None and (last.level, last.assessed_on, last.assessor) == current:
        return None
    return EvidenceAssessment.objects.create(
        page=page,
        level=page.evidence_level,
        assessed_on=page.evidence_assessed_on,
        assessor=page.evidence_assessor,
        motivation=page.evidence_motivation,
        recorded_by=user,
    )


def evidence_path(page):
    """The steps of the path, oldest first (one query)."""
    return list(page.evidence_assessments.order_by("recorded_at", "pk"))


def editors_to_notify():
    from practices.roles import EDITORS_GROUP

    return list(
        get_user_model()
        .objects.filter(groups__name=EDITORS_GROUP, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


@transaction.atomic
def request_assessment(page, user, message):
    """Store a contributor's request and tell the editors, in one transaction."""
    from practices.models import AssessmentRequest

    request = AssessmentRequest.objects.create(
        page=page, requested_by=user, message=message.strip()
    )
    to = editors_to_notify()
    if to:
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        context = {
            "request": request,
            "page": page,
            "requester": user.get_full_name() or user.get_username(),
            "edit_url": base + reverse("wagtailadmin_pages:edit", args=[page.pk]),
            "requests_url": base
            + reverse("wagtailsnippets_practices_assessmentrequest:list"),
        }
        send_mail(
            render_to_string("practices/email/assessment_request_subject.txt", context)
            .strip()
            .replace("\n", " "),
            render_to_string("practices/email/assessment_request.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            to,
        )
    return request
