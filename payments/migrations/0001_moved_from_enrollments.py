"""Orders, Stripe events and payment settings move here from `enrollments`, with their data.

The tables stay where they are (this migration only tells Django's model state that the
models belong to `payments` now; 0002 renames the tables). Their content types are moved
too, so permissions granted on them (the Instructors group's view_order and
change_paymentsettings) and admin log entries keep pointing at the same models.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ["order", "stripeevent", "paymentsettings"]


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if ContentType.objects.filter(app_label="payments", model=model).exists():
            continue  # created meanwhile (a fresh database): nothing to carry over
        ContentType.objects.filter(app_label="enrollments", model=model).update(
            app_label="payments"
        )


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="payments", model__in=MOVED).update(
        app_label="enrollments"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('enrollments', '0006_order_language'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('courses', '0003_quizpage'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                    migrations.CreateModel(
                        name='Order',
                        fields=[
                            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                            ('reference', models.UUIDField(editable=False, unique=True, verbose_name='order reference')),
                            ('status', models.CharField(choices=[('pending', 'awaiting payment'), ('paid', 'paid'), ('failed', 'payment failed'), ('refunded', 'refunded'), ('disputed', 'disputed'), ('expired', 'expired')], default='pending', max_length=16, verbose_name='status')),
                            ('amount', models.DecimalField(decimal_places=2, max_digits=8, verbose_name='amount (EUR)')),
                            ('amount_paid', models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, verbose_name='amount paid (EUR)')),
                            ('currency', models.CharField(default='eur', max_length=3, verbose_name='currency')),
                            ('checkout_session_id', models.CharField(blank=True, max_length=255, null=True, unique=True, verbose_name='Stripe Checkout Session')),
                            ('payment_intent_id', models.CharField(blank=True, db_index=True, max_length=255, verbose_name='Stripe PaymentIntent')),
                            ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                            ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                            ('paid_at', models.DateTimeField(blank=True, null=True, verbose_name='paid at')),
                            ('welcome_email_sent_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='welcome e-mail sent at')),
                            ('language', models.CharField(default='nl', editable=False, max_length=8, verbose_name='language')),
                            ('course', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='orders', to='courses.coursepage', verbose_name='course')),
                            ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='orders', to=settings.AUTH_USER_MODEL, verbose_name='learner')),
                        ],
                        options={
                            'verbose_name': 'order',
                            'verbose_name_plural': 'orders',
                            'db_table': 'enrollments_order',
                        },
                    ),
                    migrations.CreateModel(
                        name='PaymentSettings',
                        fields=[
                            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                            ('early_bird_code', models.CharField(blank=True, help_text="A promotion code you created in the Stripe Dashboard (Product catalogue > Coupons), for example VROEGEVOGEL. The launch announcement mentions it and learners enter it on Stripe's payment page. Leave empty for no early-bird offer.", max_length=64, verbose_name='early-bird promotion code')),
                            ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                        ],
                        options={
                            'verbose_name': 'payment settings',
                            'db_table': 'enrollments_paymentsettings',
                        },
                    ),
                    migrations.CreateModel(
                        name='StripeEvent',
                        fields=[
                            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                            ('event_id', models.CharField(max_length=255, unique=True, verbose_name='event id')),
                            ('type', models.CharField(max_length=100, verbose_name='type')),
                            ('created', models.DateTimeField(verbose_name='created at Stripe')),
                            ('received_at', models.DateTimeField(auto_now_add=True, verbose_name='received at')),
                            ('payload', models.JSONField(verbose_name='payload')),
                            ('order', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='events', to='payments.order', verbose_name='order')),
                        ],
                        options={
                            'verbose_name': 'Stripe event',
                            'verbose_name_plural': 'Stripe events',
                            'db_table': 'enrollments_stripeevent',
                        },
                    ),
                    migrations.AddIndex(
                        model_name='order',
                        index=models.Index(fields=['status', 'created_at'], name='enrollments_status_cbda58_idx'),
                    ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
