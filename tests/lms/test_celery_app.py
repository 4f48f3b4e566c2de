from django.conf import settings

from lms.celery import app


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
