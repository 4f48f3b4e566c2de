"""Scoring on the server: all-or-nothing per question, independent of the order shown."""

import uuid

import pytest

from enrollments.quizzes import (
    Answer,
    Question,
    answer_problems,
    questions_in_order,
    score_answers,
)


def q(qid, kind, correct, wrong):
    answers = [Answer(f"{qid}-{i}", f"goed {i}", True) for i in range(correct)]
    answers += [Answer(f"{qid}-x{i}", f"fout {i}", False) for i in range(wrong)]
    return Question(qid, kind, f"Vraag {qid}", "Uitleg", tuple(answers))


SINGLE = q("s", "single", 1, 2)
MULTIPLE = q("m", "multiple", 2, 2)
TRUE_FALSE = q("t", "true_false", 1, 1)
QUESTIONS = [SINGLE, MULTIPLE, TRUE_FALSE]
ALL_RIGHT = {"s": ["s-0"], "m": ["m-0", "m-1"], "t": ["t-0"]}


def test_all_right_scores_100_and_passes():
    score = score_answers(QUESTIONS, ALL_RIGHT, pass_mark=70)
    assert (score.correct_count, score.question_count, score.percent, score.passed) == (
        3,
        3,
        100,
        True,
    )


def test_single_choice_wrong_answer_counts_as_wrong():
    score = score_answers(QUESTIONS, {**ALL_RIGHT, "s": ["s-x0"]}, pass_mark=70)
    assert score.per_question == {"s": False, "m": True, "t": True}
    assert score.percent == 67


def test_true_false_wrong_answer_counts_as_wrong():
    score = score_answers(QUESTIONS, {**ALL_RIGHT, "t": ["t-x0"]}, pass_mark=70)
    assert score.per_question["t"] is False


@pytest.mark.parametrize(
    "chosen",
    [["m-0"], ["m-0", "m-1", "m-x0"], ["m-x0", "m-x1"], ["m-1", "m-x1"]],
    ids=["missing-one", "one-too-many", "only-wrong", "half-right"],
)
def test_multiple_choice_is_all_or_nothing(chosen):
    score = score_answers(QUESTIONS, {**ALL_RIGHT, "m": chosen}, pass_mark=70)
    assert score.per_question["m"] is False
    assert score.correct_count == 2


def test_multiple_choice_in_any_order_is_right():
    score = score_answers(QUESTIONS, {**ALL_RIGHT, "m": ["m-1", "m-0"]}, pass_mark=70)
    assert score.per_question["m"] is True


def test_pass_mark_is_compared_exactly():
    two_of_three = {**ALL_RIGHT, "s": ["s-x0"]}
    assert score_answers(QUESTIONS, two_of_three, pass_mark=66).passed
    assert not score_answers(QUESTIONS, two_of_three, pass_mark=67).passed  # 66.7 % < 67 %
    assert score_answers(QUESTIONS, ALL_RIGHT, pass_mark=100).passed


def test_shuffle_is_seeded_by_token_and_never_changes_the_score():
    token = uuid.uuid4()
    many = [q(f"q{i}", "single", 1, 3) for i in range(12)]
    first = questions_in_order(many, token=token, shuffle_questions=True, shuffle_answers=True)
    again = questions_in_order(many, token=token, shuffle_questions=True, shuffle_answers=True)
    assert [x.id for x in first] == [x.id for x in again]
    assert [[a.id for a in x.answers] for x in first] == [[a.id for a in x.answers] for x in again]
    other = questions_in_order(
        many, token=uuid.uuid4(), shuffle_questions=True, shuffle_answers=True
    )
    assert [x.id for x in other] != [x.id for x in first] or [a.id for a in other[0].answers] != [
        a.id for a in first[0].answers
    ]
    answers = {x.id: [f"{x.id}-0"] for x in many}
    assert score_answers(first, answers, pass_mark=50) == score_answers(many, answers, pass_mark=50)


def test_without_shuffle_the_authored_order_is_kept():
    ordered = questions_in_order(
        QUESTIONS, token=uuid.uuid4(), shuffle_questions=False, shuffle_answers=False
    )
    assert ordered == QUESTIONS


@pytest.mark.parametrize(
    ("answers", "problem_key"),
    [
        ({**ALL_RIGHT, "s": ["bestaat-niet"]}, "s"),  # unknown answer id
        ({**ALL_RIGHT, "s": ["m-0"]}, "s"),  # answer from another question
        ({**ALL_RIGHT, "andere-quiz-vraag": ["z-0"]}, "__all__"),  # question from another quiz
        ({"m": ["m-0", "m-1"], "t": ["t-0"]}, "s"),  # missing answer
        ({**ALL_RIGHT, "s": [""]}, "s"),  # empty value
        ({**ALL_RIGHT, "m": ["m-0", "m-0", "m-1"]}, "m"),  # duplicate
        ({**ALL_RIGHT, "s": ["s-0", "s-x0"]}, "s"),  # two answers to a single choice
        ({**ALL_RIGHT, "t": ["t-0", "t-x0"]}, "t"),  # two answers to a true/false
    ],
    ids=[
        "unknown",
        "other-question",
        "other-quiz",
        "missing",
        "empty",
        "duplicate",
        "several-single",
        "several-true-false",
    ],
)
def test_answers_that_do_not_fit_the_quiz_are_named(answers, problem_key):
    assert problem_key in answer_problems(QUESTIONS, answers)


def test_fitting_answers_have_no_problems():
    assert answer_problems(QUESTIONS, ALL_RIGHT) == {}
