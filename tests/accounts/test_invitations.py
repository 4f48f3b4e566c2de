"""Instructors enrol and invite learners by hand: one address, a pasted list or a CSV file,
a report per line, a signed link that enrols whoever accepts it, a paid course given as a
complimentary order."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from accounts import services
from accounts.models import Invitation
from enrollments.models import Enrollment
from payments.models import Order
from tests.factories import UserFactory, build_course

pytestmark = pytest.mark.django_db

PASSWORD = "Leer-mee-2026!"


def invite_link(message) -> str:
    return re.search(r"https?://\S+/accounts/invitation/\S+/", message.body).group(0)


def local(url: str) -> str:
    return url.removeprefix("http://testserver")


@pytest.fixture
def instructor_client(committing_client_class, instructor):
    client = committing_client_class()
    client.force_login(instructor)
    return client


@pytest.fixture
def paid_course(home_page):
    return build_course(home_page, modules=1, lessons_per_module=2, price=Decimal("99.00"))


def test_a_pasted_list_gets_a_report_per_line(instructor_client, course, learner):
    services.enrollment_add(user=learner, course=course)
    UserFactory(email="heeft.account@example.nl")
    addresses = "\n".join(
        [
            "Jan de Vries, jan@example.nl",
            "heeft.account@example.nl",
            "leerling@example.com",  # the enrolled learner
            "geen-adres",
            "JAN@example.nl",  # the first line again, other case
        ]
    )
    response = instructor_client.post(
        reverse("invite_learners:index"),
        {"course": course.pk, "addresses": addresses, "language": "nl"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    for outcome in ("invited", "enrolled", "already_enrolled", "invalid", "duplicate"):
        assert f"invite-{outcome}" in html, outcome
    assert Invitation.objects.filter(course=course).count() == 2
    assert Enrollment.objects.filter(
        user__email="heeft.account@example.nl", course=course, source="staff"
    ).exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["heeft.account@example.nl", "jan@example.nl"]
    invitation_mail = next(m for m in mail.outbox if m.to == ["jan@example.nl"])
    assert invitation_mail.body.startswith("Hallo Jan,")
    assert course.title in invitation_mail.subject


def test_a_csv_file_with_a_header_invites_each_row(instructor_client, course):
    csv_file = SimpleUploadedFile(
        "team.csv", b"naam;e-mail\nPiet Jansen;piet@example.nl\nAnna;anna@example.nl\n"
    )
    response = instructor_client.post(
        reverse("invite_learners:index"),
        {"course": course.pk, "addresses": "", "csv_file": csv_file, "language": "en"},
    )
    assert response.status_code == 200
    invitations = Invitation.objects.order_by("email")
    assert [(i.email, i.name, i.language) for i in invitations] == [
        ("anna@example.nl", "Anna", "en"),
        ("piet@example.nl", "Piet Jansen", "en"),
    ]
    assert all(m.subject.startswith("[MCMT Academie] You are invited") for m in mail.outbox)


def test_an_empty_round_is_a_form_error_that_stores_nothing(instructor_client, course):
    response = instructor_client.post(
        reverse("invite_learners:index"), {"course": course.pk, "addresses": " ", "language": "nl"}
    )
    assert response.status_code == 200
    assert "Geef minstens één e-mailadres op" in response.content.decode()
    assert not Invitation.objects.exists()


def test_learners_may_not_invite(client, learner, course):
    client.force_login(learner)
    response = client.post(
        reverse("invite_learners:index"),
        {"course": course.pk, "addresses": "x@example.nl", "language": "nl"},
    )
    assert response.status_code in (302, 403)
    assert not Invitation.objects.exists()


def test_an_invitee_signs_up_from_the_link_without_a_second_mail_and_is_enrolled(
    committing_client_class, instructor, paid_course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_create(
            course=paid_course,
            text="Sara Bakker, sara@example.nl",
            invited_by=instructor,
            language="nl",
        )
    link = local(invite_link(mail.outbox[-1]))
    mail.outbox.clear()
    visitor = committing_client_class()
    page = visitor.get(link)
    assert page.status_code == 200
    signup_url = re.search(r'href="(/accounts/signup/\?email=[^"]+)"', page.content.decode()).group(
        1
    )
    signup_url = signup_url.replace("&amp;", "&")
    assert "email=sara%40example.nl" in signup_url
    form = visitor.get(signup_url).content.decode()  # the invited name is filled in
    assert re.search(r'name="first_name"[^>]*value="Sara"', form)
    assert re.search(r'name="last_name"[^>]*value="Bakker"', form)
    response = visitor.post(
        signup_url,
        {
            "first_name": "Noor",
            "last_name": "de Vries",
            "email": "sara@example.nl",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        follow=True,
    )
    assert response.status_code == 200
    enrollment = Enrollment.objects.get(user__email="sara@example.nl", course=paid_course)
    assert enrollment.is_active and enrollment.source == "staff"
    order = Order.objects.get(user=enrollment.user, course=paid_course)
    assert (order.status, order.amount) == (Order.Status.COMPLIMENTARY, Decimal("0.00"))
    assert not any("confirm" in m.subject.lower() for m in mail.outbox)  # the link verified it
    assert Invitation.objects.get().accepted_by == enrollment.user


def test_a_logged_in_learner_accepts_with_a_post(
    client, learner, instructor, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(
            course=course, email="ander@example.nl", invited_by=instructor, language="nl"
        )
    link = local(invite_link(mail.outbox[-1]))
    client.force_login(learner)
    assert "Aannemen en beginnen" in client.get(link).content.decode()
    response = client.post(link)
    assert response.status_code == 302
    assert Enrollment.objects.filter(user=learner, course=course).exists()
    other = UserFactory()
    client.force_login(other)
    client.post(link)
    assert not Enrollment.objects.filter(user=other, course=course).exists()  # used once


def test_a_tampered_or_expired_link_is_refused_clearly(client, instructor, course, settings):
    services.invitation_create(
        course=course, email="x@example.nl", invited_by=instructor, language="nl"
    )
    token = services.invitation_token(Invitation.objects.get())
    response = client.get(reverse("accounts:invitation", args=[token + "x"]))
    assert response.status_code == 404
    assert "niet geldig" in response.content.decode()
    settings.INVITATION_MAX_AGE_DAYS = -1
    response = client.get(reverse("accounts:invitation", args=[token]))
    assert response.status_code == 404
    assert "verlopen" in response.content.decode()


def test_a_refund_of_a_paid_order_keeps_a_given_place(learner, paid_course):
    from payments.services import order_revoke
    from tests.factories import OrderFactory

    services.enrollment_add(user=learner, course=paid_course)
    paid = OrderFactory(course=paid_course, user=learner, status=Order.Status.PAID)
    order_revoke(order=paid, status=Order.Status.REFUNDED)
    assert Enrollment.objects.get(user=learner, course=paid_course).is_active


def test_deleting_the_account_removes_its_invitations(learner, course, instructor):
    services.invitation_create(
        course=course, email=learner.email, invited_by=instructor, language="nl"
    )
    assert Invitation.objects.filter(email=learner.email).exists()
    services.account_delete(user=learner)
    assert not Invitation.objects.exists()


def test_the_invited_name_becomes_the_new_accounts_name_but_never_replaces_one(instructor, course):
    nameless = UserFactory(email="noor@example.nl", first_name="", last_name="")
    named = UserFactory(email="sam@example.nl", first_name="Sam", last_name="Jansen")
    for user, name in ((nameless, "Noor  van den Berg"), (named, "Samuel J.")):
        invitation = Invitation.objects.create(
            course=course, email=user.email, name=name, invited_by=instructor, language="nl"
        )
        services.invitation_accept(invitation=invitation, user=user)
        user.refresh_from_db()
    assert (nameless.first_name, nameless.last_name) == ("Noor", "van den Berg")
    assert named.get_full_name() == "Sam Jansen"


def test_the_learner_page_shows_the_invitation_that_brought_the_learner(client, instructor, course):
    invitee = UserFactory(email="noor@example.nl")
    invitation = Invitation.objects.create(
        course=course, email=invitee.email, invited_by=instructor, language="nl"
    )
    enrollment = services.invitation_accept(invitation=invitation, user=invitee)
    client.force_login(instructor)
    html = client.get(reverse("enrolments:inspect", args=[enrollment.pk])).content.decode()
    panel = html[html.index('data-panel="learner-invitation"') :]
    # escaped: Dutch names such as "van 't Hek" carry an apostrophe
    assert escape(instructor.get_full_name()) in panel[: panel.index("</table>")]


def test_the_welcome_mail_of_an_invited_learner_can_be_sent_again_from_the_learner_page(
    committing_client_class, instructor, course
):
    invitee = UserFactory(email="noor@example.nl")
    invitation = Invitation.objects.create(
        course=course, email=invitee.email, invited_by=instructor, language="nl"
    )
    enrollment = services.invitation_accept(invitation=invitation, user=invitee)
    client = committing_client_class()
    client.force_login(instructor)
    learner_page = reverse("enrolments:inspect", args=[enrollment.pk])
    resend = reverse("invitation_resend_mail", args=[invitation.pk])
    assert resend in client.get(learner_page).content.decode()
    mail.outbox.clear()
    response = client.post(resend, {"next": learner_page})
    assert response.status_code == 302 and response["Location"] == learner_page
    [welcome] = mail.outbox
    assert welcome.to == [invitee.email]
    assert course.title in welcome.subject and "ingeschreven" in welcome.subject
    assert Invitation.objects.get().sent_at is not None
    # Elsewhere than our own site is not a place to go back to.
    assert client.post(resend, {"next": "https://evil.example/"})["Location"] != (
        "https://evil.example/"
    )


def test_a_learner_cannot_have_an_invitation_mail_sent(client, learner, instructor, course):
    invitation = Invitation.objects.create(
        course=course, email="x@example.nl", invited_by=instructor, language="nl"
    )
    client.force_login(learner)
    response = client.post(reverse("invitation_resend_mail", args=[invitation.pk]))
    assert response.status_code in (302, 403)
    assert not mail.outbox
