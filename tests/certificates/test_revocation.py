"""A refund or dispute that ends access revokes the certificate (Stripe's signed webhook)."""

import pytest

from certificates.models import Certificate
from courses.models import LessonPage
from enrollments import services
from enrollments.models import Enrollment
from tests.payments.test_webhooks import completed, refunded

pytestmark = pytest.mark.django_db


def test_refund_webhook_revokes_the_certificate(post_event, order, paid_course, client):
    post_event(completed(order))
    enrollment = Enrollment.objects.get(user=order.user, course=paid_course)
    for lesson in LessonPage.objects.in_course(paid_course):
        services.step_record_done(enrollment=enrollment, page=lesson)
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert (
        'data-certificate-status="valid"'
        in client.get(f"/certificaat/{certificate.code}/").content.decode()
    )

    assert post_event(refunded(order)).status_code == 200

    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert (
        'data-certificate-status="revoked"'
        in client.get(f"/certificaat/{certificate.code}/").content.decode()
    )
