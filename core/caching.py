"""The one owner of the shared cache: key families, time-outs, generations, and which
changes make what stale.

Every key the platform writes is built here and lives under Django's `KEY_PREFIX`, which
carries the release (`settings.RELEASE`: set at deploy, or a fingerprint of the code,
templates and static files; see `core.release`). So no process ever reads what another
release wrote: a page class renamed or moved by a deploy cannot fail to unpickle, and a
changed template cannot be served from an old fragment. An entry that still fails to load
(a value cut short, a class moved within one release) is a miss, never a 500 (`get`).

Families, and what makes them stale
-----------------------------------
``content``
    Everything rendered from pages: cached routes (which hold the page objects), course
    outlines, the outline's HTML pieces, lesson bodies, whole anonymous pages. One
    generation number is part of each key. It is bumped by a publish, unpublish, move or
    delete of a page; by any other write to a page row except a draft save (drafts are
    never served, so saving one leaves every cached page alone); by changes to sites and
    view restrictions (routes remember both); and by changes to images (and the deletion of
    their renditions) and documents (lesson bodies show them).
``perms``
    Each user's permission set (`accounts.backends`). Bumped by changes to groups,
    permissions and group memberships. A user's superuser and active flags are part of the
    key, so other saves of a user (every log-in writes `last_login`) leave the family alone.
counters
    Rate limits and once-per-interval slots: plain keys with their own time-outs
    (`hit_rate_limit`, `claim_slot`).

When Redis is away
------------------
With CACHE_URL on Redis the backend is `core.cache_backend.ResilientRedisCache`. Redis
stopped, restarting or unreachable is then a slower site, never an outage:

- every read is a miss, so pages render from the database, and sessions (`cached_db`) are
  read from the database;
- every write is skipped and its key remembered; when Redis answers again, the process that
  skipped it deletes those keys first, so a bumped generation or an ended session is not
  served from a Redis that kept its old copy;
- counters (`hit_rate_limit`, `claim_slot`, and allauth's log-in limits) are kept in each
  process's memory meanwhile: the limits still hold, per process (N processes allow at most
  N times the limit), and nobody is locked out because Redis is;
- after one failed call a process leaves Redis alone for a second, so requests do not each
  wait for a connect time-out.

The Celery broker is the one thing that must wait for Redis: see `lms.celery`.

Each process keeps a copy
------------------------
An entry whose key holds its family's generation (the content family, each user's
permissions) never changes under that key: a change makes a new generation, so a new key. So
each process keeps what it read or built in a bounded store of its own (`get_generational`,
`cached_content`): a repeat read costs neither a round trip nor unpickling, and is as fresh as
the generation the request read. Values are shared by the requests of one process and must be
treated as read-only (the pages in a cached route are copied per request).

A generation is read at most once per request (`GenerationPerRequestMiddleware`): on Redis
each read is a round trip. For a visitor with a session there is none of its own: the session
store (`core.sessions`) fetches the generations in the same round trip as the session. A
request that changes something forgets its copy at once, so it never reads its own stale
entries.
"""

from __future__ import annotations

import logging
import pickle  # nosec B403: only to name the errors of values Django's cache unpickles
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import translation

logger = logging.getLogger(__name__)

T = TypeVar("T")

CONTENT = "content"
PERMISSIONS = "perms"
_GENERATION_KEYS = {CONTENT: "generation:content", PERMISSIONS: "generation:perms"}


class Timeouts:
    """How long each kind of entry may live, in seconds (a generation bump ends it sooner)."""

    ROUTE = 60 * 60
    OUTLINE = 60 * 60 * 24
    LESSON_BODY = 60 * 60 * 24
    ANONYMOUS_PAGE = 60 * 10
    PERMISSIONS = 60 * 60


# Errors of a value that cannot be unpickled by this code: written by other code, or cut short.
UNREADABLE = (
    pickle.UnpicklingError,
    AttributeError,
    ImportError,
    EOFError,
    TypeError,
    ValueError,
    IndexError,
    KeyError,
)


# --- Reading and writing ----------------------------------------------------------------------


class BoundedStore:
    """A least-recently-used dict for one process, safe for gunicorn's threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._entries

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


# This process's copies of generation-keyed entries (see "Each process keeps a copy"). A
# course's entries are a few dozen (routes, bodies, outline, per language): a few MB at most.
_kept = BoundedStore(size=600)


def get(key: str, default: Any = None) -> Any:
    """`cache.get`, with an unreadable entry treated as a miss (and removed); an entry that
    `prefetch_content` brought along for this request is not read again."""
    values = _request_values()
    if values is not None and key in values:
        found = values.pop(key)
        return default if found is _MISSING else found
    try:
        return cache.get(key, default)
    except UNREADABLE:
        logger.warning("cache entry %s could not be read; treated as a miss", key, exc_info=True)
        cache.delete(key)
        return default


def store(key: str, value: Any, timeout: int) -> None:
    cache.set(key, value, timeout)


def get_generational(key: str) -> Any:
    """`get(key)` for a key that holds its family's generation: from this process's copy when
    it has one (no round trip, no unpickling)."""
    value = _kept.get(key)
    if value is None:
        value = get(key)
        if value is not None:
            _kept.put(key, value)
    return value


def store_generational(key: str, value: Any, timeout: int) -> None:
    store(key, value, timeout)
    _kept.put(key, value)


def forget_process_copies() -> None:
    """Drop this process's copies (tests that rewrite the shared cache behind its back)."""
    _kept.clear()


