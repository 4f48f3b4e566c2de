"""The authentication backends: Django's and allauth's, with two costs of every request cut.

Every page asks "may this user see the admin link / the Wagtail userbar?", which costs
ModelBackend two queries per request. Permissions change rarely, so the set is cached per
user in the `perms` family of `core.caching`, which says what makes it stale.

Every request of a logged-in user loads the user: through the ORM that took 230 µs, of which
the database needed 10. The lookup is compiled once per process (`core.sql.CompiledRead`).

Sessions name the backend that logged the user in, and Django only accepts names it still
lists. Sessions written before allauth's backend was replaced by `AuthenticationBackend`
below name allauth's; `core.sessions` reads that name as this one's
(`settings.RENAMED_AUTHENTICATION_BACKENDS`).
"""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import DEFAULT_DB_ALIAS

from core import caching
from core.sql import CompiledRead


def _user_fields() -> list[str]:
    return [field.attname for field in get_user_model()._meta.concrete_fields]


def _user_by_id(user_id):
    return get_user_model()._default_manager.filter(pk=user_id).values_list(*_user_fields())


_USER_READ = CompiledRead(_user_by_id, "user_id")


class CompiledUserLookup:
    """`ModelBackend.get_user` (the user, if they may log in) with a compiled query."""

    def get_user(self, user_id):
        rows = _USER_READ.rows(user_id=user_id)
        if not rows:
            return None
        user = get_user_model().from_db(DEFAULT_DB_ALIAS, _user_fields(), rows[0])
        return user if self.user_can_authenticate(user) else None


class CachedPermissionsBackend(CompiledUserLookup, ModelBackend):
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


class AuthenticationBackend(CompiledUserLookup, AllauthBackend):
    """allauth's backend (log-in by e-mail address), loading the user with a compiled query."""
