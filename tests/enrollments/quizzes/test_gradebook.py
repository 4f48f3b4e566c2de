"""The gradebook and the quiz statistics in the Wagtail admin."""

import csv
import io
import re
import uuid

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from courses.models import CoursePage, ModulePage, QuizPage, ReviewWhen
from enrollments.models import Enrollment, QuizAttempt
from enrollments.quiz_stats import discrimination_index, quiz_stats
from enrollments.quizzes import quiz_attempt_submit
from enrollments.services import enrollment_create, enrollment_revoke
from tests.factories import QuizPageFactory, UserFactory

from .helpers import by_kind, right_answers, wrong_answers

pytestmark = pytest.mark.django_db

NONE = "\N{EN DASH}"  # an empty cell


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def in_english(user):
    """The admin speaks its user's language (Dutch by default): these tests read English."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def instructor(instructor):
    return in_english(instructor)


def submit(enrollment, quiz, answers) -> QuizAttempt:
    attempt, _created = quiz_attempt_submit(
        enrollment=enrollment, quiz=quiz, token=uuid.uuid4(), answers=answers
    )
    return attempt


@pytest.fixture
def book(course):
    """Two quizzes (the second optional) and three learners: Anna failed and then passed the
    first, Bram failed it, Cas has not tried anything yet."""
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    first = QuizPageFactory(parent=modules[0], title="Toets Mensen")
    second = QuizPageFactory(parent=modules[1], title="Toets Content", required=False)
    people = {}
    for first_name, last_name in (("Anna", "Aalders"), ("Bram", "Bakker"), ("Cas", "Claes")):
        user = UserFactory(first_name=first_name, last_name=last_name)
        people[first_name] = enrollment_create(user=user, course=course)
    submit(people["Anna"], first, wrong_answers(first))
    submit(people["Anna"], first, right_answers(first))
    submit(people["Bram"], first, wrong_answers(first))
    return course, first, second, people


def gradebook(client, course, **params):
    response = client.get(reverse("gradebook:index"), {"course": course.pk, **params})
    assert response.status_code == 200
    return response


def cell(html, enrollment, column) -> str:
    match = re.search(rf'data-cell="{enrollment.pk}-{column}">(.*?)</td>', html, re.DOTALL)
    return " ".join(match.group(1).split())


def test_gradebook_shows_best_score_attempts_passed_and_last_date(client, instructor, book):
    course, _first, _second, people = book
    client.force_login(instructor)
    html = gradebook(client, course).content.decode()
    assert "Toets Mensen" in html and "Toets Content" in html
    anna = cell(html, people["Anna"], 1)
    assert "100%" in anna and ">passed<" in anna and "2 attempts" in anna
    last = QuizAttempt.objects.filter(enrollment=people["Anna"]).latest("number").submitted_at
    from django.utils import timezone

    assert f"{timezone.localtime(last):%Y}" in anna
    bram = cell(html, people["Bram"], 1)
    assert "0%" in bram and "not passed" in bram and "1 attempt" in bram
    assert cell(html, people["Cas"], 1) == NONE
    assert cell(html, people["Anna"], 2) == NONE
    assert "3 learners" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"result": "passed"}, {"Anna"}),
        ({"result": "not_passed"}, {"Bram", "Cas"}),
        ({"result": "none"}, {"Cas"}),
        ({"q": "bakker"}, {"Bram"}),
        ({"status": "revoked"}, {"Cas"}),
        ({}, {"Anna", "Bram", "Cas"}),
    ],
    ids=["passed", "not-passed", "no-attempts", "search", "revoked", "all"],
)
def test_gradebook_filters(client, instructor, book, params, expected):
    course, _first, _second, people = book
    enrollment_revoke(enrollment=people["Cas"])
    client.force_login(instructor)
    html = gradebook(client, course, **params).content.decode()
    shown = {name for name in people if f"{name} " in html}
    assert shown == expected


def test_export_opens_as_a_spreadsheet_one_line_per_learner_and_quiz(client, instructor, book):
    course, _first, _second, _people = book
    client.force_login(instructor)
    response = gradebook(client, course, export="xlsx")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert f"gradebook-{course.slug}.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == (
        "First name",
        "Last name",
        "E-mail address",
        "Enrolment",
        "Module",
        "Quiz",
    )
    assert len(rows) == 1 + 3 * 2
    anna = next(r for r in rows if r[0] == "Anna" and r[5] == "Toets Mensen")
    assert anna[8:11] == (2, 100, True)
    assert anna[11] is not None  # the last attempt, as a date in the spreadsheet

    response = gradebook(client, course, export="csv", result="none")
    assert response["Content-Disposition"] == f'attachment; filename="gradebook-{course.slug}.csv"'
    text = response.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0][0] == "First name"
    assert {line[0] for line in lines[1:]} == {"Cas"}
    assert [line[5] for line in lines[1:]] == ["Toets Mensen", "Toets Content"]


def test_a_learners_attempts_and_what_they_answered(client, instructor, book):
    course, first, _second, people = book
    client.force_login(instructor)
    book_html = gradebook(client, course).content.decode()
    learner_page = reverse("enrolments:inspect", args=[people["Anna"].pk])
    assert f'href="{learner_page}"' in book_html  # a row opens the learner page
    failed = QuizAttempt.objects.get(enrollment=people["Anna"], number=1)
    page = client.get(learner_page)
    assert page.status_code == 200
    assert reverse("gradebook:attempt", args=[failed.pk]) in page.content.decode()
    detail = client.get(reverse("gradebook:attempt", args=[failed.pk]))
    html = detail.content.decode()
    assert detail.status_code == 200
    single = by_kind(first, "single")
    chosen = next(a for a in single.answers if not a.correct)
    assert re.search(rf"☑ {chosen.text}\s*<span[^>]*>answered", html)
    assert "correct answer" in html and "Uitleg bij: Welke pijler komt eerst?" in html
    assert "0%" in html and "not passed" in html
    assert client.get(reverse("gradebook:attempt", args=[failed.pk + 100])).status_code == 404


@pytest.mark.usefixtures("book")
def test_learners_and_editors_without_enrolment_rights_get_no_gradebook(client, learner):
    client.force_login(learner)
    response = client.get(reverse("gradebook:index"))
    assert response.status_code == 302
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for url in (
        reverse("gradebook:index"),
        reverse("gradebook:attempt", args=[QuizAttempt.objects.first().pk]),
    ):
        assert client.get(url).status_code == 302  # Wagtail's "permission denied"


def test_the_reports_menu_offers_the_gradebook_to_instructors(client, instructor, book):
    client.force_login(instructor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("gradebook:index") in home


# --- Statistics ---------------------------------------------------------------------------------


def test_discrimination_index_compares_the_top_and_the_bottom_third():
    # Six attempts: the two best answered correctly, the two weakest did not.
    results = [(100, 1, True), (90, 2, True), (60, 3, True), (50, 4, False), (20, 5, False)]
    results.append((10, 6, False))
    assert discrimination_index(results) == 1.0
    reversed_key = [(score, pk, not correct) for score, pk, correct in results]
    assert discrimination_index(reversed_key) == -1.0
    everyone = [(score, pk, True) for score, pk, _ in results]
    assert discrimination_index(everyone) == 0.0
    assert discrimination_index(results[:2]) is None  # too few to have thirds


def test_quiz_statistics_pass_rate_per_learner_and_weak_questions(client, instructor, course):
    module = ModulePage.objects.child_of(course).order_by("path").first()
    quiz = QuizPageFactory(parent=module, review_answers=ReviewWhen.IMMEDIATELY)
    single, multiple = by_kind(quiz, "single"), by_kind(quiz, "multiple")
    learners = [enrollment_create(user=UserFactory(), course=course) for _ in range(6)]
    # Strong learners get everything right but the single-choice question; weak ones get
    # only that one right: it separates them the wrong way round.
    for enrollment in learners[:3]:
        submit(enrollment, quiz, {**right_answers(quiz), single.id: wrong_answers(quiz)[single.id]})
    for enrollment in learners[3:]:
        submit(enrollment, quiz, {**wrong_answers(quiz), single.id: sorted(single.correct_ids)})
    submit(learners[3], quiz, right_answers(quiz))  # one weak learner passes on a retry
    stats = quiz_stats(quiz)
    assert (stats.learners, stats.learners_passed, stats.pass_rate) == (6, 1, 17)
    by_id = {q.id: q for q in stats.questions}
    assert by_id[single.id].discrimination < 0 and by_id[single.id].is_weak
    assert by_id[multiple.id].discrimination > 0.5 and not by_id[multiple.id].is_weak

    client.force_login(instructor)
    html = client.get(reverse("quiz_results:detail", args=[quiz.pk])).content.decode()
    assert '<dd data-stat="pass-rate">17%</dd>' in html
    assert "1 of 6 learners who tried the quiz passed it." in html
    weak = re.search(rf'data-discrimination="{single.id}">(.*?)</td>', html, re.DOTALL).group(1)
    assert "weak" in weak and "-" in weak


# --- The demo ---------------------------------------------------------------------------------


def test_the_demo_learner_has_a_failed_and_a_passed_attempt_in_the_gradebook(client):
    call_command("seed_demo", "--demo-accounts", verbosity=0)
    call_command("seed_demo", "--demo-accounts", verbosity=0)  # idempotent
    course = CoursePage.objects.get()
    quizzes = QuizPage.objects.descendant_of(course)
    assert all(
        (q.review_score, q.review_marks, q.review_answers)
        == (ReviewWhen.IMMEDIATELY, ReviewWhen.IMMEDIATELY, ReviewWhen.AFTER_PASSING_OR_LAST)
        for q in quizzes
    )
    learner = Enrollment.objects.get(user__email="leerling@mcmt.example")
    attempts = list(
        QuizAttempt.objects.filter(enrollment=learner).order_by("number").values_list("passed")
    )
    assert attempts == [(False,), (True,)]

    from django.contrib.auth import get_user_model

    instructor = get_user_model().objects.get(email="instructeur@mcmt.example")
    client.force_login(in_english(instructor))
    html = gradebook(client, course).content.decode()
    assert "Lars Jansen" in html
    assert "2 attempts" in html and ">passed<" in html
