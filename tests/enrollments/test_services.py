"""Enrolment and progress services: idempotent, race-safe, completion is permanent."""

import threading
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django.utils import translation

from core.caching import invalidate_content
from core.mail import send_once
from courses.models import LessonPage
from courses.outline import course_outline
from enrollments import services
from enrollments.models import Enrollment, StepProgress
from enrollments.selectors import learner_progress, learner_state
from tests.concurrency import errors_in, run_at_once
from tests.factories import LessonPageFactory, UserFactory


def progress_of(enrollment):
    state = learner_state(user=enrollment.user, course=enrollment.course)
    return learner_progress(
        outline=course_outline(enrollment.course),
        done_ids=state.done_ids,
        completed_at=state.enrollment.completed_at,
    )


def finish(enrollment, lessons):
    for lesson in lessons:
        services.step_record_done(enrollment=enrollment, page=lesson)


@pytest.mark.django_db
def test_enrolling_twice_keeps_one_enrolment(learner, course):
    first = services.enrollment_create(user=learner, course=course)
    second = services.enrollment_create(user=learner, course=course)
    assert first.pk == second.pk
    assert Enrollment.objects.filter(user=learner, course=course).count() == 1


@pytest.mark.django_db
def test_revoking_keeps_progress_and_enrolling_again_reactivates_it(enrollment, lessons):
    finish(enrollment, lessons[:2])
    services.enrollment_revoke(enrollment=enrollment)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.REVOKED and enrollment.revoked_at
    assert StepProgress.objects.filter(enrollment=enrollment).count() == 2
    again = services.enrollment_create(
        user=enrollment.user, course=enrollment.course, source=Enrollment.Source.PAID
    )
    assert again.pk == enrollment.pk and again.is_active and again.revoked_at is None
    assert again.source == Enrollment.Source.PAID
    assert progress_of(again).done == 2


@pytest.mark.django_db
def test_restore_gives_access_back(enrollment):
    services.enrollment_revoke(enrollment=enrollment)
    services.enrollment_restore(enrollment=enrollment)
    enrollment.refresh_from_db()
    assert enrollment.is_active


@pytest.mark.django_db
def test_recording_a_step_twice_counts_once(enrollment, lessons):
    assert services.step_record_done(enrollment=enrollment, page=lessons[0]) is True
    assert services.step_record_done(enrollment=enrollment, page=lessons[0]) is False
    assert StepProgress.objects.filter(enrollment=enrollment).count() == 1


@pytest.mark.django_db
def test_a_revoked_enrolment_records_no_progress(enrollment, lessons):
    services.enrollment_revoke(enrollment=enrollment)
    with pytest.raises(services.ProgressError):
        services.step_record_done(enrollment=enrollment, page=lessons[0])


