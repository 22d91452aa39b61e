"""Put the practice review task in place of the plain GroupApprovalTask in an existing
review workflow, with the same groups. Running workflows keep their old task until done."""

from django.db import migrations

REVIEW_WORKFLOW = "Redactionele beoordeling"
REVIEW_TASK = "Beoordeling door de ministeriële redactie"


def use_practice_task(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    PracticeReviewTask = apps.get_model("practices", "PracticeReviewTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    workflow = Workflow.objects.filter(name=REVIEW_WORKFLOW).first()
    if workflow is None:
        return
    old = GroupApprovalTask.objects.filter(
        pk__in=WorkflowTask.objects.filter(workflow=workflow).values("task_id")
    ).first()
    if old is None:
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="practices", model="practicereviewtask"
    )
    new = PracticeReviewTask.objects.create(
        name=REVIEW_TASK, active=True, content_type=content_type
    )
    new.groups.set(old.groups.all())
    WorkflowTask.objects.filter(workflow=workflow).delete()
    WorkflowTask.objects.create(workflow=workflow, task_id=new.pk, sort_order=0)
    old.name = f"{REVIEW_TASK} (oud)"
    old.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0005_practice_review_task_and_decisions"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(use_practice_task, migrations.RunPython.noop)]
