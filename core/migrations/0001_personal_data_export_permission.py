"""Exporting personal data from the admin becomes a permission of its own
(`core.export_personal_data`, on a model without a table), granted to the Instructors group
here so that nothing changes for them; an academy can take it away in Settings > Groups."""

from django.db import migrations, models

GROUP_NAME = "Instructors"
CODENAME = "export_personal_data"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="core", model="personaldata")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=CODENAME,
        defaults={"name": "Can export personal data (orders, enrolments, waitlist)"},
    )
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is not None:
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="core", codename=CODENAME)
        )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("courses", "0002_instructors_group"),
    ]

    operations = [
        migrations.CreateModel(
            name='PersonalData',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ],
            options={
                'verbose_name': 'personal data',
                'permissions': [('export_personal_data', 'Can export personal data (orders, enrolments, waitlist)')],
                'managed': False,
                'default_permissions': (),
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
