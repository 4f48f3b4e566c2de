"""Wagtail admin: the orders screen, and the guards that keep bookkeeping from being deleted
(`admin_guards`).

Orders are read-only for everyone, superusers too: only Stripe's webhooks and the reconcile
job change them. Instructors get the view permission through a migration; refunds are made
in the Stripe Dashboard, and their webhook updates the order here.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, ChoiceFilter, DateFromToRangeFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from core.admin import (
    ExportButtonsMixin,
    PersonalDataExportMixin,
    ReadOnlyPermissionPolicy,
    time_column,
)
from courses.models import CoursePage
from enrollments.admin_learners import LEARNER_PANELS_HOOK, MANAGE_PERMISSION

from . import (
    admin_guards,  # noqa: F401  (registers its hooks)
    services,
)
from .models import Order

register_permission_policy(Order, ReadOnlyPermissionPolicy(Order))


class OrderFilterSet(WagtailFilterSet):
    status = ChoiceFilter(label=_("status"), choices=Order.Status.choices, empty_label=_("All"))
    course = ModelChoiceFilter(label=_("course"), queryset=CoursePage.objects.order_by("title"))
    created_at = DateFromToRangeFilter(label=_("created at"), widget=DateRangePickerWidget)
    payment_problem = BooleanFilter(label=_("payment problem"), method="filter_problem")

    def filter_problem(self, queryset, name, value):
        if value is None:
            return queryset
        with_problem = queryset.exclude(payment_problem="")
        return with_problem if value else queryset.filter(payment_problem="")

    class Meta:
        model = Order
        fields = ["status", "course", "created_at"]


def learner_label(order: Order) -> str:
    """Name and address, as on the enrolments screen."""
    name = order.user.get_full_name()
    return f"{name} ({order.user.email})" if name else order.user.email


class OrderIndexView(ExportButtonsMixin, PersonalDataExportMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "course")


class OrderViewSet(ModelViewSet):
    model = Order
    index_view_class = OrderIndexView
    icon = "form"
    menu_label = _("Orders")
    menu_order = 310
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    ordering = ["-created_at"]
    form_fields = ["status"]  # required by ModelViewSet; the edit view is never permitted
    search_fields = [
        "user__email",
        "user__first_name",
        "user__last_name",
        "checkout_session_id",
        "payment_intent_id",
    ]
    filterset_class = OrderFilterSet
    list_display = [
        Column("learner", accessor=learner_label, label=capfirst(_("learner"))),
        Column("course", label=capfirst(_("course"))),
        Column("amount", label=capfirst(_("amount (EUR)"))),
        Column("status", accessor="get_status_display", label=capfirst(_("status"))),
        time_column(Order, "created_at", label=capfirst(_("created at"))),
        time_column(Order, "paid_at", label=capfirst(_("paid at"))),
        Column("checkout_session_id", label=_("Stripe Checkout Session")),
        Column("payment_intent_id", label=_("Stripe PaymentIntent")),
        Column("payment_problem", label=capfirst(_("payment problem"))),
    ]
    list_export = [
        "reference",
        "user.email",
        "course.title",
        "amount",
        "amount_paid",
        "currency",
        "get_status_display",
        "created_at",
        "paid_at",
        "checkout_session_id",
        "payment_intent_id",
    ]
    export_headings = {
        "reference": _("order reference"),
        "user.email": _("learner"),
        "course.title": _("course"),
        "get_status_display": _("status"),
    }
    export_filename = "orders"
    inspect_view_fields = [
        "reference",
        "user",
        "course",
        "status",
        "amount",
        "amount_paid",
        "currency",
        "checkout_session_id",
        "payment_intent_id",
        "payment_problem",
        "created_at",
        "paid_at",
        "updated_at",
    ]


@hooks.register("register_admin_viewset")
def register_order_viewset():
    return OrderViewSet("orders")


# --- On the learner page: their orders, and the welcome mail sent again -------------------------


@hooks.register(LEARNER_PANELS_HOOK)
def learner_orders_panel(*, enrollment, request):
    orders = list(
        Order.objects.filter(user_id=enrollment.user_id, course_id=enrollment.course_id).order_by(
            "-created_at"
        )
    )
    if not orders:
        return None
    return {
        "title": _("Orders"),
        "template": "payments/admin/learner_orders_panel.html",
        "context": {
            "orders": orders,
            "can_resend": request.user.has_perm(MANAGE_PERMISSION),
        },
    }


def resend_welcome(request, pk: int):
    if request.method != "POST" or not request.user.has_perm(MANAGE_PERMISSION):
        raise PermissionDenied
    order = get_object_or_404(Order, pk=pk)
    if services.order_welcome_email_resend(order=order):
        messages.success(request, _("The welcome mail is on its way again."))
    else:
        messages.error(request, _("Only a paid order has a welcome mail."))
    return redirect(request.POST.get("next") or reverse("orders:index"))


@hooks.register("register_admin_urls")
def register_resend_welcome_url():
    return [path("orders/<int:pk>/resend-welcome/", resend_welcome, name="order_resend_welcome")]
