"""Quizzes: a QuizPage factory and short ways to write questions."""

from __future__ import annotations

import json

import factory
import wagtail_factories

from courses.models import QuizPage
from courses.quiz_blocks import questions_stream_data


def question(kind: str, text: str, answers: list[tuple[str, bool]], explanation: str = ""):
    """One question in the demo format; ``answers`` are (text, is_correct) pairs."""
    return {
        "kind": kind,
        "text": text,
        "explanation": explanation or f"Uitleg bij: {text}",
        "choices": [{"text": t, "correct": c} for t, c in answers],
    }


def default_questions() -> list[dict]:
    return [
        question(
            "single",
            "Welke pijler komt eerst?",
            [("Mensen", True), ("Middelen", False), ("Tijd", False)],
        ),
        question(
            "multiple",
            "Welke zijn pijlers van het MCMT-model?",
            [("Mensen", True), ("Content", True), ("Geld", False), ("Middelen", True)],
        ),
        question(
            "true_false", "Tijd is een beperkende factor.", [("Waar", True), ("Niet waar", False)]
        ),
    ]


def scenario(case: str, questions: list[dict]) -> dict:
    """A scenario in the demo format: a case and its questions."""
    return {"kind": "scenario", "case": case, "questions": questions}


def pool(size: int, prefix: str = "Vraag") -> list[dict]:
    """`size` single-choice questions "<prefix> 1".."<prefix> n", each with answers "goed"
    (correct) and "fout"."""
    return [
        question("single", f"{prefix} {n}", [("goed", True), ("fout", False)])
        for n in range(1, size + 1)
    ]


def questions_json(questions: list[dict] | None = None) -> str:
    return json.dumps(
        questions_stream_data(default_questions() if questions is None else questions)
    )


class QuizPageFactory(wagtail_factories.PageFactory):
    """A published quiz: three questions (single, multiple, true/false), pass mark 70 %."""

    class Meta:
        model = QuizPage

    title = factory.Sequence(lambda n: f"Toets {n}")
    slug = factory.Sequence(lambda n: f"toets-{n}")
    intro = "<p>Laat zien wat je weet.</p>"
    summary = "Een korte toets."
    pass_mark = 70
    max_attempts = None
    shuffle_questions = False
    shuffle_answers = False
    required = True
    estimated_minutes = 5
    questions = factory.LazyFunction(questions_json)
