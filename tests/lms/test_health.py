import pytest

from lms import views

pytestmark = pytest.mark.django_db


def test_health_reports_database_cache_and_broker(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {
        "ok": True,
        "degraded": False,
        "database": True,
        "cache": True,
        "broker": True,
    }


def _broken() -> bool:
    raise ConnectionError("down")


def test_health_without_redis_is_200_degraded_and_names_the_failing_part(client, monkeypatch):
    """Without Redis the site still works from the database: the load balancer must keep it."""
    monkeypatch.setitem(views.CHECKS, "broker", _broken)
    monkeypatch.setitem(views.CHECKS, "cache", _broken)
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json()["degraded"] is True and response.json()["ok"] is False
    assert response.json()["broker"] is False and response.json()["cache"] is False
    assert response.json()["database"] is True


def test_health_without_the_database_is_503(client, monkeypatch):
    monkeypatch.setitem(views.CHECKS, "database", _broken)
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["database"] is False


def test_health_answers_quickly_when_the_broker_refuses_connections(client, monkeypatch):
    """HAProxy allows a health check 2 s; an answer slower than that when Redis is stopped
    took every node out of the balancer at once in the redis-stop fault drill."""
    import time

    from lms.celery import app

    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")  # nothing listens
    started = time.monotonic()
    response = client.get("/healthz/")
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert response.json()["broker"] is False
    assert elapsed < 1.5, f"the health check took {elapsed:.1f} s"
