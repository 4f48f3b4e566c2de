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

from courses.models import QuizPage

from . import quizzes
from .models import Enrollment, QuizAttempt
from .quiz_forms import QuizForm
from .selectors import learner_state_for_request

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
        form.questions = quizzes.ordered_quiz_questions(quiz, token)
        if form.is_valid() and enrollment is None:  # staff trying the quiz: not stored
            answers = form.cleaned_data["answers"]
            score = quizzes.score_answers(form.questions, answers, pass_mark=quiz.pass_mark)
            return quiz.render(
                request,
                template=RESULT_TEMPLATE,
                context_overrides={
                    "is_staff_preview": True,
                    "outcome": quizzes.Outcome.of_score(score),
                    "results": quizzes.preview_results(form.questions, answers),
                    "standing": standing,
                },
            )
        if form.is_valid():
            return _submit(request, quiz, enrollment, token, form.cleaned_data["answers"])
        status = 400
    else:
        token = request.session.get(_session_key(quiz)) if not is_preview else None
        if token is None:
            token = str(uuid.uuid4())
            if not is_preview:
                request.session[_session_key(quiz)] = token
        form = QuizForm(
            initial={"token": token}, questions=quizzes.ordered_quiz_questions(quiz, token)
        )
        status = 200
    attempts = quizzes.quiz_attempts(enrollment=enrollment, quiz=quiz) if enrollment else []
    response = quiz.render(
        request,
        context_overrides={
            "form": form,
            "standing": standing,
            "attempts": attempts,
            "enrollment": enrollment,
            "is_preview": is_preview,
        },
    )
    response.status_code = status
    return response


def _submit(request, quiz: QuizPage, enrollment: Enrollment, token, answers) -> HttpResponse:
    try:
        attempt, _created = quizzes.quiz_attempt_submit(
            enrollment=enrollment, quiz=quiz, token=token, answers=answers
        )
    except quizzes.QuizError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(quiz.get_url(request=request))
    if request.session.get(_session_key(quiz)) == str(token):
        del request.session[_session_key(quiz)]
    result_path = quiz.reverse_subpage("result", args=[attempt.token])
    return redirect(quiz.get_url(request=request) + result_path)


def result(request: HttpRequest, quiz: QuizPage, token) -> HttpResponse:
    """One attempt's result, rendered from what was asked and answered at the time."""
    attempt = get_object_or_404(
        QuizAttempt, token=token, quiz_id=quiz.pk, enrollment__user_id=request.user.pk
    )
    return quiz.render(
        request,
        template=RESULT_TEMPLATE,
        context_overrides={
            "attempt": attempt,
            "outcome": quizzes.Outcome.of_attempt(attempt),
            "results": quizzes.attempt_results(attempt),
            "standing": quizzes.quiz_standing(enrollment=_enrollment(request, quiz), quiz=quiz),
        },
    )
