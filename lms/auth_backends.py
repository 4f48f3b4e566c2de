"""Django's ModelBackend with each user's permission set kept in the shared cache.

Every page asks "may this user see the admin link / the Wagtail userbar?", which costs
ModelBackend two queries per request. Permissions change rarely, so the set is cached per
user under a generation that any change to groups, permissions or memberships bumps.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from lms.generations import generation_bump, generation_read

GENERATION_KEY = "perms:generation"
CACHE_SECONDS = 60 * 60


class CachedPermissionsBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            generation = generation_read(GENERATION_KEY)
            key = f"perms:{generation}:{user_obj.pk}"
            perms = cache.get(key)
            if perms is None:
                perms = super().get_all_permissions(user_obj)
                cache.set(key, perms, CACHE_SECONDS)
            # Other ModelBackend subclasses (allauth's) read these too: no second lookup.
            user_obj._perm_cache = perms
        return user_obj._perm_cache


def invalidate_permissions() -> None:
    generation_bump(GENERATION_KEY)


@receiver(m2m_changed, sender=get_user_model().groups.through)
@receiver(m2m_changed, sender=get_user_model().user_permissions.through)
@receiver(m2m_changed, sender=Group.permissions.through)
@receiver(post_save, sender=Group)
@receiver(post_delete, sender=Group)
@receiver(post_save, sender=Permission)
@receiver(post_delete, sender=Permission)
@receiver(post_save, sender=get_user_model())
def permissions_changed(sender, **kwargs) -> None:
    invalidate_permissions()
