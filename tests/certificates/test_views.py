"""Over HTTP: the completion moment, who may download the PDF, what the public page shows."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from certificates import services
from courses.models import LessonPage
from enrollments import services as enrollment_services
from enrollments.models import QuizAttempt
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def completed_url(course):
    return reverse("certificates:completed", args=[course.pk])


def test_marking_the_last_lesson_done_lands_on_the_completed_page(
    client, learner, small_course, small_lessons
):
    enrollment_services.enrollment_create(user=learner, course=small_course)
    client.force_login(learner)
    first = client.post(reverse("enrollments:step_done", args=[small_lessons[0].pk]))
    assert first.status_code == 302 and "completed" not in first.url
    last = client.post(reverse("enrollments:step_done", args=[small_lessons[1].pk]))
    assert last.status_code == 302 and last.url == completed_url(small_course)
    html = client.get(last.url).content.decode()
    assert escape(learner.get_full_name()) in html  # "van 't Hek" is escaped
    assert "Download" in html or "Download het certificaat" in html


def test_json_completion_tells_the_script_where_to_go(client, learner, small_course, small_lessons):
    enrollment_services.enrollment_create(user=learner, course=small_course)
    client.force_login(learner)
    done = reverse("enrollments:step_done", args=[small_lessons[0].pk])
    assert client.post(done, HTTP_ACCEPT="application/json").json()["completed_url"] == ""
    done = reverse("enrollments:step_done", args=[small_lessons[1].pk])
    payload = client.post(done, HTTP_ACCEPT="application/json").json()
    assert payload["completed_url"] == completed_url(small_course)


def test_completed_page_shows_panels_from_the_hook_and_share_links(
    client, learner, certificate, small_course
):
    from wagtail import hooks

    def panel(request, enrollment):
        return f'<section data-test-panel="{enrollment.pk}">Plan</section>'

    client.force_login(learner)
    with hooks.register_temporarily("learner_completion_panels", panel):
        html = client.get(completed_url(small_course)).content.decode()
    assert f'data-test-panel="{certificate.enrollment_id}"' in html
    assert "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME" in html
    assert f"certId={certificate.code}" in html
    assert f"/certificaat/{certificate.code}/" in html


def test_completed_page_is_404_before_completion_and_for_strangers(
    client, learner, other, small_course
):
    enrollment_services.enrollment_create(user=learner, course=small_course)
    client.force_login(learner)
    assert client.get(completed_url(small_course)).status_code == 404
    client.force_login(other)
    assert client.get(completed_url(small_course)).status_code == 404


def test_only_the_owner_downloads_the_pdf(client, learner, other, certificate):
    url = reverse("certificates:pdf", args=[certificate.code])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous.url
    client.force_login(other)
    assert client.get(url).status_code == 404
    client.force_login(learner)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_verification_page_shows_only_name_course_date_and_status(client, certificate, learner):
    with translation.override("nl"):
        url = reverse("certificates:verify", args=[certificate.code])
    assert url == f"/certificaat/{certificate.code}/"
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in html
    assert certificate.learner_name in html and certificate.course_title in html
    assert 'data-certificate-status="valid"' in html
    assert learner.email not in html and learner.username not in html


def test_english_verification_url(client, certificate):
    with translation.override("en"):
        url = reverse("certificates:verify", args=[certificate.code])
    assert url == f"/en/certificate/{certificate.code}/"
    assert "This certificate is valid" in client.get(url).content.decode()


def test_revoked_certificate_says_revoked_with_the_date(client, certificate):
    services.certificate_revoke(certificate=certificate, reason="refund")
    html = client.get(f"/certificaat/{certificate.code}/").content.decode()
    assert 'data-certificate-status="revoked"' in html and "refund" not in html


def test_unknown_code_is_the_plain_404(client, certificate):
    response = client.get("/certificaat/nietbestaand1/")
    assert response.status_code == 404
    assert certificate.learner_name not in response.content.decode()


def test_verification_is_rate_limited_per_address(client, certificate, settings):
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = 3
    codes = ["raden1", "raden2", certificate.code]
    assert [client.get(f"/certificaat/{c}/").status_code for c in codes] == [404, 404, 200]
    assert client.get(f"/certificaat/{certificate.code}/").status_code == 429


def test_reissue_over_http_only_for_the_owner(client, learner, other, certificate):
    url = reverse("certificates:reissue", args=[certificate.code])
    learner.first_name = "Janneke"
    learner.save()
    client.force_login(other)
    assert client.post(url).status_code == 404
    client.force_login(learner)
    html = client.get(completed_url(certificate.enrollment.course)).content.decode()
    assert url in html  # offered, since the name changed
    client.post(url)
    certificate.refresh_from_db()
    assert certificate.learner_name.startswith("Janneke") and certificate.version == 2


def test_dashboard_marks_the_course_completed_with_a_link_to_the_certificate(
    client, learner, certificate, small_course
):
    client.force_login(learner)
    html = client.get(reverse("enrollments:dashboard")).content.decode()
    assert "data-completed-link" in html and completed_url(small_course) in html


def test_passing_the_last_quiz_lands_on_the_completed_page(client, learner, home_page):
    from core.caching import invalidate_content
    from courses.models import ModulePage
    from tests.enrollments.quizzes.helpers import post_data, right_answers
    from tests.factories import QuizPageFactory, build_course

    course = build_course(home_page, modules=1, lessons_per_module=1)
    quiz = QuizPageFactory(parent=ModulePage.objects.child_of(course).get(), slug="toets")
    invalidate_content()
    lesson = LessonPage.objects.in_course(course).get()
    enrollment = enrollment_services.enrollment_create(user=learner, course=course)
    enrollment_services.step_record_done(enrollment=enrollment, page=lesson)
    client.force_login(learner)
    response = client.post(quiz.url, post_data(right_answers(quiz)))
    assert response.status_code == 302
    assert response.url.startswith(completed_url(course) + "?result=")
    page = client.get(response.url).content.decode()
    assert re.search(r'data-certificate="[\w-]+"', page)
    attempt = QuizAttempt.objects.get()
    assert f"{quiz.url}result/{attempt.token}/" in page  # the score is one click away


def test_completed_page_links_only_local_quiz_results(client, learner, certificate):
    client.force_login(learner)
    url = completed_url(certificate.enrollment.course)
    assert "Bekijk je toetsresultaat" in client.get(url, {"result": "/toets/"}).text
    for evil in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        assert "Bekijk je toetsresultaat" not in client.get(url, {"result": evil}).text


def test_deleting_the_account_takes_the_certificate_off_the_public_page(client, certificate):
    from accounts.services import account_delete

    url = f"/certificaat/{certificate.code}/"
    assert client.get(url).status_code == 200
    account_delete(user=certificate.enrollment.user)
    assert client.get(url).status_code == 404


def test_a_learner_without_a_name_is_asked_for_one_then_reissues(
    client, small_course, small_lessons
):
    nameless = UserFactory(first_name="", last_name="")
    enrollment = enrollment_services.enrollment_create(user=nameless, course=small_course)
    for lesson in small_lessons:
        enrollment_services.step_record_done(enrollment=enrollment, page=lesson)
    client.force_login(nameless)
    page = client.get(completed_url(small_course)).content.decode()
    assert reverse("accounts:name") in page  # "Your certificate has no name yet."
    client.post(reverse("accounts:name"), {"first_name": "Sanne", "last_name": "van Dijk"})
    client.post(reverse("certificates:reissue", args=[enrollment.certificate.code]))
    enrollment.certificate.refresh_from_db()
    assert enrollment.certificate.learner_name == "Sanne van Dijk"
