"""The blocks quizzes are written with: one StreamBlock of questions, three question types
and the scenario (a case text shared by a few questions of those types).

Every question is a StructBlock with a ListBlock of answers (text, is correct). Wagtail gives
each stream child and each list item a stable id (`StreamChild.id`,
`ListValue.bound_blocks[i].id`); those ids name questions and answers in the learner's form
and in the attempt snapshot, so reordering or rewording a quiz never mixes up answers.

A scenario (`scenario`: `case` text and a `questions` stream of single, multiple and
true/false questions) is one unit of the quiz's pool: drawn, shuffled and shown as a whole;
each of its questions is scored on its own.

A quiz that cannot be answered or passed is refused when it is published (drafts may be
unfinished: Wagtail 8 defers this validation while saving a draft).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "true_false"
QUESTION_KINDS = (SINGLE, MULTIPLE, TRUE_FALSE)
SCENARIO = "scenario"


def question_problems(kind: str, answers: list[tuple[str, bool]]) -> list[str]:
    """Why a question of `kind` with these (text, is_correct) answers cannot be used.

    An empty list means the question can be answered and passed.
    """
    problems = []
    correct = sum(1 for _text, is_correct in answers if is_correct)
    if len(answers) < 2:
        problems.append(gettext("Give at least two answers to choose from."))
    if any(not (text or "").strip() for text, _is_correct in answers):
        problems.append(gettext("Every answer needs a text."))
    if kind == TRUE_FALSE:
        if len(answers) != 2:
            problems.append(gettext("A true/false question has exactly two answers."))
        if correct != 1:
            problems.append(gettext("Mark exactly one answer of a true/false question correct."))
    elif correct == 0:
        problems.append(gettext("Mark at least one answer as correct."))
    elif kind == SINGLE and correct > 1:
        problems.append(
            gettext(
                "A single-choice question has exactly one correct answer. Use a "
                "multiple-choice question when several answers are correct."
            )
        )
    return problems


class AnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    is_correct = blocks.BooleanBlock(label=_("Correct"), required=False)

    class Meta:
        icon = "tick"
        label = _("Answer")


def _true_false_default() -> list[dict[str, Any]]:
    return [
        {"text": gettext("True"), "is_correct": True},
        {"text": gettext("False"), "is_correct": False},
    ]


class QuestionBlock(blocks.StructBlock):
    """Shared by the three question types; `kind` tells them apart in forms and snapshots."""

    kind = SINGLE

    text = blocks.TextBlock(label=_("Question"))
    answers = blocks.ListBlock(AnswerBlock(), label=_("Answers"))
    explanation = blocks.TextBlock(
        label=_("Explanation"),
        required=False,
        help_text=_("Shown after answering: why the correct answer is correct."),
    )

    def clean(self, value):
        value = super().clean(value)
        if self.is_deferred_validation:  # saving a draft: unfinished questions are fine
            return value
        answers = [(a["text"], bool(a["is_correct"])) for a in value["answers"]]
        problems = question_problems(self.kind, answers)
        if problems:
            raise StructBlockValidationError(
                non_block_errors=[ValidationError(p) for p in problems]
            )
        return value


class SingleChoiceQuestionBlock(QuestionBlock):
    kind = SINGLE

    class Meta:
        icon = "radio-full"
        label = _("Single choice")
        help_text = _("One correct answer; learners pick one.")


class MultipleChoiceQuestionBlock(QuestionBlock):
    kind = MULTIPLE

    class Meta:
        icon = "list-ul"
        label = _("Multiple choice (select all that apply)")
        help_text = _("One or more correct answers; learners must pick exactly those.")


class TrueFalseQuestionBlock(QuestionBlock):
    kind = TRUE_FALSE

    answers = blocks.ListBlock(
        AnswerBlock(), label=_("Answers"), default=_true_false_default, min_num=2, max_num=2
    )

    class Meta:
        icon = "help"
        label = _("True / false")


def _refuse_empty(message: str):
    return StreamBlockValidationError(non_block_errors=[ValidationError(message)])


class ScenarioQuestionsBlock(blocks.StreamBlock):
    """The questions about one case: the three ordinary question types."""

    single = SingleChoiceQuestionBlock()
    multiple = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()

    def clean(self, value):
        if not self.is_deferred_validation and len(value) == 0:
            raise _refuse_empty(gettext("Add at least one question about the case."))
        return super().clean(value)


class ScenarioBlock(blocks.StructBlock):
    """A short case that several questions are about; drawn and shown as one unit."""

    case = blocks.TextBlock(
        label=_("Case"),
        help_text=_("The situation the questions below are about. Shown once, above them."),
    )
    questions = ScenarioQuestionsBlock(label=_("Questions about the case"))

    class Meta:
        icon = "doc-full"
        label = _("Scenario (a case with several questions)")
        help_text = _(
            "A question pool draws a scenario as a whole; each of its questions is scored."
        )


class QuizQuestionsBlock(blocks.StreamBlock):
    single = SingleChoiceQuestionBlock()
    multiple = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    scenario = ScenarioBlock()

    def clean(self, value):
        if not self.is_deferred_validation and len(value) == 0:
            raise _refuse_empty(
                gettext("Add at least one question: a quiz without questions cannot be taken.")
            )
        return super().clean(value)


def _answers(value) -> list[tuple[str, bool]]:
    return [(a["text"], bool(a["is_correct"])) for a in value["answers"]]


def quiz_problems(questions) -> list[str]:
    """Why a quiz (its questions StreamValue) cannot be published; empty when it can.

    Questions are numbered as authors see them in the editor: "Question 3" for the third
    block, "Question 3.2" for the second question of a scenario in that place.
    """
    if len(questions) == 0:
        return [gettext("Add at least one question: a quiz without questions cannot be taken.")]
    problems = []

    def add(number: str, problem: str) -> None:
        problems.append(
            gettext("Question %(number)s: %(problem)s") % {"number": number, "problem": problem}
        )

    for number, child in enumerate(questions, start=1):
        if child.block_type != SCENARIO:
            for problem in question_problems(child.block_type, _answers(child.value)):
                add(str(number), problem)
            continue
        if not (child.value["case"] or "").strip():
            add(str(number), gettext("A scenario needs its case text."))
        if len(child.value["questions"]) == 0:
            add(str(number), gettext("Add at least one question about the case."))
        for sub_number, sub in enumerate(child.value["questions"], start=1):
            for problem in question_problems(sub.block_type, _answers(sub.value)):
                add(f"{number}.{sub_number}", problem)
    return problems


def _question_data(q: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": q["kind"],
        "id": q.get("id") or str(uuid.uuid4()),
        "value": {
            "text": q["text"],
            "explanation": q.get("explanation", ""),
            "answers": [
                {
                    "type": "item",
                    "id": str(uuid.uuid4()),
                    "value": {"text": c["text"], "is_correct": bool(c["correct"])},
                }
                for c in q["choices"]
            ],
        },
    }


def questions_stream_data(questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Raw StreamField data, with ids for questions and answers, from plain question dicts:
    ``{"kind", "text", "explanation", "choices": [{"text", "correct"}]}`` (the demo format),
    or ``{"kind": "scenario", "case", "questions": [question dicts]}``.

    Answers are stored in ListBlock's block format (with ids), so their ids stay stable.
    """
    data = []
    for q in questions:
        if q["kind"] != SCENARIO:
            data.append(_question_data(q))
            continue
        data.append(
            {
                "type": SCENARIO,
                "id": q.get("id") or str(uuid.uuid4()),
                "value": {
                    "case": q["case"],
                    "questions": [_question_data(sub) for sub in q["questions"]],
                },
            }
        )
    return data
