"""The course outline beside a lesson is joined from cached pieces (courses/outline_html.py):
it must still show each learner's own ticks, mark the page being read, escape titles and
follow every publish."""

import re

import pytest
from django.utils import translation

from courses.models import LessonPage
from enrollments import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def outline_of(html: str) -> str:
    match = re.search(r'<nav class="course-outline".*?</nav>', html, re.S)
    assert match, "no course outline on the page"
    return match.group(0)


def step_items(outline: str) -> list[str]:
    return re.findall(r'<li class="outline-item.*?</li>', outline, re.S)


@pytest.fixture
def reader(client, course):
    user = UserFactory()
    enrollment = services.enrollment_create(user=user, course=course)
    client.force_login(user)
    return client, enrollment


def test_finished_steps_are_ticked_and_the_current_one_is_marked(reader, course):
    client, enrollment = reader
    lessons = list(LessonPage.objects.in_course(course))
    services.step_record_done(enrollment=enrollment, page=lessons[0])
    items = step_items(outline_of(client.get(lessons[1].url).content.decode()))
    assert len(items) == len(lessons)
    assert 'class="outline-item is-done"' in items[0]
    assert "✓" in items[0] and "(afgerond)" in items[0]
    assert 'class="outline-item is-current"' in items[1]
    assert 'aria-current="page"' in items[1] and "✓" not in items[1]
    assert ">3</span>" in items[2] and "is-done" not in items[2]
    assert sum('aria-current="page"' in item for item in items) == 1


def test_two_learners_see_their_own_ticks(client, course):
    lessons = list(LessonPage.objects.in_course(course))
    ticked = {}
    for done in (lessons[0], lessons[2]):
        user = UserFactory()
        services.step_record_done(
            enrollment=services.enrollment_create(user=user, course=course), page=done
        )
        client.force_login(user)
        items = step_items(outline_of(client.get(lessons[1].url).content.decode()))
        ticked[done.pk] = [i for i, item in enumerate(items) if "is-done" in item]
    assert ticked == {lessons[0].pk: [0], lessons[2].pk: [2]}


def test_the_outline_follows_a_publish_and_escapes_titles(reader, course):
    client, _enrollment = reader
    lessons = list(LessonPage.objects.in_course(course))
    client.get(lessons[0].url)  # pieces cached
    lessons[1].title = "Bereik <meten> & weten"
    lessons[1].save_revision().publish()
    outline = outline_of(client.get(lessons[0].url).content.decode())
    assert "Bereik &lt;meten&gt; &amp; weten" in outline
    assert "<meten>" not in outline


def test_the_outline_speaks_the_page_language(reader, course):
    client, enrollment = reader
    lesson = LessonPage.objects.in_course(course).first()
    services.step_record_done(enrollment=enrollment, page=lesson)
    client.get(lesson.url)  # Dutch pieces cached first
    with translation.override("en"):
        english = lesson.get_url()
    outline = outline_of(client.get(english).content.decode())
    assert "(done)" in outline and 'aria-label="Course outline"' in outline
