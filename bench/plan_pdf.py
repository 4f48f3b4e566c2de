"""How long the learner's plan PDF takes (issue 14; target under 1 s), against a baseline
measured in the same run: an fpdf2 document of one line, so the figure says what the plan
itself costs on this machine, whatever its load.

    .venv/bin/python bench/plan_pdf.py [--rounds 5]

No database: the plan is built in memory with every worksheet at its maximum number of rows
and every text field at its maximum length (the largest plan a learner can make).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

import django

django.setup()

from django.utils import translation  # noqa: E402
from fpdf import FPDF  # noqa: E402

from courses.worksheets import NUMBER, WORKSHEET_KINDS  # noqa: E402
from plans.models import PlanAnswer, sheet_key  # noqa: E402
from plans.pdf import plan_pdf  # noqa: E402
from plans.selectors import (  # noqa: E402  # noqa: E402
    DUTCH_PILLAR_HEADINGS,
    PILLAR_LABELS,
    PILLAR_ORDER,
    PillarView,
    Plan,
    SheetView,
    time_budget,
)
from plans.services import TEXT_MAX  # noqa: E402

TARGET_SECONDS = 1.0


def largest_plan() -> Plan:
    pillars = {
        key: PillarView(key=key, label=PILLAR_LABELS[key], heading=DUTCH_PILLAR_HEADINGS[key])
        for key in PILLAR_ORDER
    }
    answers = {}
    for kind in WORKSHEET_KINDS:
        rows = [
            {
                f.name: (
                    min(f.max_value or 1, 60) if f.type == NUMBER else ("woord " * 100)[:TEXT_MAX]
                )
                for f in kind.fields
            }
            for _ in range(kind.max_rows)
        ]
        answers[sheet_key(kind.key)] = PlanAnswer(key=sheet_key(kind.key), data={"rows": rows})
        pillars[kind.pillar].sheets.append(SheetView(kind=kind, rows=rows))
    return Plan(
        course=SimpleNamespace(title="Sociale media succesvol zakelijk inzetten", slug="demo"),
        pillars=[pillars[key] for key in PILLAR_ORDER],
        budget=time_budget(answers),
        answers=answers,
    )


def baseline() -> bytes:
    doc = FPDF()
    doc.add_page()
    doc.set_font("helvetica", size=10)
    doc.cell(0, 10, "Mijn MCMT-plan")
    return bytes(doc.output())


def timed(fn, rounds: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(rounds):
        start = time.perf_counter()
        size = len(fn())
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    plan = largest_plan()
    with translation.override("nl"):
        base, base_size = timed(baseline, args.rounds)
        full, full_size = timed(
            lambda: plan_pdf(plan=plan, learner_name="Lars Jansen", today=date.today()), args.rounds
        )
    print(f"baseline (one line):  {base * 1000:8.1f} ms  {base_size:>8} bytes")
    print(f"largest plan:         {full * 1000:8.1f} ms  {full_size:>8} bytes")
    print(f"ratio plan/baseline:  {full / base:8.1f}x")
    print(f"target < {TARGET_SECONDS:.0f} s: {'met' if full < TARGET_SECONDS else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
