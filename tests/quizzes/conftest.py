import pytest

from courses.models import ModulePage
from courses.outline import invalidate_outlines
from enrollments.services import enrollment_create
from tests.factories import InstructorFactory, QuizPageFactory, UserFactory


@pytest.fixture
def module(course):
    return ModulePage.objects.child_of(course).order_by("path").first()


@pytest.fixture
def quiz(module):
    """A published quiz after the first module's lessons: single, multiple, true/false."""
    quiz = QuizPageFactory(parent=module, slug="toets")
    invalidate_outlines()
    return quiz


@pytest.fixture
def learner(db):
    return UserFactory()


@pytest.fixture
def enrollment(learner, course):
    return enrollment_create(user=learner, course=course)


@pytest.fixture
def learner_client(client, learner, enrollment):
    client.force_login(learner)
    return client


@pytest.fixture
def instructor(db):
    return InstructorFactory()
