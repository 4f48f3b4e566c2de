"""Authoring: tree rules, the admin refuses quizzes that cannot be answered or passed."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import CoursePage, LessonPage, ModulePage, QuizPage
from courses.quiz_blocks import QuizQuestionsBlock, questions_stream_data
from tests.factories import QuizPageFactory
from tests.factories.quizzes import question

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    """These tests read the admin's validation messages in English."""
    with translation.override("en"):
        yield


class QuizTreeRulesTest(WagtailPageTestCase):
    def test_quiz_sits_in_a_module_and_has_no_children(self):
        self.assertAllowedParentPageTypes(QuizPage, {ModulePage})
        self.assertAllowedSubpageTypes(QuizPage, set())
        self.assertCanCreateAt(ModulePage, QuizPage)
        self.assertCanNotCreateAt(CoursePage, QuizPage)
        self.assertCanNotCreateAt(QuizPage, LessonPage)


BROKEN = {
    "no correct answer": (
        question("single", "V", [("a", False), ("b", False)]),
        "Mark at least one answer as correct.",
    ),
    "single with two correct": (
        question("single", "V", [("a", True), ("b", True)]),
        "A single-choice question has exactly one correct answer.",
    ),
    "true/false with two correct": (
        question("true_false", "V", [("Waar", True), ("Niet waar", True)]),
        "Mark exactly one answer of a true/false question correct.",
    ),
    "true/false with none correct": (
        question("true_false", "V", [("Waar", False), ("Niet waar", False)]),
        "Mark exactly one answer of a true/false question correct.",
    ),
    "fewer than two answers": (
        question("multiple", "V", [("a", True)]),
        "Give at least two answers to choose from.",
    ),
}


def _block_messages(error: StreamBlockValidationError) -> list[str]:
    return [
        message
        for struct_error in error.block_errors.values()
        for e in struct_error.non_block_errors.as_data()
        for message in e.messages
    ]


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_question_block_refuses_a_question_that_cannot_be_answered(case):
    data, message = BROKEN[case]
    block = QuizQuestionsBlock()
    value = block.to_python(questions_stream_data([data]))
    with pytest.raises(StreamBlockValidationError) as raised:
        block.clean(value)
    assert any(message in m for m in _block_messages(raised.value))


def test_a_draft_may_hold_unfinished_questions_that_publishing_refuses():
    block = QuizQuestionsBlock()
    value = block.to_python(questions_stream_data([BROKEN["no correct answer"][0]]))
    kept = block.clean_deferred(value)  # saving a draft: no error, nothing dropped
    assert [child.value["text"] for child in kept] == [child.value["text"] for child in value]
    assert len(block.clean_deferred(block.to_python([]))) == 0
    with pytest.raises(StreamBlockValidationError):
        block.clean(value)  # publishing


def test_quiz_without_questions_is_refused():
    block = QuizQuestionsBlock()
    with pytest.raises(StreamBlockValidationError) as raised:
        block.clean(block.to_python([]))
    assert "Add at least one question" in str(raised.value.non_block_errors.as_data()[0].message)


def test_valid_questions_pass():
    block = QuizQuestionsBlock()
    value = block.to_python(
        questions_stream_data(
            [
                question("single", "V", [("a", True), ("b", False)]),
                question("multiple", "W", [("a", True), ("b", True), ("c", False)]),
                question("true_false", "X", [("Waar", False), ("Niet waar", True)]),
            ]
        )
    )
    assert len(block.clean(value)) == 3


def test_publishing_a_quiz_in_code_checks_it_too(module):
    quiz = QuizPageFactory(parent=module)
    quiz.questions = json.dumps(questions_stream_data([BROKEN["single with two correct"][0]]))
    with pytest.raises(ValidationError) as raised:
        quiz.save_revision().publish()
    assert "Question 1: A single-choice question" in str(raised.value)
    quiz.questions = []
    with pytest.raises(ValidationError, match="Add at least one question"):
        quiz.full_clean()


