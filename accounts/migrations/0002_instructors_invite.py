"""Instructors may invite learners to their courses and see the invitations."""

from django.db import migrations

from core.grants import grant_operation


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_invitations"),
        ("courses", "0002_instructors_group"),
    ]

    operations = [
        grant_operation(
            "Instructors",
            "accounts",
            [
                ("invitation", "add_invitation", "Can add invitation"),
                ("invitation", "view_invitation", "Can view invitation"),
            ],
        )
    ]
