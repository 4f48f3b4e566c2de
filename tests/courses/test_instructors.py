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


@pytest.mark.parametrize("enrolled", [True, False])
def test_moving_an_open_course_launch_into_the_future_is_refused_while_learners_are_in(
    course, enrolled
):
    from django.utils import timezone, translation

    from courses.models import CoursePage
    from enrollments import services

    if enrolled:
        services.enrollment_create(user=UserFactory(), course=course)
    instructor = UserFactory(is_staff=True, is_superuser=True)
    form_class = CoursePage.get_edit_handler().get_form_class()
    later = timezone.localtime() + timezone.timedelta(days=7)
    form = form_class(
        {"launch_at": later.strftime("%Y-%m-%d %H:%M"), "what_you_will_learn-count": "0"},
        instance=course,
        for_user=instructor,
        parent_page=course.get_parent(),
    )
    with translation.override("en"):
        form.is_valid()  # the other fields are missing; launch_at is judged on its own
        errors = {field: " ".join(messages) for field, messages in form.errors.items()}
    if enrolled:
        assert "1 learner is already enrolled" in errors["launch_at"]
    else:
        assert "launch_at" not in errors