# --- Generations ------------------------------------------------------------------------------

_request_generations: ContextVar[dict[str, Any] | None] = ContextVar(
    "cache_generations", default=None
)


def _fresh() -> int:
    # A counter the cache lost (evicted, flushed, Redis restarted) must never restart at a
    # number it had before: entries stored under that number would come back to life. The
    # clock in nanoseconds is past any count reached by bumping an earlier reading of it.
    return time.time_ns()


_SESSION_LOADER = "session-loader"  # in the request's memo, beside the families


def generation(family: str) -> int:
    """The family's current generation; read from the cache once per request."""
    memo = _request_generations.get()
    if memo is not None and family in memo:
        return memo[family]
    loader = memo.pop(_SESSION_LOADER, None) if memo is not None else None
    if loader is not None:
        loader()  # the session's read brings the generations along (core.sessions)
        if family in memo:
            return memo[family]
    value = cache.get_or_set(_GENERATION_KEYS[family], _fresh, None)
    if memo is not None:
        memo[family] = value
    return value


def get_with_generations(key: str, family: str = CONTENT) -> Any:
    """`get(key)`, reading the family's generation in the same round trip (for an entry that
    records the generation it was made under, like the anonymous page cache's)."""
    memo = _request_generations.get()
    wanted = [key]
    if memo is None or family not in memo:
        wanted.append(_GENERATION_KEYS[family])
    try:
        found = cache.get_many(wanted)
    except UNREADABLE:
        logger.warning("cache entry %s could not be read; treated as a miss", key, exc_info=True)
        cache.delete(key)
        return None
    prime_generations(found)
    return found.get(key)


def prime_generations(found: dict[str, Any]) -> None:
    """Take the generations that came back with another read of this request (the session's:
    `core.sessions`), so reading them costs no round trip of its own."""
    memo = _request_generations.get()
    if memo is None:
        return
    for family, key in _GENERATION_KEYS.items():
        value = found.get(key)
        if isinstance(value, int) and family not in memo:
            memo[family] = value


GENERATION_KEYS = tuple(_GENERATION_KEYS.values())


def read_generations_with(loader: Callable[[], object]) -> None:
    """Have the first generation this request needs read by `loader` (the request's session,
    which fetches the generations in the same round trip) instead of on its own."""
    memo = _request_generations.get()
    if memo is not None:
        memo[_SESSION_LOADER] = loader


def invalidate(family: str) -> None:
    """Make every entry of the family stale at once."""
    memo = _request_generations.get()
    if memo is not None:
        memo.pop(family, None)
    key = _GENERATION_KEYS[family]
    try:
        cache.incr(key)
    except ValueError:  # missing: start afresh rather than at a number used before
        cache.set(key, _fresh(), None)


def invalidate_now_and_after_commit(family: str) -> None:
    """Invalidate now, so this request never reads its own stale entries, and again once the
    write commits: a request that ran in between read the old rows and may have cached them
    under the new generation (a deleted lesson would then be served until the entry expired)."""
    invalidate(family)
    transaction.on_commit(lambda: invalidate(family))


