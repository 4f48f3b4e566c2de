"""The session store reads the cache generations in the session's own round trip."""

import pytest
from django.core.cache import cache

from core import caching

pytestmark = pytest.mark.django_db


def _record_cache_reads(monkeypatch) -> list:
    """The cache reads a request makes, as (method, key or keys); not the reads a backend
    makes inside its own get_many (the local-memory cache loops over `get`)."""
    reads: list = []
    depth = [0]
    for name in ("get", "get_many", "get_or_set"):
        original = getattr(cache, name)

        def recording(*args, _name=name, _original=original, **kwargs):
            if depth[0] == 0:
                reads.append((_name, args[0]))
            depth[0] += 1
            try:
                return _original(*args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(cache, name, recording)
    return reads


def test_a_learners_lesson_page_reads_session_and_generations_in_one_round_trip(
    learner_client, lessons, monkeypatch
):
    lesson = lessons[0]
    learner_client.get(lesson.url)  # fills the route, outline and body caches
    reads = _record_cache_reads(monkeypatch)
    response = learner_client.get(lesson.url)
    assert response.status_code == 200
    first_name, first_keys = reads[0]
    assert first_name == "get_many"
    assert set(caching.GENERATION_KEYS) <= set(first_keys)
    separate_generation_reads = [
        key for name, key in reads[1:] if name != "get_many" and key in caching.GENERATION_KEYS
    ]
    assert separate_generation_reads == []


def test_a_session_the_cache_lost_is_read_from_the_database(learner_client, lessons):
    cache.clear()  # Redis restarted empty: the session comes back from its table
    response = learner_client.get("/learn/")
    assert response.status_code == 200
    assert response.wsgi_request.user.is_authenticated


def test_a_generation_bumped_by_another_process_is_seen_by_the_next_request(
    learner_client, lessons
):
    lesson = lessons[0]
    learner_client.get(lesson.url)
    lesson.title = "Een titel van elders"
    lesson.save_revision().publish()
    assert "Een titel van elders" in learner_client.get(lesson.url).content.decode()
