"""Two requests issuing the same certificate at the same moment, on PostgreSQL."""

import pytest
from django.db import connection

from certificates import services
from certificates.models import Certificate
from enrollments.models import Enrollment
from tests.concurrency import errors_in, run_at_once
from tests.factories import UserFactory, build_course

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (real concurrency)")


def test_racing_issues_leave_one_certificate(home_page):
    from django.utils import timezone

    course = build_course(home_page, modules=1, lessons_per_module=1)
    enrollment = Enrollment.objects.create(
        user=UserFactory(), course=course, source="free", completed_at=timezone.now()
    )

    def issue():
        fresh = Enrollment.objects.select_related("user", "course").get(pk=enrollment.pk)
        return services.certificate_issue(enrollment=fresh).code

    results = run_at_once(*(issue for _ in range(6)))
    assert errors_in(results) == []
    assert Certificate.objects.count() == 1
    assert set(results) == {Certificate.objects.get().code}
