import pytest

from lms import views

pytestmark = pytest.mark.django_db


def test_health_reports_database_cache_and_broker(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"ok": True, "database": True, "cache": True, "broker": True}


def test_health_is_503_and_names_the_failing_part(client, monkeypatch):
    def broken() -> bool:
        raise ConnectionError("broker down")

    monkeypatch.setitem(views.CHECKS, "broker", broken)
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["broker"] is False
    assert response.json()["database"] is True
