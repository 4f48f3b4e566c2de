import pytest

from courses.models import LessonPage
from enrollments import services
from tests.factories import InstructorFactory, UserFactory


@pytest.fixture
def learner(db):
    return UserFactory(username="learner")


@pytest.fixture
def other(db):
    return UserFactory(username="other")


@pytest.fixture
def instructor(db):
    return InstructorFactory()


@pytest.fixture
def staff(db):
    return UserFactory(username="staff", is_staff=True)


@pytest.fixture
def lessons(course):
    return list(LessonPage.objects.in_course(course))


@pytest.fixture
def enrollment(learner, course):
    return services.enrollment_create(user=learner, course=course)
