"""A "mark as done" post costs a small, fixed number of statements: its step comes from the
content cache (courses.routing.live_page), and the insert needs no savepoints."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import LessonPage
from enrollments import services
from enrollments.models import StepProgress
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# The user, the enrolment with its steps, then one transaction (begin, lock, is it there,
# insert, the finished steps for completion, commit) and the progress for the JSON answer.
MARK_DONE_MAX_STATEMENTS = 9


def test_marking_a_lesson_done_touches_no_page_rows_and_stays_small(client, course):
    user = UserFactory()
    enrollment = services.enrollment_create(user=user, course=course)
    first, second = list(LessonPage.objects.in_course(course))[:2]
    client.force_login(user)
    json = {"HTTP_ACCEPT": "application/json"}
    assert client.post(reverse("enrollments:step_done", args=[first.pk]), **json).json()["done"]
    client.post(reverse("enrollments:step_undo", args=[second.pk]), **json)  # caches the step
    with CaptureQueriesContext(connection) as ctx:
        answer = client.post(reverse("enrollments:step_done", args=[second.pk]), **json)
    assert answer.status_code == 200 and answer.json()["done"] is True
    # The test runs inside a transaction, so the service's own transaction is one savepoint
    # (BEGIN and COMMIT in production); get_or_create used to add two more of its own.
    savepoints = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SAVEPOINT")]
    statements = [q["sql"] for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(savepoints) == 1, savepoints
    assert len(statements) <= MARK_DONE_MAX_STATEMENTS - 2, "\n".join(statements)
    assert not [s for s in statements if "wagtailcore_page" in s]
    assert StepProgress.objects.filter(enrollment=enrollment).count() == 2


def test_marking_the_same_lesson_twice_stores_it_once(client, course):
    user = UserFactory()
    enrollment = services.enrollment_create(user=user, course=course)
    lesson = LessonPage.objects.in_course(course).first()
    client.force_login(user)
    url = reverse("enrollments:step_done", args=[lesson.pk])
    for _ in range(2):
        assert client.post(url, HTTP_ACCEPT="application/json").status_code == 200
    assert StepProgress.objects.filter(enrollment=enrollment, page=lesson).count() == 1


def test_an_unpublished_lesson_cannot_be_marked_once_its_unpublish_is_seen(client, course):
    user = UserFactory()
    services.enrollment_create(user=user, course=course)
    lesson = LessonPage.objects.in_course(course).first()
    client.force_login(user)
    url = reverse("enrollments:step_done", args=[lesson.pk])
    assert client.post(url, HTTP_ACCEPT="application/json").status_code == 200  # cached now
    lesson.unpublish()
    assert client.post(url, HTTP_ACCEPT="application/json").status_code == 404
