"""Seeding one quiz per demo module (slug "toets"), from the "quiz" dict in demo_content.

Idempotent like the rest of the demo: a module that already has its quiz is left alone, so
instructors' edits survive a second run.
"""

from __future__ import annotations

import json
from typing import Any

from .models import ModulePage, QuizPage
from .quiz_blocks import questions_stream_data

QUIZ_SLUG = "toets"


def seed_module_quiz(module: ModulePage, data: dict[str, Any] | None) -> QuizPage | None:
    """Create and publish the module's quiz when it is missing. Returns the new quiz, or
    None when nothing was created."""
    if not data or QuizPage.objects.child_of(module).filter(slug=QUIZ_SLUG).exists():
        return None
    quiz = module.add_child(
        instance=QuizPage(
            title=data["title"],
            slug=QUIZ_SLUG,
            intro=f"<p>{data['intro']}</p>",
            summary=data.get("summary", ""),
            pass_mark=data.get("pass_mark", 70),
            max_attempts=data.get("max_attempts"),
            shuffle_answers=data.get("shuffle_answers", True),
            required=data.get("required", True),
            estimated_minutes=data.get("estimated_minutes", max(5, len(data["questions"]) * 2)),
            questions=json.dumps(questions_stream_data(data["questions"])),
        )
    )
    quiz.save_revision().publish()
    return quiz
