import pytest

from courses.models import LessonPage
from enrollments import services
from tests.factories import build_course

# The payments tests' fixtures (a paid course, an order, signed webhook posts), shared here.
from tests.payments.conftest import order, paid_course, post_event, stripe_keys  # noqa: F401


@pytest.fixture
def small_course(home_page):
    return build_course(
        home_page,
        modules=1,
        lessons_per_module=2,
        title="MCMT in de praktijk",
        instructor_name="Dr. Els Bakker",
    )


@pytest.fixture
def small_lessons(small_course):
    return list(LessonPage.objects.in_course(small_course))


@pytest.fixture
def completed_enrollment(learner, small_course, small_lessons):
    enrollment = services.enrollment_create(user=learner, course=small_course)
    for lesson in small_lessons:
        services.step_record_done(enrollment=enrollment, page=lesson)
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None
    return enrollment


@pytest.fixture
def certificate(completed_enrollment):
    return completed_enrollment.certificate
