from django.conf import settings

from lms.celery import app
from tests.fresh_process import probe


def test_celery_app_discovers_the_apps_tasks():
    app.loader.import_default_modules()
    assert "courses.tasks.publish_scheduled_pages" in app.tasks


def test_every_beat_entry_names_a_registered_task():
    app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, name


def test_tasks_are_acknowledged_late_and_requeued_when_a_worker_dies():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True


# In a fresh process: what the broker setting makes a process load.
TRANSPORT_PROBE = """
import json, sys, django
django.setup()
from django.urls import get_resolver
get_resolver().reverse_dict
from lms.celery import app
loaded = "kombu.transport.redis" in sys.modules
transport = app.connection_for_write().get_transport_cls()
print(json.dumps({"loaded_at_start": loaded, "transport": transport.__module__}))
"""


def _transport(broker: str) -> dict:
    return probe(TRANSPORT_PROBE, var_dir="/tmp/lms-transport-test", broker=broker)


def test_a_redis_broker_connects_through_the_fixed_transport_loaded_on_first_use():
    assert _transport("redis://127.0.0.1:1/0") == {
        "loaded_at_start": False,
        "transport": "lms.celery_redis",
    }
