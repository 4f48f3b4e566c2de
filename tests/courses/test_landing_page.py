"""The course landing page and the pages around it: the intro split around the call to
action, social proof from a threshold, course text marked Dutch under the English interface,
one "next" per lesson, and the launch time with its zone."""

import re
from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.template import Context, Template

from courses.models import LessonPage
from enrollments import services
from tests.factories import UserFactory, build_course

pytestmark = pytest.mark.django_db

TWO_PARAGRAPHS = "<p>Korte belofte.</p><p>De langere uitleg over de cursus.</p>"


def _enrol(course, count: int) -> None:
    for _ in range(count):
        services.enrollment_create(user=UserFactory(), course=course)


def test_the_intro_leads_and_the_rest_follows_under_about_this_course(client, home_page):
    course = build_course(home_page, modules=1, lessons_per_module=1, intro=TWO_PARAGRAPHS)
    html = client.get("/en" + course.url).content.decode()
    lead = html.index("Korte belofte.")
    assert lead < html.index('class="course-cta"') < html.index("About this course")
    assert html.index("About this course") < html.index("De langere uitleg")
    assert html.count("De langere uitleg") == 1


def test_the_facts_list_modules_lessons_minutes_and_instructor(client, home_page):
    course = build_course(home_page, modules=2, lessons_per_module=2, instructor_name="Femke")
    html = client.get("/en" + course.url).content.decode()
    facts = re.search(r'<ul class="course-facts".*?</ul>', html, re.DOTALL).group(0)
    for fact in ("2 modules", "4 lessons, about ", "Instructor: Femke"):
        assert fact in facts


def test_social_proof_shows_from_the_threshold_up(client, home_page, settings):
    settings.SOCIAL_PROOF_MIN_LEARNERS = 3
    course = build_course(home_page, modules=1, lessons_per_module=1)
    url = "/en" + course.url
    _enrol(course, 2)
    assert "learners enrolled" not in client.get(url).content.decode()
    _enrol(course, 1)
    cache.clear()  # the anonymous landing page is cached whole
    assert "3 learners enrolled" in client.get(url).content.decode()


def test_social_proof_counts_active_enrolments_in_one_query(
    home_page, settings, django_assert_num_queries
):
    settings.SOCIAL_PROOF_MIN_LEARNERS = 1
    course = build_course(home_page, modules=1, lessons_per_module=1)
    _enrol(course, 2)
    revoked = course.enrollments.first()
    revoked.status = revoked.Status.REVOKED
    revoked.save()
    template = Template("{% load social_proof %}{% enrolled_learners course as n %}{{ n }}")
    with django_assert_num_queries(1):
        assert template.render(Context({"course": course})) == "1"


def test_english_pages_mark_the_dutch_course_text(client, course):
    lesson = LessonPage.objects.in_course(course).filter(free_preview=True).first()
    url = lesson.url
    english = client.get("/en" + url).content.decode()
    assert '<html lang="en">' in english
    assert re.search(rf'<h1 lang="nl">{re.escape(lesson.title)}</h1>', english)
    assert '<div class="lesson-body" lang="nl">' in english
    assert 'class="outline-title" lang="nl"' in english  # the outline beside the lesson
    dutch = client.get(url).content.decode()
    assert '<html lang="nl">' in dutch and 'lang="nl"' not in dutch.split("<body", 1)[1]


def test_a_lesson_has_one_next_link(client, course):
    learner = UserFactory()
    services.enrollment_create(user=learner, course=course)
    client.force_login(learner)
    first = LessonPage.objects.in_course(course).first()
    html = client.get("/en" + first.url).content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Mark as done" in main
    assert main.count("Next:") == 1 and main.count('rel="next"') == 1


def test_the_waitlist_shows_the_launch_time_with_its_zone(client, home_page):
    course = build_course(
        home_page,
        modules=1,
        lessons_per_module=1,
        launch_at=datetime(2099, 1, 5, 20, 36, tzinfo=UTC),
    )
    url = course.url
    assert "5 januari 2099, 21:36 CET" in client.get(url).content.decode()
    assert "5 January 2099, 21:36 CET" in client.get("/en" + url).content.decode()
