"""The two roles of the practices app as Wagtail groups (see practices/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Ministerie-redacteuren"
CONTRIBUTORS_GROUP = "Gemeentelijke bijdragers"
EDITOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "delete_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "delete_image"),
    ("wagtailimages", "choose_image"),
]
CONTRIBUTOR_COLLECTION_PERMISSIONS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
]
# Snippets and models the editors manage in full.
EDITOR_MODELS = [
    ("home", "municipality"),
    ("home", "riecregion"),
    ("home", "theme"),
    ("home", "interventiontype"),
    ("home", "partnertype"),
    ("home", "track"),
    ("home", "citynetwork"),
    ("practices", "contributor"),
]


def _ensure_permissions(apps):
    # Permissions are normally made after all migrations; the groups need them now.
    for label in ("home", "practices", "wagtailcore", "wagtailadmin", "wagtaildocs",
                  "wagtailimages"):
        app_config = apps.get_app_config(label)
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


def create_roles(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )

    def permission(app_label, codename):
        return Permission.objects.get(
            content_type__app_label=app_label, codename=codename
        )

    access_admin = permission("wagtailadmin", "access_admin")
    view_restricted = permission("practices", "view_restricted_details")
    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()

    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    editors.permissions.add(access_admin, view_restricted)
    for app_label, model in EDITOR_MODELS:
        for action in ("add", "change", "delete", "view"):
            found = Permission.objects.filter(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            ).first()
            if found:
                editors.permissions.add(found)
    if root_page is not None:
        for codename in EDITOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=editors,
                page=root_page,
                permission=permission("wagtailcore", codename),
            )

    contributors, _ = Group.objects.get_or_create(name=CONTRIBUTORS_GROUP)
    contributors.permissions.add(access_admin, view_restricted)

    if root_collection is not None:
        for group, perms in (
            (editors, EDITOR_COLLECTION_PERMISSIONS),
            (contributors, CONTRIBUTOR_COLLECTION_PERMISSIONS),
        ):
            for app_label, codename in perms:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=permission(app_label, codename),
                )


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[EDITORS_GROUP, CONTRIBUTORS_GROUP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0002_folders_contributors_permissions"),
        ("home", "0003_reference_data"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
