"""A learner's answers: reflection exercises in lessons and the worksheets of their MCMT plan.

One table for both, so that a lesson page loads everything the learner wrote on it in one
query: `key` says what the answer belongs to ("exercise:<page id>:<block id>" for a
reflection, using the StreamField block's stable id; "sheet:<kind>" for a worksheet, one per
course whichever lesson holds it, so the plan page edits the same answer). Answers are
private: only their author reads them (and instructors of a coached course, see
`settings.PLANS_COACHED_COURSES`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

EXERCISE_PREFIX = "exercise:"
SHEET_PREFIX = "sheet:"


def exercise_key(page_id: int, block_id: str) -> str:
    return f"{EXERCISE_PREFIX}{page_id}:{block_id}"


def sheet_key(kind: str) -> str:
    return f"{SHEET_PREFIX}{kind}"


class PlanAnswer(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_answers"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="plan_answers"
    )
    key = models.CharField(_("key"), max_length=120)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The lesson a reflection was answered in."),
    )
    # {"text": "..."} for a reflection; {"rows": [{field: value, ...}, ...]} for a worksheet.
    data = models.JSONField(_("answer"), default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan answer")
        verbose_name_plural = _("plan answers")
        constraints = [
            models.UniqueConstraint(fields=["user", "course", "key"], name="plan_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}/{self.course_id}/{self.key}"

    @property
    def is_sheet(self) -> bool:
        return self.key.startswith(SHEET_PREFIX)

    @property
    def kind(self) -> str:
        return self.key.removeprefix(SHEET_PREFIX) if self.is_sheet else ""

    @property
    def rows(self) -> list[dict]:
        rows = self.data.get("rows") if isinstance(self.data, dict) else None
        return rows if isinstance(rows, list) else []

    @property
    def text(self) -> str:
        text = self.data.get("text") if isinstance(self.data, dict) else None
        return text if isinstance(text, str) else ""
