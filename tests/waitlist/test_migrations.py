"""The waitlist's delivery rows moved onto the delivery engine (a claim token, the engine's
abstract row): a database with announcement deliveries migrates with every row intact."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories import AnnouncementFactory, SubscriberFactory, build_course
from waitlist.models import Delivery

BEFORE = [("waitlist", "0004_announcement_default_text_per_language")]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_with_announcement_deliveries_keeps_them_on_the_engine(home_page):
    course = build_course(home_page, modules=1, lessons_per_module=1)
    announcement = AnnouncementFactory(course=course)
    sent, pending, failed = SubscriberFactory.create_batch(3, course=course)
    now = timezone.now()
    Delivery.objects.create(
        announcement=announcement, subscriber=sent, status="sent", attempts=1, sent_at=now
    )
    Delivery.objects.create(announcement=announcement, subscriber=pending)
    Delivery.objects.create(
        announcement=announcement, subscriber=failed, status="failed", attempts=5, last_error="550"
    )
    before = sorted(
        Delivery.objects.values_list("subscriber_id", "status", "attempts", "last_error")
    )

    old = migrate(BEFORE).loader.project_state(BEFORE).apps
    OldDelivery = old.get_model("waitlist", "Delivery")
    assert (
        sorted(OldDelivery.objects.values_list("subscriber_id", "status", "attempts", "last_error"))
        == before
    )
    assert "claim_token" not in {f.name for f in OldDelivery._meta.get_fields()}

    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())
    rows = Delivery.objects.all()
    assert sorted(rows.values_list("subscriber_id", "status", "attempts", "last_error")) == before
    assert set(rows.values_list("claim_token", flat=True)) == {None}
    assert Delivery.objects.get(subscriber=sent).sent_at == now
