"""The certificate PDF: what it says, in which language, cached per version."""

import pytest

from certificates import pdf, services

pytestmark = pytest.mark.django_db


def text_of(certificate) -> str:
    """The PDF without compression: fpdf2 writes built-in-font text as literal strings."""
    return pdf.render(certificate, compress=False).decode("latin-1")


def test_pdf_is_a4_landscape_with_name_course_date_code_and_verification_url(certificate):
    document = text_of(certificate)
    assert document.startswith("%PDF")
    assert "/MediaBox [0 0 841.89 595.28]" in document  # A4, landscape, in points
    for expected in (
        certificate.learner_name,
        certificate.course_title,
        certificate.code,
        f"/certificaat/{certificate.code}/",
        "Dr. Els Bakker",
        "Certificaat",
    ):
        assert expected in document, expected


def test_english_certificate_speaks_english_and_links_the_english_page(certificate):
    certificate.language = "en"
    certificate.save()
    document = text_of(certificate)
    assert "Certificate of completion" in document
    assert f"/en/certificate/{certificate.code}/" in document


def test_names_outside_latin1_do_not_break_the_pdf(certificate):
    certificate.learner_name = "Zoë Łukasiewicz"
    document = text_of(certificate)
    assert "Zoë Lukasiewicz" in document


def test_the_pdf_is_cached_per_version_so_a_reissue_makes_a_new_one(certificate, learner):
    first = pdf.certificate_pdf(certificate)
    assert pdf.certificate_pdf(certificate) is not None
    learner.first_name, learner.last_name = "Jan", "de Vries"
    learner.save()
    services.certificate_reissue(certificate=certificate)
    certificate.refresh_from_db()
    second = pdf.certificate_pdf(certificate)
    assert first != second
    assert "Jan de Vries" in text_of(certificate)
