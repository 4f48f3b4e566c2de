"""Let the "Instructors" group write, send and follow messages to learners."""

from django.db import migrations

GROUP_NAME = "Instructors"
PERMISSIONS = {
    "message": ["add_message", "view_message", "change_message", "delete_message"],
    "messagedelivery": ["view_messagedelivery"],
    "reminder": ["view_reminder"],
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    for model, codenames in PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="outreach", model=model)
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
            *Permission.objects.filter(content_type__app_label="outreach", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0001_messages_and_reminders"),
        ("courses", "0002_instructors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
