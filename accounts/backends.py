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
            perms = caching.get_generational(key)
            if perms is None:
                perms = frozenset(super().get_all_permissions(user_obj))
                caching.store_generational(key, perms, caching.Timeouts.PERMISSIONS)
            # Other ModelBackend subclasses (allauth's) read these too: no second lookup. A
            # set of its own: the kept one is shared by the process's requests.
            user_obj._perm_cache = set(perms)
        return user_obj._perm_cache
