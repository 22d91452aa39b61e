"""Ministry editors see and manage registrations; nobody else gets these permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Ministerie-redacteuren"
MODELS = ["registration", "attendee", "outgoingmail", "sessionstatistic"]
ACTIONS = ["view", "change"]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; the group needs them now.
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="events",
            codename__in=[f"{a}_{m}" for a in ACTIONS for m in MODELS],
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name=EDITORS_GROUP).first()
    if editors:
        editors.permissions.remove(
            *Permission.objects.filter(content_type__app_label="events")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_registrations"),
        ("practices", "0003_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