def _listblock(items):
    data = {
        str(i): {"value": value, "deleted": "", "order": str(i), "id": ""}
        for i, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def _admin_form(slug, questions, **extra):
    return nested_form_data(
        {
            "title": "Toets in de admin",
            "slug": slug,
            "summary": "",
            "intro": rich_text(""),
            "pass_mark": "70",
            "max_attempts": "",
            "required": "on",
            "estimated_minutes": "5",
            "review_score": "immediately",
            "review_marks": "immediately",
            "review_answers": "passed_or_last",
            "questions": streamfield(
                [
                    (
                        kind,
                        {
                            "text": text,
                            "explanation": "",
                            "answers": _listblock(
                                [{"text": t, "is_correct": "on" if c else ""} for t, c in answers]
                            ),
                        },
                    )
                    for kind, text, answers in questions
                ]
            ),
            **extra,
        }
    )


def test_admin_refuses_to_publish_a_broken_quiz_but_saves_the_draft(client, module, instructor):
    client.force_login(instructor)
    url = reverse("wagtailadmin_pages:add", args=("courses", "quizpage", module.pk))
    broken = [("single", "Welke?", [("a", True), ("b", True)])]
    response = client.post(url, _admin_form("kapot", broken, **{"action-publish": "publish"}))
    assert response.status_code == 200
    # The admin speaks the instructor's language: Dutch by default. The block error sits in
    # the admin's JSON data, where accented letters are escaped, hence the plain words.
    assert "Een vraag met enkelvoudige keuze heeft precies" in response.content.decode()
    assert not QuizPage.objects.filter(slug="kapot").exists()

    response = client.post(url, _admin_form("kapot", broken))  # save draft
    assert response.status_code == 302
    draft = QuizPage.objects.get(slug="kapot")
    assert not draft.live


def test_admin_publishes_a_sound_quiz(client, module, instructor):
    client.force_login(instructor)
    url = reverse("wagtailadmin_pages:add", args=("courses", "quizpage", module.pk))
    sound = [
        ("single", "Welke?", [("a", True), ("b", False)]),
        ("true_false", "Waar?", [("Waar", True), ("Niet waar", False)]),
    ]
    response = client.post(url, _admin_form("goed", sound, **{"action-publish": "publish"}))
    assert response.status_code == 302
    quiz = QuizPage.objects.get(slug="goed")
    assert quiz.live
    stored = quiz.questions.get_prep_value()
    assert all(q["id"] for q in stored)
    assert all(a["id"] for q in stored for a in q["value"]["answers"])


def _question_form(text, answers):
    return {
        "text": text,
        "explanation": "",
        "answers": _listblock([{"text": t, "is_correct": "on" if c else ""} for t, c in answers]),
    }


def test_admin_publishes_a_quiz_with_a_scenario_and_a_pool(client, module, instructor):
    client.force_login(instructor)
    url = reverse("wagtailadmin_pages:add", args=("courses", "quizpage", module.pk))
    data = _admin_form("casus", [("single", "Welke?", [("a", True), ("b", False)])])
    data = {k: v for k, v in data.items() if not k.startswith("questions")}
    data.update(
        nested_form_data(
            {
                "draw_count": "1",
                "questions": streamfield(
                    [
                        ("single", _question_form("Welke?", [("a", True), ("b", False)])),
                        (
                            "scenario",
                            {
                                "case": "Een bibliotheek met twee uur per week.",
                                "questions": streamfield(
                                    [
                                        (
                                            "single",
                                            _question_form(
                                                "Wat eerst?", [("x", True), ("y", False)]
                                            ),
                                        ),
                                        (
                                            "true_false",
                                            _question_form(
                                                "Genoeg tijd?",
                                                [("Waar", False), ("Niet waar", True)],
                                            ),
                                        ),
                                    ]
                                ),
                            },
                        ),
                    ]
                ),
                "action-publish": "publish",
            }
        )
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    quiz = QuizPage.objects.get(slug="casus")
    assert quiz.live and quiz.draw_count == 1
    scenario = quiz.questions[1]
    assert scenario.block_type == "scenario"
    assert [q.value["text"] for q in scenario.value["questions"]] == ["Wat eerst?", "Genoeg tijd?"]
    stored = quiz.questions.get_prep_value()[1]["value"]["questions"]
    assert all(q["id"] for q in stored)
    assert all(a["id"] for q in stored for a in q["value"]["answers"])


def test_admin_refuses_to_publish_a_broken_scenario_and_too_large_a_draw(
    client, module, instructor
):
    client.force_login(instructor)
    url = reverse("wagtailadmin_pages:add", args=("courses", "quizpage", module.pk))
    data = _admin_form("kapotte-casus", [("single", "Welke?", [("a", True), ("b", False)])])
    data = {k: v for k, v in data.items() if not k.startswith("questions")}
    data.update(
        nested_form_data(
            {
                "draw_count": "5",
                "questions": streamfield(
                    [
                        (
                            "scenario",
                            {
                                "case": "Een casus",
                                "questions": streamfield(
                                    [
                                        (
                                            "single",
                                            _question_form("Twee goed", [("x", True), ("y", True)]),
                                        )
                                    ]
                                ),
                            },
                        ),
                    ]
                ),
                "action-publish": "publish",
            }
        )
    )
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Een vraag met enkelvoudige keuze heeft precies" in html
    assert not QuizPage.objects.filter(slug="kapotte-casus").exists()
    data.pop("action-publish")
    data["questions-0-value-questions-0-value-answers-1-value-is_correct"] = ""
    response = client.post(url, {**data, "action-publish": "publish"})
    assert response.status_code == 200
    assert "De vragenpool bevat 1 vragen" in response.content.decode()
    assert client.post(url, data).status_code == 302  # a draft may draw too many for now
