"""Orders, Stripe events and payment settings now belong to the `payments` app (see
payments/migrations/0001_moved_from_enrollments.py): removed from this app's model state
only; the tables and their rows stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('enrollments', '0006_order_language'),
        ('payments', '0001_moved_from_enrollments'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name='stripeevent', name='order'),
                migrations.RemoveField(model_name='paymentsettings', name='site'),
                migrations.DeleteModel(name='Order'),
                migrations.DeleteModel(name='StripeEvent'),
                migrations.DeleteModel(name='PaymentSettings'),
            ],
            database_operations=[],
        ),
    ]
