"""Django's ModelBackend with each user's permission set kept in the shared cache.

Every page asks "may this user see the admin link / the Wagtail userbar?", which costs
ModelBackend two queries per request. Permissions change rarely, so the set is cached per
user in the `perms` family of `core.caching`, which says what makes it stale.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from core import caching


class CachedPermissionsBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            key = caching.permissions_key(user_obj)
            perms = caching.get(key)
            if perms is None:
                perms = super().get_all_permissions(user_obj)
                caching.store(key, perms, caching.Timeouts.PERMISSIONS)
            # Other ModelBackend subclasses (allauth's) read these too: no second lookup.
            user_obj._perm_cache = perms
        return user_obj._perm_cache
