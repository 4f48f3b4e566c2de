import os

import pytest
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Page, Site

from tests.factories import HomePageFactory, InstructorFactory, UserFactory, build_course

# Playwright's sync API runs an event loop in the test thread; Django's ORM guard would
# otherwise refuse the fixtures' queries made from that same thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _isolated_media_cache_and_language(settings, tmp_path):
    from core import caching, frames

    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    # Stale after cache.clear() anyway (a new generation); kept small.
    caching.forget_process_copies()
    frames.clear()
    # A request under /en/ leaves English active in the test thread; start each test in Dutch.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _project_celery_app_stays_current():
    """A `Celery()` made in a test becomes Celery's current app unless told otherwise, and
    every `shared_task` then sends through it: one such test once left later tests' mails
    queued on a dead broker, silently. Whatever a test does, the next starts on ours."""
    yield
    from celery import current_app

    from lms.celery import app

    if current_app._get_current_object() is not app:
        app.set_current()


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd, 127.0.0.1, free port) that Django's mail now goes to.

    `smtp_server.messages` holds what arrived, parsed (email.message.EmailMessage);
    `smtp_server.wait_for(n)` waits for n messages. See tests/smtp.py.
    """
    from tests.smtp import SmtpSink

    with SmtpSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = sink.host
        settings.EMAIL_PORT = sink.port
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 10
        yield sink


@pytest.fixture
def committing_client_class(django_capture_on_commit_callbacks):
    """A test client class whose every request runs as if in its own committed transaction:
    what the request queued with `transaction.on_commit` (mails, tasks) runs after the
    response, and only then. (Tests otherwise run inside one transaction that never
    commits, so that work would never run.)"""
    from django.test import Client

    class CommittingClient(Client):
        def request(self, **request):
            with django_capture_on_commit_callbacks(execute=True):
                return super().request(**request)

    return CommittingClient


@pytest.fixture
def home_page(db):
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="home-test")
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def course(home_page):
    """A live, free, launched course: 4 modules (one per pillar) x 3 lessons."""
    return build_course(home_page, modules=4, lessons_per_module=3)


@pytest.fixture
def lessons(course):
    from courses.models import LessonPage

    return list(LessonPage.objects.in_course(course))


# --- People -----------------------------------------------------------------------------------


@pytest.fixture
def learner(db):
    return UserFactory(username="learner", email="leerling@example.com")


@pytest.fixture
def other(db):
    """A second learner, for "never shown to another learner" checks."""
    return UserFactory(username="other")


@pytest.fixture
def instructor(db):
    return InstructorFactory()


@pytest.fixture
def staff(db):
    return UserFactory(username="staff", is_staff=True)


@pytest.fixture
def enrollment(learner, course):
    from enrollments.services import enrollment_create

    return enrollment_create(user=learner, course=course)


@pytest.fixture
def learner_client(client, learner, enrollment):
    """A client logged in as the enrolled learner."""
    client.force_login(learner)
    return client
