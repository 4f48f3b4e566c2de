"""The same event delivered twice at the same moment (Stripe retries while we still work)."""

import pytest

from enrollments.models import Enrollment
from payments import services as orders
from payments.models import Order, StripeEvent
from tests.concurrency import errors_in, run_at_once
from tests.factories.payments import session_object, stripe_event


# serialized_rollback, like the browser tests: the rows that migrations made (content types,
# root page, groups) come back afterwards, so later transactional tests find them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_duplicate_deliveries_apply_once(order, stripe_keys):
    event = stripe_event("checkout.session.completed", session_object(order))
    deliver = lambda: orders.stripe_event_process(event=event)  # noqa: E731
    results = run_at_once(deliver, deliver)
    assert errors_in(results) == []
    assert sorted(results) == [False, True]
    assert StripeEvent.objects.count() == 1
    assert Enrollment.objects.count() == 1
    assert Order.objects.get().status == Order.Status.PAID
