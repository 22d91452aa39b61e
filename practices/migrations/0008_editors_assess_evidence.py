"""Ministry editors may set the evidence level and handle assessment requests; existing
published practices start their evidence path with their current level."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Ministerie-redacteuren"
EDITOR_PERMISSIONS = [
    "assess_evidence",
    "view_assessmentrequest",
    "change_assessmentrequest",
    "delete_assessmentrequest",
]


def _ensure_permissions(apps):
    app_config = apps.get_app_config("practices")
    had_module = hasattr(app_config, "models_module")
    previous = getattr(app_config, "models_module", None)
    app_config.models_module = True
    try:
        create_permissions(app_config, verbosity=0, apps=apps)
    finally:
        if had_module:
            app_config.models_module = previous
        else:
            del app_config.models_module


def grant(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="practices", codename__in=EDITOR_PERMISSIONS
        )
    )
    PracticePage = apps.get_model("practices", "PracticePage")
    EvidenceAssessment = apps.get_model("practices", "EvidenceAssessment")
    EvidenceAssessment.objects.bulk_create(
        EvidenceAssessment(
            page=page,
            level=page.evidence_level,
            assessed_on=page.evidence_assessed_on,
            assessor=page.evidence_assessor,
            motivation=page.evidence_motivation,
        )
        for page in PracticePage.objects.filter(live=True)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0007_evidence_path_and_assessment_requests"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
