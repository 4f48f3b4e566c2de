"""Wagtail admin: inviting learners to a course, and the list of invitations.

Under "Learners" > "Invite learners": paste addresses (or upload a CSV), pick a course, and get
a report per line: invited, enrolled at once (an account existed), already enrolled, not a
valid address, or a repeat within the list. The "Instructors" group may do this through the
`add_invitation` permission (migration 0002).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from core.admin import BreadcrumbTitleMixin, ReadOnlyPermissionPolicy, time_column
from courses.models import CoursePage
from enrollments.admin_learners import LEARNER_PANELS_HOOK

from . import services
from .forms import InviteForm
from .models import Invitation

INVITE_PERMISSION = "accounts.add_invitation"

register_permission_policy(Invitation, ReadOnlyPermissionPolicy(Invitation))


def invitable_courses(user):
    """Courses the user may edit: an instructor invites to their own courses."""
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return CoursePage.objects.filter(pk__in=pages.values("pk")).order_by("title")


class InviteView(BreadcrumbTitleMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "accounts/admin/invite.html"
    form_class = InviteForm
    page_title = _("Invite learners")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(INVITE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["courses"] = invitable_courses(self.request.user)
        return kwargs

    def get_initial(self):
        course = self.request.GET.get("course", "")
        return {"course": int(course)} if course.isdigit() else {}

    def form_valid(self, form):
        try:
            outcomes = services.invitations_create(
                course=form.cleaned_data["course"],
                text=form.cleaned_data["text"],
                invited_by=self.request.user,
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        counts: dict[str, int] = {}
        for outcome in outcomes:
            counts[outcome.outcome] = counts.get(outcome.outcome, 0) + 1
        return self.render_to_response(
            self.get_context_data(
                form=InviteForm(
                    courses=invitable_courses(self.request.user),
                    initial={"course": form.cleaned_data["course"].pk},
                ),
                outcomes=outcomes,
                counts=counts,
                course=form.cleaned_data["course"],
            )
        )


class InvitationFilterSet(WagtailFilterSet):
    course = ModelChoiceFilter(label=_("course"), queryset=CoursePage.objects.order_by("title"))
    state = ChoiceFilter(
        label=_("state"),
        choices=[("open", _("not accepted yet")), ("accepted", _("accepted"))],
        empty_label=_("All"),
        method="filter_state",
    )

    class Meta:
        model = Invitation
        fields = ["course", "state"]

    def filter_state(self, queryset, name, value):
        if value == "open":
            return queryset.filter(accepted_at__isnull=True)
        if value == "accepted":
            return queryset.filter(accepted_at__isnull=False)
        return queryset


class InvitationViewSet(ModelViewSet):
    model = Invitation
    icon = "mail"
    menu_label = _("Invitations")
    copy_view_enabled = False
    inspect_view_enabled = True
    ordering = ["-created_at"]
    form_fields = ["name"]  # required by ModelViewSet; editing is never permitted
    search_fields = ["email", "name"]
    filterset_class = InvitationFilterSet
    list_display = [
        Column("email", label=capfirst(_("e-mail address"))),
        Column("name", label=capfirst(_("name"))),
        Column("course", label=capfirst(_("course"))),
        time_column(Invitation, "created_at", label=capfirst(_("invited at"))),
        time_column(Invitation, "sent_at", label=capfirst(_("sent at"))),
        time_column(Invitation, "accepted_at", label=capfirst(_("accepted at"))),
    ]
    inspect_view_fields = [
        "email",
        "name",
        "course",
        "invited_by",
        "created_at",
        "sent_at",
        "accepted_at",
        "accepted_by",
    ]


class InviteMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(INVITE_PERMISSION)


@hooks.register("register_admin_urls")
def register_invite_urls():
    return [
        path(
            "invite-learners/",
            ([path("", InviteView.as_view(), name="index")], "invite_learners", "invite_learners"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_invite_menu_item():
    return InviteMenuItem(
        _("Invite learners"), reverse("invite_learners:index"), icon_name="mail", order=305
    )


@hooks.register("register_admin_viewset")
def register_invitation_viewset():
    return InvitationViewSet("invitations")


# --- On the learner page: the invitation that brought this learner ------------------------------


@hooks.register(LEARNER_PANELS_HOOK)
def learner_invitation_panel(*, enrollment, request):
    invitations = list(
        Invitation.objects.filter(course_id=enrollment.course_id)
        .filter(Q(accepted_by_id=enrollment.user_id) | Q(email__iexact=enrollment.user.email))
        .select_related("invited_by")
    )
    if not invitations:
        return None
    return {
        "title": _("Invitation"),
        "template": "accounts/admin/learner_invitation_panel.html",
        "context": {
            "invitations": invitations,
            "can_resend": request.user.has_perm(INVITE_PERMISSION),
        },
    }


def resend_invitation_mail(request, pk: int):
    """POST from the learner page: the invitation's mail again (the welcome, once accepted)."""
    if request.method != "POST" or not request.user.has_perm(INVITE_PERMISSION):
        raise PermissionDenied
    invitation = get_object_or_404(Invitation, pk=pk)
    services.invitation_mail_resend(invitation=invitation)
    messages.success(request, _("The mail is on its way again."))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("invitations:index")
    return redirect(next_url)


@hooks.register("register_admin_urls")
def register_resend_invitation_url():
    return [
        path(
            "invitations/<int:pk>/resend/",
            resend_invitation_mail,
            name="invitation_resend_mail",
        )
    ]
