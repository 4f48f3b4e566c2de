"""Let the "Instructors" group see the waitlist, export it, delete a person's data (GDPR)
and edit the launch announcement."""

from django.db import migrations

GROUP_NAME = "Instructors"
PERMISSIONS = {
    "subscriber": ["view_subscriber", "change_subscriber", "delete_subscriber"],
    "announcement": ["add_announcement", "view_announcement", "change_announcement"],
    "delivery": ["view_delivery"],
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    for model, codenames in PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="waitlist", model=model)
        for codename in codenames:
            perm, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": codename.replace("_", " ").capitalize()},
            )
            group.permissions.add(perm)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is not None:
        codenames = [c for names in PERMISSIONS.values() for c in names]
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="waitlist", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("waitlist", "0001_initial"),
        ("courses", "0002_instructors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
