"""Taking a quiz and reading an attempt's result: the routes of a `QuizPage`, delegated here
through `courses.models.QUIZ_VIEW_HOOK` (registered in wagtail_hooks.py).

GET shows the form with a fresh attempt token kept in the session; POST scores and stores one
attempt (`quizzes.quiz_attempt_submit`) and redirects to its result, which is rendered from
the attempt's snapshot. Staff trying a quiz without an enrolment get it scored but not
stored. Who may open the quiz at all was decided before (`access.check_step_access`).
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from courses.models import QuizPage

from . import quizzes
from .models import Enrollment, QuizAttempt
from .quiz_forms import QuizForm
from .selectors import learner_state_for_request
from .views import COMPLETED_URL_NAME

RESULT_TEMPLATE = "enrollments/quiz_result.html"


def quiz_view(*, page, request: HttpRequest, action: str, **kwargs) -> HttpResponse | None:
    if not isinstance(page, QuizPage):
        return None
    if action == "take":
        return take(request, page)
    if action == "result":
        return result(request, page, kwargs["token"])
    raise Http404


def _enrollment(request: HttpRequest, quiz: QuizPage) -> Enrollment | None:
    state = learner_state_for_request(request, quiz.course)
    return state.enrollment if state.is_active else None


def _session_key(quiz: QuizPage) -> str:
    return f"quiz:{quiz.pk}:token"


def take(request: HttpRequest, quiz: QuizPage) -> HttpResponse:
    """The quiz form (GET), or one submission (POST)."""
    is_preview = getattr(request, "is_preview", False)
    enrollment = None if is_preview else _enrollment(request, quiz)
    standing = quizzes.quiz_standing(enrollment=enrollment, quiz=quiz)
    if request.method == "POST" and not is_preview:
        form = QuizForm(request.POST, questions=[])
        try:
            token = uuid.UUID(str(form.data.get("token", "")))
        except ValueError:
            token = uuid.uuid4()
        form.questions = quizzes.questions_for_attempt(
            quiz=quiz, token=token, enrollment=enrollment
        )
        if form.is_valid() and enrollment is None:  # staff trying the quiz: not stored
            answers = form.cleaned_data["answers"]
            score = quizzes.score_answers(form.questions, answers, pass_mark=quiz.pass_mark)
            return _render_result(
                request,
                quiz,
                outcome=quizzes.Outcome.of_score(score),
                results=quizzes.preview_results(form.questions, answers),
                standing=standing,
                review=quizzes.FULL_REVIEW,
                is_staff_preview=True,
                question_count=len(form.questions),
            )
        if form.is_valid():
            return _submit(request, quiz, enrollment, token, form.cleaned_data["answers"])
        status = 400
    else:
        open_now = standing.can_attempt_now or enrollment is None
        token = request.session.get(_session_key(quiz)) if not is_preview else None
        if token is None:
            token = str(uuid.uuid4())
            if not is_preview:
                request.session[_session_key(quiz)] = token
        questions = (
            quizzes.questions_for_attempt(quiz=quiz, token=token, enrollment=enrollment)
            if open_now
            else []
        )
        form = QuizForm(initial={"token": token}, questions=questions)
        status = 200
    attempts = quizzes.quiz_attempts(enrollment=enrollment, quiz=quiz) if enrollment else []
    response = quiz.render(
        request,
        context_overrides={
            "form": form,
            "standing": standing,
            "review": quizzes.review_for(quiz, standing) if enrollment else quizzes.FULL_REVIEW,
            "attempts": attempts,
            "enrollment": enrollment,
            "is_preview": is_preview,
            "question_count": len(form.questions),
            "draws_questions": quizzes.draws_questions(quiz),
        },
    )
    response.status_code = status
    return response


def _submit(request, quiz: QuizPage, enrollment: Enrollment, token, answers) -> HttpResponse:
    was_completed = enrollment.completed_at is not None
    try:
        attempt, _created = quizzes.quiz_attempt_submit(
            enrollment=enrollment, quiz=quiz, token=token, answers=answers
        )
    except quizzes.QuizError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(quiz.get_url(request=request))
    if request.session.get(_session_key(quiz)) == str(token):
        del request.session[_session_key(quiz)]
    result_url = quiz.get_url(request=request) + quiz.reverse_subpage(
        "result", args=[attempt.token]
    )
    if not was_completed and _completed_now(enrollment):
        # The quiz was the last required step: the course-completed page, linking the result.
        messages.success(request, _("You passed the quiz and completed the course!"))
        completed_url = reverse(COMPLETED_URL_NAME, args=[enrollment.course_id])
        return redirect(f"{completed_url}?{urlencode({'result': result_url})}")
    return redirect(result_url)


def _completed_now(enrollment: Enrollment) -> bool:
    return (
        Enrollment.objects.filter(pk=enrollment.pk, completed_at__isnull=False)
        .values_list("pk", flat=True)
        .exists()
    )


def _render_result(request, quiz: QuizPage, *, results, **context) -> HttpResponse:
    return quiz.render(
        request,
        template=RESULT_TEMPLATE,
        context_overrides={
            **context,
            "results": results,
            "result_groups": quizzes.grouped_by_case(results, lambda result: result),
            "draws_questions": quizzes.draws_questions(quiz),
        },
    )


def result(request: HttpRequest, quiz: QuizPage, token) -> HttpResponse:
    """One attempt's result, rendered from what was asked and answered at the time, showing
    only what the quiz's review options allow the learner to see now."""
    attempt = get_object_or_404(
        QuizAttempt, token=token, quiz_id=quiz.pk, enrollment__user_id=request.user.pk
    )
    state = learner_state_for_request(request, quiz.course)  # loaded by the access check
    standing = quizzes.quiz_standing(enrollment=state.enrollment, quiz=quiz)
    review = quizzes.review_for(quiz, standing)
    return _render_result(
        request,
        quiz,
        attempt=attempt,
        outcome=quizzes.Outcome.of_attempt(attempt),
        results=quizzes.attempt_results(attempt, review),
        standing=standing,
        review=review,
        enrollment=state.enrollment if state.is_active else None,
        question_count=attempt.question_count,
    )
