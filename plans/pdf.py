"""The plan as a PDF (fpdf2, pure Python): the course's Dutch pillar headings, the learner's
name and the date, the rest in the learner's interface language.

fpdf2's built-in fonts cover Latin-1 only; characters outside it are replaced by a close
equivalent (typographic quotes, dashes) or a question mark, never an error. Streams are
compressed unless `settings.PLANS_PDF_COMPRESS` is off (the browser test then reads the
text straight from the file).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from fpdf import FPDF

from .selectors import Plan, hours_text

REPLACEMENTS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u20ac": "EUR",
    "\u00a0": " ",
    "\u2192": "->",
    "\u2022": "-",
    "\u2265": ">=",
    "\u2264": "<=",
    "\u00b7": "-",
}


def latin1(text: object) -> str:
    text = "".join(REPLACEMENTS.get(ch, ch) for ch in str(text))
    return text.encode("latin-1", "replace").decode("latin-1")


def learner_name(user) -> str:
    return (user.get_full_name() or "").strip() or user.get_username()


def wrap(doc: FPDF, text: str, width: float) -> list[str]:
    """Lines of `text` that fit `width` in the current font, broken at spaces (a word longer
    than a line is cut). fpdf2's own multi_cell measures each line again for every character
    it adds; with the built-in fonts a word's width is a plain sum, so this is linear."""
    lines: list[str] = []
    space = doc.get_string_width(" ")
    for paragraph in text.splitlines() or [""]:
        line, used = "", 0.0
        for word in paragraph.split(" "):
            word_width = doc.get_string_width(word)
            while word_width > width:  # cut a word that does not fit on a line of its own
                if line:
                    lines.append(line)
                    line, used = "", 0.0
                cut = len(word)
                while cut > 1 and doc.get_string_width(word[:cut]) > width:
                    cut = max(1, int(cut * width / doc.get_string_width(word[:cut])) - 1)
                lines.append(word[:cut])
                word = word[cut:]
                word_width = doc.get_string_width(word)
            if line and used + space + word_width > width:
                lines.append(line)
                line, used = word, word_width
            else:
                line, used = (
                    (f"{line} {word}", used + space + word_width) if line else (word, word_width)
                )
        lines.append(line)
    return lines


class _PlanPDF(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("helvetica", size=8)
        self.set_text_color(110)
        self.cell(0, 6, latin1(f"{self.footer_text}  -  {self.page_no()}"), align="C")


def plan_pdf(*, plan: Plan, learner_name: str, today: date) -> bytes:
    doc = _PlanPDF(format="A4")
    doc.set_compression(getattr(settings, "PLANS_PDF_COMPRESS", True))
    doc.set_title(latin1(_("My MCMT plan")))
    doc.set_author(latin1(learner_name))
    doc.footer_text = latin1(f"{_('My MCMT plan')} - {learner_name}")
    doc.set_auto_page_break(auto=True, margin=18)
    doc.add_page()
    width = doc.epw

    def para(text: object, size: int = 10, style: str = "", height: float = 5.5) -> None:
        doc.set_font("helvetica", style=style, size=size)
        for line in wrap(doc, latin1(text), width):
            doc.set_x(doc.l_margin)
            doc.cell(width, height, line, new_x="LMARGIN", new_y="NEXT")

    para(_("My MCMT plan"), size=20, style="B", height=10)
    para(plan.course.title, size=12)
    para(
        _("%(name)s - %(date)s")
        % {"name": learner_name, "date": formats.date_format(today, "DATE_FORMAT")},
        size=10,
    )
    doc.ln(3)
    for pillar in plan.pillars:
        doc.ln(2)
        para(pillar.heading, size=15, style="B", height=8)
        if not pillar.filled:
            para(_("Not filled in yet."), style="I")
        for sheet in pillar.sheets:
            if not sheet.rows:
                continue
            para(sheet.kind.label, size=11, style="B", height=6.5)
            for row in sheet.rows:
                parts = [
                    f"{field.label}: {row.get(field.name)}"
                    for field in sheet.kind.fields
                    if row.get(field.name) not in ("", None)
                ]
                para("- " + "; ".join(parts))
        for reflection in pillar.reflections:
            if reflection.question:
                para(reflection.question, style="I")
            para(reflection.text)
        if pillar.key == "time":
            budget = plan.budget
            doc.ln(1)
            if budget.budget_minutes is not None:
                para(
                    _("Time budget: %(budget)s a week; planned: %(planned)s.")
                    % {
                        "budget": hours_text(budget.budget_minutes),
                        "planned": hours_text(budget.planned_minutes),
                    },
                    style="B",
                )
                if budget.is_over:
                    para(
                        _("Over budget by %(over)s: drop or shrink activities.")
                        % {"over": hours_text(budget.over_minutes)}
                    )
    return bytes(doc.output())
