"""Who may open a lesson: every kind of visitor x preview/normal lesson x before/after launch.

Refused visitors land on the course's landing page with a message and a way in: never a
404 or a bare 403.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from enrollments import services
from enrollments.access import step_access
from tests.factories import InstructorFactory, UserFactory

VISITORS = ["anonymous", "not_enrolled", "enrolled", "revoked", "instructor", "staff"]
# (visitor, preview lesson?, launched?) -> may read
EXPECTED = {
    # after launch
    ("anonymous", True, True): True,
    ("anonymous", False, True): False,
    ("not_enrolled", True, True): True,
    ("not_enrolled", False, True): False,
    ("enrolled", True, True): True,
    ("enrolled", False, True): True,
    ("revoked", True, True): True,
    ("revoked", False, True): False,
    ("instructor", True, True): True,
    ("instructor", False, True): True,
    ("staff", True, True): True,
    ("staff", False, True): True,
    # before launch: only previews (the shop window) and course staff
    ("anonymous", True, False): True,
    ("anonymous", False, False): False,
    ("not_enrolled", True, False): True,
    ("not_enrolled", False, False): False,
    ("enrolled", True, False): True,
    ("enrolled", False, False): False,
    ("revoked", True, False): True,
    ("revoked", False, False): False,
    ("instructor", True, False): True,
    ("instructor", False, False): True,
    ("staff", True, False): True,
    ("staff", False, False): True,
}


def make_visitor(kind, course):
    if kind == "anonymous":
        return None
    if kind == "instructor":
        return InstructorFactory()
    user = UserFactory(is_staff=kind == "staff")
    if kind in ("enrolled", "revoked"):
        enrollment = services.enrollment_create(user=user, course=course)
        if kind == "revoked":
            services.enrollment_revoke(enrollment=enrollment)
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("launched", [True, False], ids=["launched", "before-launch"])
@pytest.mark.parametrize("preview", [True, False], ids=["preview", "normal"])
@pytest.mark.parametrize("kind", VISITORS)
def test_lesson_access(client, course, lessons, kind, preview, launched):
    if not launched:
        course.launch_at = timezone.now() + timedelta(days=3)
        course.save_revision().publish()
    lesson = lessons[0] if preview else lessons[1]
    assert lesson.free_preview is preview
    lesson_url, course_url = lesson.url, course.url
    user = make_visitor(kind, course)
    if user is not None:
        client.force_login(user)

    response = client.get("/en" + lesson_url)

    if EXPECTED[(kind, preview, launched)]:
        assert response.status_code == 200
        assert lesson.title in response.content.decode()
    else:
        assert response.status_code == 302
        assert response["Location"] == "/en" + course_url
        landing = client.get(response["Location"])
        assert landing.status_code == 200
        html = landing.content.decode()
        assert 'role="alert"' in html  # the message saying how to get in
        if launched and kind == "anonymous":
            assert "/accounts/signup/?next=" in html
        if launched and kind in ("not_enrolled", "revoked"):
            assert 'action="/en/learn/courses/' in html  # the one-click enrol form
    from django.contrib.auth.models import AnonymousUser

    assert (
        step_access(user=user or AnonymousUser(), page=lesson, course=course).allowed
        is EXPECTED[(kind, preview, launched)]
    )


@pytest.mark.django_db
def test_paid_course_shows_the_price_and_no_free_enrolment(client, home_page):
    from decimal import Decimal

    from tests.factories import build_course

    paid = build_course(home_page, modules=1, lessons_per_module=2, price=Decimal("49.00"))
    client.force_login(UserFactory())
    html = client.get("/en" + paid.url).content.decode()
    assert "49" in html
    assert "/learn/courses/" not in html  # no free enrol form
    response = client.post(f"/en/learn/courses/{paid.pk}/enrol/")
    assert response.status_code == 302
    from enrollments.models import Enrollment

    assert not Enrollment.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", VISITORS)
def test_an_unpublished_course_takes_its_modules_and_previews_with_it(
    client, course, lessons, kind
):
    user = make_visitor(kind, course)
    preview, module = lessons[0], lessons[0].get_parent()
    assert preview.free_preview
    course.unpublish()  # Wagtail leaves the pages below live
    if user is not None:
        client.force_login(user)
    staff = kind in ("instructor", "staff")
    for url in [preview.url, module.url]:
        response = client.get(url)
        assert response.status_code == (200 if staff else 404), (url, response.status_code)
    course.refresh_from_db()
    assert step_access(user=user or AnonymousUser(), page=preview, course=course).allowed is staff
