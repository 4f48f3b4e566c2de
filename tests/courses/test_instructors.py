import pytest
from django.urls import reverse

from courses.models import LessonPage
from tests.factories import InstructorFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_instructor_edits_and_publishes_a_lesson_in_the_admin(client, course):
    instructor = InstructorFactory()
    assert not instructor.is_superuser
    client.force_login(instructor)
    lesson = LessonPage.objects.in_course(course).first()
    edit_url = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    assert client.get(edit_url).status_code == 200
    assert client.get(reverse("wagtailadmin_explore", args=[course.pk])).status_code == 200


def test_learner_without_group_cannot_enter_the_admin(client, course):
    client.force_login(UserFactory())
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert "login" in response["Location"]
