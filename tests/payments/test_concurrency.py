"""The same event delivered twice at the same moment (Stripe retries while we still work)."""

import threading

import pytest
from django.db import connection

from enrollments import orders
from enrollments.models import Enrollment, Order, StripeEvent
from tests.factories.payments import session_object, stripe_event


# serialized_rollback, like the browser tests: the rows that migrations made (content types,
# root page, groups) come back afterwards, so later transactional tests find them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_duplicate_deliveries_apply_once(order, stripe_keys):
    event = stripe_event("checkout.session.completed", session_object(order))
    barrier = threading.Barrier(2)
    results, errors = [], []

    def deliver():
        try:
            barrier.wait()
            results.append(orders.stripe_event_process(event=event))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(results) == [False, True]
    assert StripeEvent.objects.count() == 1
    assert Enrollment.objects.count() == 1
    assert Order.objects.get().status == Order.Status.PAID
