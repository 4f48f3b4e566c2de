"""Messages to learners in the Wagtail admin: write one per course (subject, body, audience,
optional schedule), see how many learners it reaches, send yourself a test, send it now, and
follow its sent/pending/failed counts."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from core.admin import time_column
from enrollments.admin_learners import LEARNER_PANELS_HOOK

from . import services
from .models import Audience, Message
from .selectors import audience_count, learner_mails


class ActionsColumn(Column):
    cell_template_name = "outreach/admin/actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["csrf_token"] = get_token(request) if request else ""
        context["test_url"] = reverse("outreach_admin_send_test", args=[instance.pk])
        context["send_url"] = reverse("outreach_admin_send", args=[instance.pk])
        return context


class MessageIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("course").with_progress()


class MessageCreateView(CreateView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.created_by = self.request.user
        instance.save()
        return instance


class MessageViewSet(ModelViewSet):
    model = Message
    index_view_class = MessageIndexView
    add_view_class = MessageCreateView
    icon = "mail"
    menu_label = gettext_lazy("Messages to learners")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    list_filter = ["course", "audience"]
    panels = [
        FieldPanel("course", widget=forms.Select),  # a plain list of courses, not a page chooser
        FieldPanel("subject"),
        FieldPanel("body", widget=forms.Textarea(attrs={"rows": 12})),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("inactive_days")]),
        FieldPanel("send_at"),
    ]
    list_display = [
        "subject",
        "course",
        "audience",
        time_column(Message, "send_at"),
        time_column(Message, "dispatched_at"),
        Column("sent_count", label=gettext_lazy("Sent")),
        Column("pending_count", label=gettext_lazy("Pending")),
        Column("failed_count", label=gettext_lazy("Failed")),
        ActionsColumn("actions", label=gettext_lazy("Actions")),
    ]


@hooks.register("register_admin_viewset")
def register_viewset():
    return MessageViewSet("outreach_messages")


@require_POST
@permission_required("outreach.change_message", raise_exception=True)
def send_test(request, pk: int):
    message = get_object_or_404(Message.objects.select_related("course"), pk=pk)
    if not request.user.email:
        messages.error(request, _("Your account has no e-mail address to send the test to."))
    else:
        services.message_send_test(
            message=message,
            user=request.user,
            language=getattr(request, "LANGUAGE_CODE", "nl"),
        )
        messages.success(request, _("Test sent to %(email)s.") % {"email": request.user.email})
    return redirect("outreach_messages:index")


@require_http_methods(["GET", "POST"])
@permission_required("outreach.change_message", raise_exception=True)
def send(request, pk: int):
    """GET: how many learners the message reaches now; POST: send it to them."""
    message = get_object_or_404(Message.objects.select_related("course"), pk=pk)
    if message.dispatched_at is not None:
        messages.info(request, _("This message was sent already."))
        return redirect("outreach_messages:index")
    if request.method == "POST":
        count = services.message_dispatch(message_id=message.pk)
        messages.success(
            request,
            _("Sending to %(count)d learners. The counts below follow the progress.")
            % {"count": count},
        )
        return redirect("outreach_messages:index")
    context = {
        "message": message,
        "count": audience_count(message),
        "audience": Audience(message.audience).label,
        "header_title": _("Send a message"),
    }
    return TemplateResponse(request, "outreach/admin/send_confirm.html", context)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("outreach/message/<int:pk>/send-test/", send_test, name="outreach_admin_send_test"),
        path("outreach/message/<int:pk>/send/", send, name="outreach_admin_send"),
    ]


# --- On the learner page: the mails this learner was sent ----------------------------------------


@hooks.register(LEARNER_PANELS_HOOK)
def learner_mails_panel(*, enrollment, request):
    return {
        "title": gettext_lazy("Mails sent to this learner"),
        "template": "outreach/admin/learner_mails_panel.html",
        "context": {"mails": learner_mails(enrollment=enrollment)},
    }
