"""Redis away is a slower site, not an outage (issue 13, item 7).

Each test runs the real cache backend (core.cache_backend.ResilientRedisCache) against a
Redis server of its own, and takes that server away: killed (a crash or restart) or paused
(a partition: it keeps its data but answers nothing).
"""

import tempfile
import time

import pytest
from django.test import Client
from django.urls import reverse

from enrollments.models import StepProgress
from tests.factories import UserFactory
from tests.factories.users import DEFAULT_PASSWORD
from tests.redis_server import REDIS_SERVER, RedisServer

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not REDIS_SERVER, reason="needs the redis-server program"),
]


@pytest.fixture
def redis_cache(settings):
    """The default cache on a Redis server of this test's own."""
    with tempfile.TemporaryDirectory() as directory:
        server = RedisServer(directory)
        server.start()
        settings.CACHES = {
            "default": {
                "BACKEND": "core.cache_backend.ResilientRedisCache",
                "LOCATION": server.url(0),
                "KEY_PREFIX": "outage-test",
            }
        }
        try:
            yield server
        finally:
            server.kill()


def _status(client, url, **kwargs) -> int:
    return client.get(url, **kwargs).status_code


def test_with_redis_killed_pages_sessions_progress_and_log_in_keep_working(
    redis_cache, learner, enrollment, lessons, course
):
    learner_client = Client(raise_request_exception=False)
    learner_client.force_login(learner)
    visitor = Client(raise_request_exception=False)
    assert _status(learner_client, lessons[0].url) == 200
    assert _status(visitor, course.url) == 200

    redis_cache.kill()

    assert _status(visitor, course.url) == 200  # anonymous page from the database
    assert _status(learner_client, lessons[1].url) == 200  # session read from the database
    assert _status(learner_client, reverse("enrollments:dashboard")) == 200
    done = learner_client.post(reverse("enrollments:step_done", args=[lessons[1].pk]))
    assert done.status_code < 400
    assert StepProgress.objects.filter(enrollment=enrollment, page=lessons[1]).count() == 1
    # Logging in works, and the failed-log-in limit still limits (in process memory).
    other = UserFactory(email="ander@example.com")
    response = Client().post(
        "/accounts/login/", {"login": other.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    attacker = Client()
    target = UserFactory(email="doelwit@example.com")
    for _ in range(6):
        attacker.post("/accounts/login/", {"login": target.email, "password": "wrong"})
    attacker.post("/accounts/login/", {"login": target.email, "password": DEFAULT_PASSWORD})
    assert "_auth_user_id" not in attacker.session
    health = visitor.get("/healthz/")
    assert health.status_code == 200 and health.json()["cache"] is False

    redis_cache.start()  # back, empty
    time.sleep(1.1)  # the backend tries Redis again after a second
    assert _status(learner_client, lessons[2].url) == 200
    assert redis_cache.client().dbsize() > 0  # in use again


def test_a_logout_during_a_partition_is_not_undone_when_redis_answers_again(redis_cache):
    user = UserFactory(email="uit@example.com")
    client = Client(raise_request_exception=False)
    client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    old_session = client.cookies["sessionid"].value
    assert _status(client, reverse("enrollments:dashboard")) == 200  # cached in Redis now

    redis_cache.pause(3000)  # Redis keeps the cached session but answers nothing
    client.post(reverse("account_logout"))
    time.sleep(3.5)

    client.cookies["sessionid"] = old_session  # someone replays the old cookie
    assert _status(client, reverse("enrollments:dashboard")) == 302  # logged out for good


def test_a_publish_during_a_partition_is_not_hidden_by_old_cached_pages(redis_cache, course):
    visitor = Client(raise_request_exception=False)
    assert "Cursus" in visitor.get(course.url).content.decode()  # cached in Redis

    redis_cache.pause(3000)
    course.title = "Nieuwe titel tijdens de storing"
    course.save_revision().publish()
    time.sleep(3.5)

    assert "Nieuwe titel tijdens de storing" in visitor.get(course.url).content.decode()
