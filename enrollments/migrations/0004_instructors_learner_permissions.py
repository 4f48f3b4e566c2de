"""Instructors see the learner screens in the admin: enrolments with progress (read-only)
and the lesson funnel. Both need only the view permission on enrolments."""

from django.db import migrations

GROUP_NAME = "Instructors"
PERMISSIONS = [("enrollment", "view_enrollment")]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is None:
        return
    for model, codename in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="enrollments", model=model)
        perm, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can view {model}"},
        )
        group.permissions.add(perm)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is None:
        return
    group.permissions.remove(
        *Permission.objects.filter(
            content_type__app_label="enrollments", codename__in=[c for _, c in PERMISSIONS]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_instructors_group"),
        ("enrollments", "0003_payment_settings"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
