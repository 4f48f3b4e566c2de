import pytest

from courses.models import LessonPage, ModulePage
from enrollments.services import enrollment_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_course_landing_page_shows_pillars_outline_and_price(client, course):
    response = client.get(course.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert course.title in html
    for module in ModulePage.objects.child_of(course):
        assert module.title in html
    assert "Gratis" in html  # free course, Dutch by default
    assert 'lang="nl"' in html


def test_module_overview_lists_its_lessons(client, course):
    module = ModulePage.objects.child_of(course).first()
    response = client.get(module.url)
    assert response.status_code == 200
    for lesson in LessonPage.objects.child_of(module):
        assert lesson.title in response.content.decode()


def test_lesson_page_has_outline_and_previous_next_links(client, course):
    learner = UserFactory()
    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    lessons = list(LessonPage.objects.in_course(course))
    second = lessons[1]
    response = client.get(second.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{lessons[0].url}" rel="prev"' in html
    assert f'href="{lessons[2].url}" rel="next"' in html
    assert 'aria-label="Cursusoverzicht"' in html
    assert "Waar het om gaat" in html  # the heading block rendered


def test_english_interface_under_en_prefix_keeps_links_in_english(client, course):
    first_lesson_url = LessonPage.objects.in_course(course).first().url
    response = client.get(f"/en{course.url}")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="en"' in html
    assert "Course outline" in html
    assert f'href="/en{first_lesson_url}"' in html


def test_language_switch_on_every_page_links_to_the_same_page_in_english(client, course):
    course_url = course.url
    lesson_url = LessonPage.objects.in_course(course).first().url
    for url in (course_url, lesson_url):
        html = client.get(url).content.decode()
        assert f'href="/en{url}" hreflang="en"' in html
    english = client.get(f"/en{course_url}").content.decode()
    assert f'href="{course_url}" hreflang="nl"' in english


def test_outline_cache_is_refreshed_when_a_lesson_is_published(client, course):
    module = ModulePage.objects.child_of(course).first()
    client.get(course.url)  # fills the outline cache
    new = module.add_child(instance=LessonPage(title="Nieuwe les", slug="nieuw", body="[]"))
    new.save_revision().publish()
    assert "Nieuwe les" in client.get(course.url).content.decode()
    new.unpublish()
    assert "Nieuwe les" not in client.get(course.url).content.decode()
