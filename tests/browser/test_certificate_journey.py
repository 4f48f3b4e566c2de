"""A learner with a name completes a course, lands on the course-completed page, downloads
the certificate and anyone can verify it; after a refund the page says "revoked"."""

import json
import re
import urllib.request
from decimal import Decimal
from pathlib import Path

from certificates.models import Certificate
from courses.models import LessonPage
from tests.factories import OrderFactory, UserFactory, build_course
from tests.factories.payments import TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, sign
from tests.payments.test_webhooks import completed, refunded


def _webhook(base_url: str, event: dict) -> None:
    body = json.dumps(event).encode()
    request = urllib.request.Request(
        base_url + "/stripe/webhook/",
        data=body,
        headers={"Content-Type": "application/json", "Stripe-Signature": sign(body.decode())},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


def test_learner_completes_downloads_and_the_certificate_is_verified_then_revoked(
    live_server, browser, page, log_in, screenshot, settings, home_page, csp_violations, tmp_path
):
    settings.STRIPE_SECRET_KEY = TEST_SECRET_KEY
    settings.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET
    settings.CERTIFICATE_PDF_COMPRESS = False  # so the text can be read in the file below
    course = build_course(
        home_page,
        modules=2,
        lessons_per_module=1,
        price=Decimal("149.00"),
        title="MCMT voor teams",
        instructor_name="Femke Janssen",
    )
    learner = UserFactory(first_name="Jan", last_name="de Vries", email="jan@example.com")
    order = OrderFactory(course=course, user=learner)
    _webhook(live_server.url, completed(order))
    log_in(page, learner)

    lessons = list(LessonPage.objects.in_course(course))
    for lesson in lessons:
        page.goto(live_server.url + lesson.url)
        page.locator("main form[action*='/done/'] button[type=submit]").first.click()
        if lesson is not lessons[-1]:
            page.wait_for_selector("main form[action*='/undo/']")
    # The last step: the script follows the server to the course-completed page.
    page.wait_for_url(re.compile(r".*/learn/courses/\d+/completed/$"))
    assert "Jan" in page.get_by_role("heading", level=1).inner_text()
    screenshot(page, "certificate-completed")

    with page.expect_download() as download_info:
        page.locator("a[href*='/pdf/']").first.click()
    pdf_path = Path(tmp_path) / "certificaat.pdf"
    download_info.value.save_as(pdf_path)
    document = pdf_path.read_bytes().decode("latin-1")
    certificate = Certificate.objects.get()
    assert document.startswith("%PDF")
    assert "Jan de Vries" in document and "MCMT voor teams" in document
    assert certificate.code in document

    verify_url = page.locator("[data-verification-url]").get_attribute("href")
    assert verify_url.endswith(f"/certificaat/{certificate.code}/")
    stranger = browser.new_context(locale="nl-NL").new_page()
    verify_path = re.sub(r"^https?://[^/]+", "", verify_url)  # links use SITE_URL
    stranger.goto(live_server.url + verify_path)
    assert (
        stranger.locator("[data-certificate-status]").get_attribute("data-certificate-status")
        == "valid"
    )
    assert "Jan de Vries" in stranger.content() and "jan@example.com" not in stranger.content()
    screenshot(stranger, "certificate-verify-valid")

    _webhook(live_server.url, refunded(order))
    stranger.reload()
    assert (
        stranger.locator("[data-certificate-status]").get_attribute("data-certificate-status")
        == "revoked"
    )
    screenshot(stranger, "certificate-verify-revoked")
    assert csp_violations == []