class GenerationPerRequestMiddleware:
    """Lets one request read each generation once."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request):
        token = _request_generations.set({})
        try:
            return self.get_response(request)
        finally:
            _request_generations.reset(token)


# --- Content: what is rendered from pages -----------------------------------------------------


def content_generation() -> int:
    return generation(CONTENT)


def content_key(kind: str, *parts: object, per_language: bool = False) -> str:
    """A key in the content family: `kind:<generation>[:<language>]:<parts...>`."""
    head = [kind, str(content_generation())]
    if per_language:
        head.append(translation.get_language() or "")
    return ":".join([*head, *(str(part) for part in parts)])


_VALUES = "values"  # in the request's memo: content entries this request has read
_MISSING = object()


def _request_values() -> dict[str, Any] | None:
    memo = _request_generations.get()
    return None if memo is None else memo.setdefault(_VALUES, {})


def prefetch_content(*entries: tuple, also: list[str] = ()) -> None:
    """Read these content entries (each `(kind, *parts)`, as `cached_content` names them) and
    the keys in `also` in one round trip, for the request's later reads: a lesson page needs
    its outline, the outline's HTML, its body and the user's permissions, which would
    otherwise be a round trip each."""
    values = _request_values()
    if values is None:
        return
    keys = [content_key(kind, *parts, per_language=True) for kind, *parts in entries]
    keys += list(also)
    keys = [key for key in keys if key not in values and key not in _kept]
    if not keys:
        return
    try:
        found = cache.get_many(keys)
    except UNREADABLE:  # one unreadable entry: let each read find (and drop) it on its own
        return
    for key in keys:
        values[key] = found.get(key, _MISSING)


def cached_content(
    kind: str, *parts: object, build: Callable[[], T], timeout: int = Timeouts.OUTLINE
) -> T:
    """`build()`'s result for these parts, the current language and content generation, from
    the cache when there (anything rendered from a course's pages is keyed so).

    Within a request an entry is read once (a second call gets the same object: entries are
    read-only values) or not at all when `prefetch_content` brought it along."""
    key = content_key(kind, *parts, per_language=True)
    values = _request_values()
    value = values.get(key) if values is not None else None
    if value is None:
        value = get_generational(key)
    elif value is _MISSING:
        value = None
    else:
        _kept.put(key, value)  # brought along by prefetch_content
    if value is None:
        value = build()
        store_generational(key, value, timeout)
    if values is not None:
        values[key] = value
    return value


def cached_content_many(
    kind: str,
    ids: list[int],
    *,
    build: Callable[[list[int]], dict[int, T]],
    timeout: int = Timeouts.OUTLINE,
) -> dict[int, T]:
    """One value per id under the content generation, the same in every language (pages
    themselves, for instance), read in one round trip; the missing ones are built together by
    `build(missing ids)` and stored. An id `build` does not return is left out."""
    keys = {content_key(kind, ident): ident for ident in ids}
    result = {}
    for key, ident in keys.items():
        value = _kept.get(key)
        if value is not None:
            result[ident] = value
    wanted = [key for key, ident in keys.items() if ident not in result]
    if not wanted:
        return result
    try:
        found = cache.get_many(wanted)
    except UNREADABLE:
        logger.warning("cache entries %s could not be read; treated as misses", kind, exc_info=True)
        cache.delete_many(wanted)
        found = {}
    for key, value in found.items():
        result[keys[key]] = value
        _kept.put(key, value)
    missing = [ident for ident in ids if ident not in result]
    if missing:
        built = build(missing)
        cache.set_many({content_key(kind, ident): value for ident, value in built.items()}, timeout)
        for ident, value in built.items():
            _kept.put(content_key(kind, ident), value)
        result.update(built)
    return result


def invalidate_content() -> None:
    invalidate(CONTENT)


# --- Permissions ------------------------------------------------------------------------------


def permissions_key(user) -> str:
    flags = f"{int(user.is_superuser)}{int(user.is_active)}"
    return f"perms:{generation(PERMISSIONS)}:{user.pk}:{flags}"


def invalidate_permissions() -> None:
    invalidate(PERMISSIONS)


# --- Counters ---------------------------------------------------------------------------------


def hit_rate_limit(scope: str, ident: str, *, limit: int, window: int) -> bool:
    """Count one hit of `ident` (an IP address, a hashed e-mail address) in `scope`; True
    when it is over `limit` hits within `window` seconds."""
    key = f"rate:{scope}:{ident}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > limit


def claim_slot(scope: str, ident: str, *, seconds: int) -> bool:
    """Take a once-per-`seconds` slot; False while an earlier claim still holds it. Atomic
    (`cache.add`), so of many claims at once exactly one wins."""
    return cache.add(f"slot:{scope}:{ident}", 1, seconds)


# --- What makes what stale ----------------------------------------------------------------------

# Fields that only a draft save (or a lock) writes: nothing served to visitors reads them.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "comments",
        "wagtail_admin_comments",
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def _is_draft_only(update_fields) -> bool:
    return update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS


def content_changed(sender, **kwargs) -> None:
    invalidate_now_and_after_commit(CONTENT)


def page_row_written(sender, instance, update_fields=None, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page) and not _is_draft_only(update_fields):
        invalidate_now_and_after_commit(CONTENT)


def _connect_content_signals() -> None:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"core.caching.{id(signal)}")
    post_save.connect(page_row_written, dispatch_uid="core.caching.page_saved")
    post_delete.connect(page_row_written, dispatch_uid="core.caching.page_deleted")
    image_model = get_image_model()
    senders = [Site, PageViewRestriction, image_model, get_document_model()]
    for sender in senders:
        for signal in (post_save, post_delete):
            signal.connect(
                content_changed,
                sender=sender,
                dispatch_uid=f"core.caching.{sender._meta.label}.{id(signal)}",
            )
    # A rendition is saved the first time an image is shown (on a GET): that changes nothing
    # shown. Deleting renditions (a new file uploaded for an image) does: a body cached in
    # between would point at files that are gone.
    post_delete.connect(
        content_changed,
        sender=image_model.get_rendition_model(),
        dispatch_uid="core.caching.rendition_deleted",
    )


_connect_content_signals()


@receiver(m2m_changed, sender=get_user_model().groups.through)
@receiver(m2m_changed, sender=get_user_model().user_permissions.through)
@receiver(m2m_changed, sender=Group.permissions.through)
@receiver(post_save, sender=Group)
@receiver(post_delete, sender=Group)
@receiver(post_save, sender=Permission)
@receiver(post_delete, sender=Permission)
def permissions_changed(sender, **kwargs) -> None:
    invalidate_permissions()
