"""core.sql.CompiledRead: the same rows as the queryset it was compiled from."""

import pytest

from core.sql import CompiledRead
from enrollments.models import Enrollment
from tests.factories import UserFactory
from tests.factories.enrollments import EnrollmentFactory

pytestmark = pytest.mark.django_db

FIELDS = [f.attname for f in Enrollment._meta.concrete_fields]


def _read():
    return CompiledRead(
        lambda user_id, course_id: Enrollment.objects.filter(
            user_id=user_id, course_id=course_id
        ).values_list(*FIELDS),
        "user_id",
        "course_id",
    )


def test_rows_equal_the_querysets_own_converted_values(course):
    read = _read()
    first, second = EnrollmentFactory(course=course), EnrollmentFactory(course=course)
    for enrollment in (first, second):  # the second call reuses the compiled SQL
        expected = list(
            Enrollment.objects.filter(user_id=enrollment.user_id, course_id=course.pk).values_list(
                *FIELDS
            )
        )
        rows = read.rows(user_id=enrollment.user_id, course_id=course.pk)
        assert rows == expected and len(rows) == 1
        # Dates come back as datetimes (a converter's work on SQLite), not as text.
        assert rows[0][FIELDS.index("created_at")] == enrollment.created_at


def test_no_row_for_someone_else(course):
    EnrollmentFactory(course=course)
    assert _read().rows(user_id=UserFactory().pk, course_id=course.pk) == []


def test_it_is_one_query(course, django_assert_num_queries):
    enrollment = EnrollmentFactory(course=course)
    read = _read()
    read.rows(user_id=enrollment.user_id, course_id=course.pk)
    with django_assert_num_queries(1):
        read.rows(user_id=enrollment.user_id, course_id=course.pk)


def test_a_queryset_that_uses_a_value_twice_is_refused():
    read = CompiledRead(
        lambda user_id: Enrollment.objects.filter(user_id=user_id, course_id=user_id),
        "user_id",
    )
    with pytest.raises(ValueError, match="must be a plain parameter once"):
        read.rows(user_id=1)


def test_a_text_column_takes_its_value_as_a_placeholder_too(course):
    from tests.factories.waitlist import SubscriberFactory
    from waitlist.models import Subscriber

    read = CompiledRead(
        lambda email: (
            Subscriber.objects.filter(email_normalised=email).order_by().values_list("course_id")
        ),
        "email",
    )
    SubscriberFactory(course=course, email="anna@example.com")
    assert read.rows(email="anna@example.com") == [(course.pk,)]
    assert read.rows(email="bram@example.com") == []
