"""Time to make a certificate PDF, as a multiple of an empty fpdf2 A4 page made in the same
run (so the figure says what our drawing costs, not how fast this machine is).

    .venv/bin/python bench/certificate_pdf.py [--rounds 50]

No database: the certificate is an unsaved model instance; the PDF is rendered without the
cache (`certificates.pdf.render`), as on a cache miss.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(fn, rounds: int) -> list[float]:
    fn()  # warm-up: imports, font metrics
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    import django

    django.setup()
    from django.utils import timezone
    from fpdf import FPDF

    from certificates.models import Certificate
    from certificates.pdf import render

    certificate = Certificate(
        code="AbCdEfGhIjKl",
        learner_name="Jan de Vries",
        course_title="Modern Content Management met het MCMT-model",
        instructor_name="Dr. Els Bakker",
        language="nl",
        issued_at=timezone.now(),
    )

    def empty_page() -> bytes:
        pdf = FPDF(orientation="landscape", unit="mm", format="A4")
        pdf.add_page()
        return bytes(pdf.output())

    baseline = timed(empty_page, args.rounds)
    ours = timed(lambda: render(certificate), args.rounds)
    base_ms = statistics.median(baseline) * 1000
    ours_ms = statistics.median(ours) * 1000
    print(f"empty fpdf2 A4 page    median {base_ms:7.2f} ms  ({args.rounds} rounds)")
    print(f"certificate PDF        median {ours_ms:7.2f} ms  ({args.rounds} rounds)")
    print(f"certificate / baseline {ours_ms / base_ms:7.1f} x")
    print(f"PDF size               {len(render(certificate)) / 1024:7.1f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
