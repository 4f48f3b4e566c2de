"""Issuing certificates: once per completed enrolment, whatever happens twice."""

import pytest
from django.utils import translation

from certificates import services
from certificates.models import Certificate
from enrollments import services as enrollment_services
from enrollments.tasks import send_course_completed_email

pytestmark = pytest.mark.django_db


def test_completing_the_last_step_issues_one_certificate_with_what_it_states(
    completed_enrollment, learner
):
    certificate = Certificate.objects.get(enrollment=completed_enrollment)
    assert certificate.learner_name == learner.get_full_name() != ""
    assert certificate.course_title == "MCMT in de praktijk"
    assert certificate.instructor_name == "Dr. Els Bakker"
    assert certificate.issued_at == completed_enrollment.completed_at
    assert certificate.is_valid and certificate.version == 1


def test_the_code_is_random_short_and_not_the_id(completed_enrollment):
    certificate = completed_enrollment.certificate
    assert 10 <= len(certificate.code) <= 16
    assert str(certificate.pk) != certificate.code
    assert certificate.code.replace("-", "").replace("_", "").isalnum()


def test_no_certificate_before_completion(learner, small_course, small_lessons):
    enrollment = enrollment_services.enrollment_create(user=learner, course=small_course)
    enrollment_services.step_record_done(enrollment=enrollment, page=small_lessons[0])
    assert not Certificate.objects.exists()
    with pytest.raises(services.CertificateRefused):
        services.certificate_issue(enrollment=enrollment)


def test_complete_undo_complete_keeps_one_certificate_and_its_code(
    completed_enrollment, small_lessons
):
    code = completed_enrollment.certificate.code
    enrollment_services.step_undo(enrollment=completed_enrollment, page=small_lessons[-1])
    enrollment_services.step_record_done(enrollment=completed_enrollment, page=small_lessons[-1])
    assert Certificate.objects.count() == 1
    assert Certificate.objects.get().code == code


def test_issuing_again_and_the_completion_task_twice_leave_one_certificate(
    completed_enrollment,
):
    first = completed_enrollment.certificate
    again = services.certificate_issue(enrollment=completed_enrollment)
    assert again.pk == first.pk
    send_course_completed_email(completed_enrollment.pk, "nl")
    send_course_completed_email(completed_enrollment.pk, "nl")
    assert Certificate.objects.count() == 1


def test_certificate_language_follows_the_learners_language_at_completion(
    learner, small_course, small_lessons
):
    enrollment = enrollment_services.enrollment_create(user=learner, course=small_course)
    with translation.override("en"):
        for lesson in small_lessons:
            enrollment_services.step_record_done(enrollment=enrollment, page=lesson)
    assert Certificate.objects.get().language == "en"


def test_reissue_after_a_name_change_keeps_the_code_and_records_the_date(certificate, learner):
    code, old_name = certificate.code, certificate.learner_name
    assert services.certificate_reissue(certificate=certificate) is False  # name unchanged
    learner.first_name, learner.last_name = "Jan", "de Vries"
    learner.save()
    certificate.refresh_from_db()
    assert services.certificate_reissue(certificate=certificate) is True
    assert certificate.code == code and certificate.learner_name == "Jan de Vries" != old_name
    assert certificate.version == 2 and certificate.reissued_at is not None


def test_revoking_access_revokes_and_restoring_restores(completed_enrollment):
    enrollment_services.enrollment_revoke(enrollment=completed_enrollment, reason="refund")
    certificate = Certificate.objects.get()
    assert not certificate.is_valid and certificate.revoked_reason.endswith("refund")
    enrollment_services.enrollment_restore(enrollment=completed_enrollment, reason="oops")
    certificate.refresh_from_db()
    assert certificate.is_valid


def test_restoring_access_leaves_an_instructors_revocation_alone(completed_enrollment):
    certificate = completed_enrollment.certificate
    services.certificate_revoke(certificate=certificate, reason="plagiarism")
    enrollment_services.enrollment_revoke(enrollment=completed_enrollment, reason="refund")
    enrollment_services.enrollment_restore(enrollment=completed_enrollment, reason="back")
    certificate.refresh_from_db()
    assert not certificate.is_valid and certificate.revoked_reason == "plagiarism"


def test_re_enrolling_after_a_refund_restores_the_certificate(completed_enrollment, learner):
    enrollment_services.enrollment_revoke(enrollment=completed_enrollment, reason="refund")
    enrollment_services.enrollment_create(
        user=learner, course=completed_enrollment.course, source="paid"
    )
    assert Certificate.objects.get().is_valid


def test_completion_mail_links_the_certificate_page_and_attaches_nothing(
    completed_enrollment, settings
):
    from django.core import mail

    from enrollments.services import course_completed_email_send

    assert course_completed_email_send(enrollment=completed_enrollment, language="nl")
    (message,) = mail.outbox
    page = f"{settings.SITE_URL}/learn/courses/{completed_enrollment.course_id}/completed/"
    assert page in message.body and page in message.alternatives[0][0]
    assert message.attachments == []
    assert message.body.startswith(f"Hallo {completed_enrollment.user.first_name},")