@pytest.mark.django_db
def test_a_page_of_another_course_is_refused(enrollment, home_page):
    from tests.factories import build_course

    other_course = build_course(home_page, modules=1, lessons_per_module=1)
    foreign = LessonPage.objects.in_course(other_course).first()
    with pytest.raises(services.ProgressError):
        services.step_record_done(enrollment=enrollment, page=foreign)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_finishing_every_lesson_completes_the_course_and_mails_once(course, lessons):
    learner = UserFactory(username="finisher", first_name="Fien")
    enrollment = services.enrollment_create(user=learner, course=course)
    finish(enrollment, lessons[:-1])
    enrollment.refresh_from_db()
    assert enrollment.completed_at is None and mail.outbox == []
    finish(enrollment, lessons[-1:])
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [learner.email]
    assert course.title in message.subject
    assert "/learn/" in message.body
    assert message.alternatives and "<a href=" in message.alternatives[0][0]
    # Safe to run twice: the task sends nothing the second time.
    from enrollments.tasks import send_course_completed_email

    assert send_course_completed_email(enrollment.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_completion_mail_is_not_sent_again_after_a_cache_flush(course, lessons):
    from enrollments.tasks import send_course_completed_email

    enrollment = services.enrollment_create(user=UserFactory(username="flushed"), course=course)
    finish(enrollment, lessons)
    assert len(mail.outbox) == 1
    cache.clear()  # a Redis restart: no record of sent mail may live only there
    assert send_course_completed_email(enrollment.pk) is False
    assert len(mail.outbox) == 1
    enrollment.refresh_from_db()
    assert enrollment.completion_email_sent_at is not None


@pytest.mark.django_db
def test_a_completion_mail_that_failed_is_sent_by_the_retry(enrollment, lessons, monkeypatch):
    finish(enrollment, lessons)  # on_commit does not run here: no mail queued yet
    enrollment.refresh_from_db()

    def refuse(self, fail_silently=False):
        raise SMTPServerDisconnected("mail server went away")

    with monkeypatch.context() as patch:
        patch.setattr(EmailMultiAlternatives, "send", refuse)
        with pytest.raises(SMTPServerDisconnected):
            services.course_completed_email_send(enrollment=enrollment)
    enrollment.refresh_from_db()
    assert enrollment.completion_email_sent_at is None and mail.outbox == []
    assert services.course_completed_email_send(enrollment=enrollment) is True
    assert len(mail.outbox) == 1
    enrollment.refresh_from_db()
    assert services.course_completed_email_send(enrollment=enrollment) is False


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_second_run_during_the_first_send_sends_nothing_and_holds_no_lock(enrollment, lessons):
    """Two deliveries of the same task at once (a redelivery racing the first run): the
    second finds the claim and stops; meanwhile the database stays writable (the first run
    holds no transaction while it talks to the mail server)."""
    sending, release = threading.Event(), threading.Event()
    sent, results = [], {}

    class Slow:
        def send(self):
            sending.set()
            assert release.wait(10)
            sent.append("first")

    class Fast:
        def send(self):
            sent.append("second")

    def first_run():
        from django.db import connection as thread_connection

        try:
            own = Enrollment.objects.get(pk=enrollment.pk)
            results["first"] = send_once(own, "completion_email_sent_at", Slow())
        finally:
            thread_connection.close()

    first = threading.Thread(target=first_run)
    first.start()
    try:
        assert sending.wait(10)
        results["second"] = send_once(enrollment, "completion_email_sent_at", Fast())
        # a learner's click meanwhile is written at once, not queued behind the mail
        assert services.step_record_done(enrollment=enrollment, page=lessons[0]) is True
    finally:
        release.set()
        first.join(10)
    assert results == {"first": True, "second": False}
    assert sent == ["first"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_completion_mail_speaks_the_learners_language(course, lessons, learner):
    enrollment = services.enrollment_create(user=learner, course=course)
    with translation.override("en"):
        finish(enrollment, lessons)
    assert mail.outbox[0].subject.count("Congratulations") == 1


@pytest.mark.django_db
def test_completion_is_permanent_when_a_step_is_undone(enrollment, lessons):
    finish(enrollment, lessons)
    services.step_undo(enrollment=enrollment, page=lessons[0])
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None
    progress = progress_of(enrollment)
    assert progress.is_completed and progress.percent < 100


@pytest.mark.django_db
def test_a_lesson_added_after_completion_counts_and_shows_as_new(enrollment, lessons):
    finish(enrollment, lessons)
    module = lessons[-1].get_parent()
    new = LessonPageFactory(parent=module, slug="nieuwe-les", title="Nieuwe les")
    invalidate_content()
    enrollment.refresh_from_db()
    progress = progress_of(enrollment)
    assert enrollment.completed_at is not None  # not silently reopened
    assert progress.total == len(lessons) + 1 and progress.done == len(lessons)
    assert [item.id for item in progress.new_since_completion] == [new.pk]


@pytest.mark.django_db
def test_progress_never_exceeds_100_when_lessons_are_unpublished(enrollment, lessons):
    finish(enrollment, lessons[:4])  # module 1 (three lessons) and the first of module 2
    lessons[0].unpublish()
    invalidate_content()
    progress = progress_of(enrollment)
    assert (progress.done, progress.total) == (3, 11)
    # Unpublish all of module 2: its finished lesson stops counting.
    lessons[3].get_parent().specific.unpublish()
    invalidate_content()
    progress = progress_of(enrollment)
    assert (progress.done, progress.total) == (2, 8)
    assert progress.percent == 25


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_racing_enrolments_leave_one_row(course):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers")
    learner = UserFactory(username="racer")

    def enrol():
        return services.enrollment_create(user=learner, course=course)

    assert errors_in(run_at_once(*[enrol] * 6)) == []
    assert Enrollment.objects.filter(user=learner, course=course).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_racing_last_steps_complete_the_course_once(course, lessons):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    learner = UserFactory(username="racer2")
    enrollment = services.enrollment_create(user=learner, course=course)
    finish(enrollment, lessons[:-2])

    def done(lesson):
        def call():
            own = Enrollment.objects.select_related("course", "user").get(pk=enrollment.pk)
            return services.step_record_done(enrollment=own, page=lesson)

        return call

    assert errors_in(run_at_once(*(done(lesson) for lesson in lessons[-2:]))) == []
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_remembering_a_step_deleted_a_moment_ago_is_skipped_not_a_crash(enrollment, lessons):
    services.enrollment_last_step_set(enrollment=enrollment, page_id=lessons[0].pk)
    services.enrollment_last_step_set(enrollment=enrollment, page_id=10**9)  # no such page
    enrollment.refresh_from_db()
    assert enrollment.last_step_id == lessons[0].pk
