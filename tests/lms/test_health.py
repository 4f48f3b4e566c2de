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
