"""Ministry editors maintain synonyms and promoted results and see the query report."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Ministerie-redacteuren"
PERMISSIONS = [
    ("search", "add_synonym"),
    ("search", "change_synonym"),
    ("search", "delete_synonym"),
    ("search", "view_synonym"),
    ("search", "view_querylog"),
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
    ("wagtailsearchpromotions", "view_searchpromotion"),
]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist.
    for label in ("search", "wagtailsearchpromotions"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    for app_label, codename in PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission:
            editors.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.filter(name=EDITORS_GROUP).first()
    if editors:
        for app_label, codename in PERMISSIONS:
            editors.permissions.remove(
                *editors.permissions.filter(
                    content_type__app_label=app_label, codename=codename
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_seed_synonyms"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
