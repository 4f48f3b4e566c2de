"""Orders, Stripe events and payment settings moved from `enrollments` to `payments`: a
database that has them migrates with every row, link and permission intact."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from wagtail.models import Site

from payments.models import Order, PaymentSettings, StripeEvent
from tests.factories import OrderFactory, build_course

BEFORE_THE_MOVE = [("enrollments", "0006_order_language")]
# Unapplying `payments` entirely, as on a database of the release before the move.
PLAN_BEFORE_THE_MOVE = [*BEFORE_THE_MOVE, ("payments", None)]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


def latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_with_paid_orders_migrates_to_the_payments_app_intact(home_page, learner):
    course = build_course(home_page, modules=1, lessons_per_module=1, price=Decimal("49.00"))
    paid = OrderFactory(
        course=course,
        user=learner,
        status=Order.Status.PAID,
        amount_paid=Decimal("39.00"),
        paid_at=timezone.now(),
        payment_intent_id="pi_kept",
    )
    pending = OrderFactory(course=course, user=learner)
    event = StripeEvent.objects.create(
        event_id="evt_kept",
        type="checkout.session.completed",
        created=timezone.now(),
        order=paid,
        payload={"id": "evt_kept"},
    )
    site = Site.objects.get(is_default_site=True)
    settings_row = PaymentSettings.objects.create(site=site, early_bird_code="VROEGEVOGEL")
    instructors = Group.objects.get(name="Instructors")
    assert instructors.permissions.filter(
        content_type__app_label="payments", codename="view_order"
    ).exists()

    # Back to before the move: the rows are the enrollments app's again ...
    state = migrate(PLAN_BEFORE_THE_MOVE).loader.project_state(BEFORE_THE_MOVE).apps
    OldOrder = state.get_model("enrollments", "Order")
    assert OldOrder._meta.db_table == "enrollments_order"
    assert sorted(OldOrder.objects.values_list("pk", "status")) == sorted(
        [(paid.pk, "paid"), (pending.pk, "pending")]
    )
    ContentType = state.get_model("contenttypes", "ContentType")
    assert ContentType.objects.filter(app_label="enrollments", model="order").exists()

    # ... and forward again, as an existing production database would go.
    migrate(latest())
    assert Order._meta.db_table == "payments_order"
    kept = Order.objects.get(pk=paid.pk)
    assert (kept.status, kept.amount_paid, kept.payment_intent_id) == (
        Order.Status.PAID,
        Decimal("39.00"),
        "pi_kept",
    )
    assert kept.course_id == course.pk and kept.user_id == learner.pk
    assert Order.objects.get(pk=pending.pk).status == Order.Status.PENDING
    assert StripeEvent.objects.get(pk=event.pk).order_id == paid.pk
    assert PaymentSettings.objects.get(pk=settings_row.pk).early_bird_code == "VROEGEVOGEL"
    assert instructors.permissions.filter(
        content_type__app_label="payments", codename="view_order"
    ).exists()
    assert not Group.objects.filter(
        permissions__content_type__app_label="enrollments", permissions__codename="view_order"
    ).exists()
