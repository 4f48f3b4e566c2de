"""Instructors see enrolments with progress (filterable, CSV) and the lesson funnel."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from enrollments import services
from enrollments.models import Enrollment
from tests.factories import CoursePageFactory, UserFactory


@pytest.fixture
def learners(course, lessons):
    result = []
    for n, finished in enumerate((0, 3, 12)):
        user = UserFactory(username=f"leerling{n}", email=f"leerling{n}@example.com")
        enrollment = services.enrollment_create(user=user, course=course)
        for lesson in lessons[:finished]:
            services.step_record_done(enrollment=enrollment, page=lesson)
        result.append(enrollment)
    return result


@pytest.mark.django_db
def test_instructors_group_may_view_enrolments():
    group = Group.objects.get(name="Instructors")
    assert group.permissions.filter(codename="view_enrollment").exists()


@pytest.mark.django_db
def test_instructor_sees_enrolments_with_progress_and_filters(client, instructor, learners):
    client.force_login(instructor)
    response = client.get(reverse("enrolments:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "leerling1@example.com" in html and "25 %" in html
    enrolment = Enrollment.objects.filter(user__email="leerling1@example.com").get()
    inspect = reverse("enrolments:inspect", args=[enrolment.pk])
    assert f'href="{inspect}"' in html  # each learner opens their enrolment's details
    assert client.get(inspect).status_code == 200
    completed = client.get(reverse("enrolments:index"), {"completed": "yes"}).content.decode()
    assert "leerling2@example.com" in completed and "leerling0@example.com" not in completed


@pytest.mark.django_db
def test_enrolments_export_as_csv(client, instructor, learners):
    client.force_login(instructor)
    response = client.get(reverse("enrolments:index") + "?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows) == 1 + len(learners)
    assert any("leerling1@example.com" in cell for row in rows for cell in row)
    assert any(cell in ("25", "100") for row in rows[1:] for cell in row)


@pytest.mark.django_db
def test_funnel_counts_finishers_per_step(client, instructor, learners, lessons, course):
    client.force_login(instructor)
    response = client.get(reverse("lesson_funnel:index"), {"course": course.pk})
    assert response.status_code == 200
    funnel = response.context["funnel"]
    counts = [step.finished for step in funnel.steps]
    assert counts[:3] == [2, 2, 2] and counts[3:] == [1] * 9
    assert funnel.learners == 3 and funnel.completed == 1
    assert "<progress" in response.content.decode() or "funnel" in response.content.decode()


@pytest.mark.django_db
def test_learners_cannot_open_the_learner_screens(client, learner, learners):
    client.force_login(learner)
    assert client.get(reverse("enrolments:index")).status_code in (302, 403)
    assert client.get(reverse("lesson_funnel:index")).status_code in (302, 403)


@pytest.mark.django_db
@pytest.mark.parametrize("report", ["lesson_funnel:index", "plans_overview:index"])
def test_course_reports_show_the_chosen_course_or_the_first(
    client, instructor, home_page, course, report
):
    """`CourseReportView`, behind the funnel and the plans overview: ?course= picks the
    course; an unknown or missing id falls back to the first course in the tree."""
    second = CoursePageFactory(parent=home_page, title="Tweede cursus")
    client.force_login(instructor)
    url = reverse(report)
    assert client.get(url, {"course": second.pk}).context["course"] == second
    for query in ({}, {"course": "999999"}, {"course": "x"}):
        response = client.get(url, query)
        assert response.context["course"] == course
        assert response.context["courses"] == [course, second]


@pytest.mark.django_db
@pytest.mark.parametrize("report", ["lesson_funnel:index", "plans_overview:index"])
def test_course_reports_need_the_view_permission_not_only_admin_access(client, report):
    from django.contrib.auth.models import Permission

    editor = UserFactory(username="editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(reverse(report))
    # Wagtail answers PermissionDenied in its admin with a redirect home and a message.
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
