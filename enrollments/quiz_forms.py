"""The learner's quiz form: a hidden attempt token and one answer field per question.

Field names are ``q-<question id>``; values are answer ids. The form only validates: it
rejects answers that do not fit the attempt (unknown ids, answers from another question or
quiz or to a question this attempt did not draw, duplicates, several answers to a
single-choice question) and missing answers. The rendering is done by the template
(fieldset and legend per question; a scenario's questions under their case).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .quizzes import FOREIGN_ANSWERS, CaseGroup, Question, answer_problems, grouped_by_case

FIELD_PREFIX = "q-"


def field_name(question: Question) -> str:
    return f"{FIELD_PREFIX}{question.id}"


class QuizForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.question_errors: dict[str, str] = {}

    def submitted_answers(self) -> dict[str, list[str]]:
        """Every ``q-…`` key of the posted data, as {question id: [answer ids]}."""
        if not self.is_bound:
            return {}
        return {
            key[len(FIELD_PREFIX) :]: self.data.getlist(key)
            for key in self.data
            if key.startswith(FIELD_PREFIX)
        }

    def clean(self):
        cleaned = super().clean()
        answers = self.submitted_answers()
        self.question_errors = answer_problems(self.questions, answers)
        if FOREIGN_ANSWERS in self.question_errors:
            self.add_error(None, self.question_errors[FOREIGN_ANSWERS])
        if self.question_errors:
            missing_only = all(
                qid != FOREIGN_ANSWERS and not answers.get(qid) for qid in self.question_errors
            )
            self.add_error(
                None,
                _("Answer every question before you submit.")
                if missing_only
                else _(
                    "Your answers could not be checked, so nothing was saved. Please answer again."
                ),
            )
        cleaned["answers"] = answers
        return cleaned

    def is_chosen(self, question: Question, answer_id: str) -> bool:
        return self.is_bound and answer_id in self.data.getlist(field_name(question))

    def rows(self) -> list[dict]:
        """What the template needs per question: the question, its field name, its error
        and each answer with whether it is checked (after a refused submission)."""
        return [
            {
                "number": number,
                "question": question,
                "field_name": field_name(question),
                "error": self.question_errors.get(question.id, ""),
                "answers": [
                    (answer, self.is_chosen(question, answer.id)) for answer in question.answers
                ],
            }
            for number, question in enumerate(self.questions, start=1)
        ]

    def groups(self) -> list[CaseGroup]:
        """The rows, with a scenario's questions together under its case."""
        return grouped_by_case(self.rows(), lambda row: row["question"])
