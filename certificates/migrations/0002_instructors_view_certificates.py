"""Instructors see the certificates list in the admin. Revoking and restoring takes the
enrolment's manage permission, which instructors hold already (enrollments 0008), as for
revoking access."""

from django.db import migrations

from core.grants import grant_operation


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_instructors_group"),
        ("certificates", "0001_initial"),
    ]

    operations = [
        grant_operation(
            "Instructors",
            "certificates",
            [("certificate", "view_certificate", "Can view certificate")],
        ),
    ]
