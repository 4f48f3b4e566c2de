"""Wagtail admin guards: deletions that would throw away bookkeeping (imported by
wagtail_hooks.py, which registers them).

Orders are kept for the books (`on_delete=PROTECT` on their course and learner). Deleting a
course page, a page above one, or a user who bought something would otherwise end in a
database error; here the instructor is sent back with what to do instead.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks

from .models import Order


def _orders_below(pages) -> int:
    count = 0
    for page in pages:
        count += Order.objects.filter(course__path__startswith=page.path).count()
    return count


def _back(request, fallback: str):
    return redirect(request.META.get("HTTP_REFERER") or fallback)


@hooks.register("before_delete_page")
def keep_courses_with_orders(request, page):
    orders = _orders_below([page])
    if not orders:
        return None
    messages.error(
        request,
        ngettext(
            "“%(page)s” cannot be deleted: %(count)d order for its course is kept for the "
            "books. Unpublish the page instead; learners who paid keep their progress.",
            "“%(page)s” cannot be deleted: %(count)d orders for its course are kept for the "
            "books. Unpublish the page instead; learners who paid keep their progress.",
            orders,
        )
        % {"page": page.get_admin_display_title(), "count": orders},
    )
    return _back(request, "wagtailadmin_explore_root")


@hooks.register("before_delete_user")
def keep_buyers(request, user):
    if not Order.objects.filter(user=user).exists():
        return None
    messages.error(
        request,
        _(
            "%(user)s cannot be deleted: their orders are kept for the books. Deactivate the "
            "account instead (untick “Active”), so they can no longer log in."
        )
        % {"user": user.get_username()},
    )
    return redirect("wagtailusers_users:edit", user.pk)


@hooks.register("before_bulk_action")
def keep_in_bulk(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not objects:
        return None
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    if isinstance(objects[0], Page):
        blocked = _orders_below(objects)
    elif isinstance(objects[0], get_user_model()):
        blocked = Order.objects.filter(user__in=objects).count()
    else:
        return None
    if not blocked:
        return None
    messages.error(
        request,
        _(
            "Nothing was deleted: some of the selected items have orders, which are kept for "
            "the books. Unpublish pages and deactivate accounts instead."
        ),
    )
    return _back(request, "wagtailadmin_home")
