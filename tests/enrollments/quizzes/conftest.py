import pytest

from core.caching import invalidate_content
from courses.models import ModulePage
from tests.factories import QuizPageFactory


@pytest.fixture
def module(course):
    return ModulePage.objects.child_of(course).order_by("path").first()


@pytest.fixture
def quiz(module):
    """A published quiz after the first module's lessons: single, multiple, true/false."""
    quiz = QuizPageFactory(parent=module, slug="toets")
    invalidate_content()
    return quiz
