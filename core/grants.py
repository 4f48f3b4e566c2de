"""Permissions granted to a group by a data migration, and taken back when it is reversed.

Migrations use `grant_operation(...)`: an academy that revokes a permission in the admin keeps
it revoked, because the migration runs only once."""

from __future__ import annotations

from django.db import migrations


def grant_operation(
    group_name: str, app_label: str, permissions: list[tuple[str, str, str]]
) -> migrations.RunPython:
    """`permissions`: (model name, codename, human name) triples of `app_label`."""

    def grant(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType")
        permission_model = apps.get_model("auth", "Permission")
        group = apps.get_model("auth", "Group").objects.filter(name=group_name).first()
        if group is None:
            return
        for model, codename, name in permissions:
            content_type, _ = content_types.objects.get_or_create(app_label=app_label, model=model)
            permission, _ = permission_model.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )
            group.permissions.add(permission)

    def revoke(apps, schema_editor):
        permission_model = apps.get_model("auth", "Permission")
        group = apps.get_model("auth", "Group").objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.remove(
                *permission_model.objects.filter(
                    content_type__app_label=app_label,
                    codename__in=[codename for _, codename, _ in permissions],
                )
            )

    return migrations.RunPython(grant, revoke)
