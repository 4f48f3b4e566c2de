"""Wagtail's stock workflow is called "Moderators approval", which the Dutch admin shows as
"Stuur door naar Moderators approval". Named for what it is here: the editors read a page
before it goes live ("Stuur door naar Redactie")."""

from django.db import migrations

NAMES = {"Moderators approval": ("Redactie", "Goedkeuring door de redactie")}


def rename(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    for old, (workflow_name, task_name) in NAMES.items():
        Workflow.objects.filter(name=old).update(name=workflow_name)
        Task.objects.filter(name=old).update(name=task_name)


def rename_back(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    for old, (workflow_name, task_name) in NAMES.items():
        Workflow.objects.filter(name=workflow_name).update(name=old)
        Task.objects.filter(name=task_name).update(name=old)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_module_minutes_from_its_steps"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
