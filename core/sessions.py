"""Django's `cached_db` sessions, with the cache generations fetched in the same round trip.

Nearly every request of a logged-in learner reads its session and then the content
generation (`core.caching`): two round trips to Redis. Here the session's read asks for the
generations too (`get_many`), and hands them to the request's memo; and when a generation is
needed before anything has read the session, the session is read then, with them. Everything else is
Django's `cached_db` store: the database stays the record, the cache a copy.

A session names the authentication backend that logged its user in; a backend renamed since
(`settings.RENAMED_AUTHENTICATION_BACKENDS`) is read under its new name, so that its users
stay logged in.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends import cached_db

from core import caching


class SessionStore(cached_db.SessionStore):
    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)
        if session_key:
            # Whatever asks for a generation first (the page's route, say) reads the session
            # with it, so a logged-in request still costs one round trip for both.
            caching.read_generations_with(self._get_session)

    def load(self) -> dict[str, Any]:
        try:
            found = self._cache.get_many([self.cache_key, *caching.GENERATION_KEYS])
        except Exception:  # as cached_db: a backend may refuse a malformed key; reset
            found = {}
        caching.prime_generations(found)
        data = found.get(self.cache_key)
        if data is None:
            session = self._get_session_from_db()
            if session:
                data = self.decode(session.session_data)
                self._cache.set(
                    self.cache_key, data, self.get_expiry_age(expiry=session.expire_date)
                )
            else:
                data = {}
        renamed = settings.RENAMED_AUTHENTICATION_BACKENDS.get(data.get(BACKEND_SESSION_KEY))
        if renamed:
            # Written before the backend was renamed: Django would log the user out.
            data[BACKEND_SESSION_KEY] = renamed
        return data
