"""The certificate as a PDF (fpdf2): A4 landscape in the academy's colours, in the
certificate's language, with the verification address and its QR code (segno, drawn as
vector squares, so no image library is involved).

Built from the certificate's stored fields only, so the same (certificate, version) always
gives the same document: `certificate_pdf` caches it under that pair (core.caching).
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _

from core import caching, mail

from .models import Certificate

if TYPE_CHECKING:
    from fpdf import FPDF

# fpdf2 (with fontTools) and segno are imported when a PDF is first drawn, not when a web
# worker starts: together about 40 MiB that most workers never need.

BRAND = (11, 79, 108)  # --brand in static/css/site.css
INK = (31, 41, 51)
MUTED = (82, 96, 109)
ACADEMY = "MCMT Academie"
PDF_CACHE_SECONDS = 24 * 3600


def _latin1(char: str) -> str:
    if ord(char) < 256:
        return char
    base = "".join(
        c
        for c in unicodedata.normalize("NFKD", char)
        if ord(c) < 256 and not unicodedata.combining(c)
    )
    if base:
        return base
    # Letters without a decomposition ("Ł"): the letter their Unicode name is built on.
    words = unicodedata.name(char, "").split()
    if len(words) >= 4 and words[0] == "LATIN" and words[2] == "LETTER" and len(words[3]) == 1:
        return words[3] if words[1] == "CAPITAL" else words[3].lower()
    return "?"


def _text(value: str) -> str:
    """The PDF's built-in fonts know Latin-1 only: keep what they can show ("Zoë"), fold
    the rest to its base letter ("Ł" → "L"), and never fail on a name."""
    return "".join(_latin1(c) for c in value)


def verification_url(certificate: Certificate) -> str:
    return mail.reverse_absolute(
        "certificates:verify", language=certificate.language, args=[certificate.code]
    )


def _qr(pdf: FPDF, url: str, *, x: float, y: float, size: float) -> None:
    import segno

    qr = segno.make(url, error="m")
    matrix = list(qr.matrix_iter(border=0))
    cell = size / len(matrix)
    pdf.set_fill_color(*INK)
    for row, line in enumerate(matrix):
        for col, dark in enumerate(line):
            if dark:
                pdf.rect(x + col * cell, y + row * cell, cell, cell, style="F")


def render(certificate: Certificate, *, compress: bool = True) -> bytes:
    """The PDF's bytes. `compress=False` leaves the text readable in the file (tests)."""
    with translation.override(certificate.language):
        from fpdf import FPDF

        pdf = FPDF(orientation="landscape", unit="mm", format="A4")
        pdf.set_compression(compress)
        pdf.set_auto_page_break(False)
        pdf.set_title(_text(_("Certificate") + f": {certificate.course_title}"))
        pdf.set_author(ACADEMY)
        pdf.add_page()
        width, height = pdf.w, pdf.h
        # Frame: a brand band at the left, a thin rule around.
        pdf.set_fill_color(*BRAND)
        pdf.rect(0, 0, 18, height, style="F")
        pdf.set_draw_color(*BRAND)
        pdf.set_line_width(0.6)
        pdf.rect(26, 10, width - 36, height - 20)

        pdf.set_text_color(*BRAND)
        pdf.set_font("Helvetica", "B", 14)
        pdf.set_xy(36, 22)
        pdf.cell(0, 8, ACADEMY)
        pdf.set_font("Helvetica", "B", 34)
        pdf.set_xy(36, 42)
        pdf.cell(0, 16, _text(_("Certificate of completion")))

        pdf.set_text_color(*MUTED)
        pdf.set_font("Helvetica", "", 14)
        pdf.set_xy(36, 70)
        pdf.cell(0, 8, _text(_("This certifies that")))
        pdf.set_text_color(*INK)
        pdf.set_font("Helvetica", "B", 28)
        pdf.set_xy(36, 82)
        pdf.cell(width - 80, 14, _text(certificate.learner_name or "-"))

        pdf.set_text_color(*MUTED)
        pdf.set_font("Helvetica", "", 14)
        pdf.set_xy(36, 104)
        pdf.cell(0, 8, _text(_("has completed the course")))
        pdf.set_text_color(*BRAND)
        pdf.set_font("Helvetica", "B", 20)
        pdf.set_xy(36, 114)
        pdf.multi_cell(width - 130, 10, _text(certificate.course_title))

        pdf.set_text_color(*INK)
        pdf.set_font("Helvetica", "", 12)
        issued = formats.date_format(certificate.issued_at, "DATE_FORMAT")
        pdf.set_xy(36, 150)
        pdf.cell(0, 7, _text(_("Date: %(date)s") % {"date": issued}))
        if certificate.instructor_name:
            pdf.set_xy(36, 158)
            pdf.cell(0, 7, _text(_("Instructor: %(name)s") % {"name": certificate.instructor_name}))

        url = verification_url(certificate)
        qr_size = 38
        qr_x, qr_y = width - 20 - qr_size, height - 22 - qr_size - 14
        _qr(pdf, url, x=qr_x, y=qr_y, size=qr_size)
        pdf.set_text_color(*MUTED)
        pdf.set_font("Helvetica", "", 9)
        pdf.set_xy(36, height - 30)
        pdf.cell(0, 5, _text(_("Verify this certificate: %(url)s") % {"url": url}))
        pdf.set_xy(36, height - 25)
        pdf.cell(0, 5, _text(_("Certificate code: %(code)s") % {"code": certificate.code}))
        return bytes(pdf.output())


def certificate_pdf(certificate: Certificate) -> bytes:
    """The PDF, from the cache when this version was made before."""
    compress = settings.CERTIFICATE_PDF_COMPRESS
    key = f"certificate-pdf:{certificate.pk}:{certificate.version}:{certificate.code}:{compress}"
    cached = caching.get(key)
    if cached is not None:
        return cached
    document = render(certificate, compress=compress)
    caching.store(key, document, PDF_CACHE_SECONDS)
    return document
