"""Every mail template of the project, allauth's included: a plain and an HTML part, and a
greeting by name, or a neutral one, never by e-mail address."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string
from django.utils import translation

from accounts.adapter import AccountAdapter
from tests.factories import UserFactory

TEMPLATES = Path(settings.BASE_DIR) / "templates"
ADDRESS = "jan.adres@example.com"
#: Mails whose text, greeting included, is the instructor's own ("Hallo {name}," filled in
#: by outreach.emails / waitlist.emails.fill_placeholders with greeting_name).
BODY_GREETS = {"emails/outreach_message", "emails/waitlist_announcement"}


def mail_templates() -> list[str]:
    """Each mail's name without extension: emails/<name> and account/email/<name>_message."""
    names = {
        f"emails/{path.stem}"
        for path in (TEMPLATES / "emails").glob("*.txt")
        if path.stem != "base"
    }
    names |= {
        f"account/email/{path.stem}"
        for path in (TEMPLATES / "account" / "email").glob("*_message.txt")
        if path.stem != "base_message"
    }
    return sorted(names)


def test_every_mail_has_a_plain_and_an_html_part():
    assert len(mail_templates()) >= 20  # the walker finds them (not an empty loop)
    for name in mail_templates():
        assert (TEMPLATES / f"{name}.html").exists(), name


def greeting(text: str) -> str:
    return next(line.strip() for line in text.splitlines() if "Hallo" in line or "Hello" in line)


@pytest.mark.django_db
@pytest.mark.parametrize("name", mail_templates())
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_mail_greets_by_name_or_neutrally_never_by_address(name, language, home_page):
    user = UserFactory(first_name="Jan", last_name="de Vries", email=ADDRESS)
    context = {"email": ADDRESS, "user": user, "site_url": settings.SITE_URL, "valid_days": 7}
    body_greets = name in BODY_GREETS
    with translation.override(language):
        for ext in ("txt", "html"):
            body = {"body": "Hallo Jan,\n\nTekst."} if body_greets else {}
            named = render_to_string(f"{name}.{ext}", {**context, **body, "name": "Jan"})
            assert greeting(named) in (
                "Hallo Jan,",
                "Hello Jan,",
                "<p>Hallo Jan,</p>",
                "<p>Hello Jan,</p>",
            ), (name, ext)
            body = {"body": "Hallo,\n\nTekst."} if body_greets else {}
            neutral = render_to_string(f"{name}.{ext}", {**context, **body, "name": ""})
            assert ADDRESS not in greeting(neutral), (name, ext)
            assert greeting(neutral) in ("Hallo,", "Hello,", "<p>Hallo,</p>", "<p>Hello,</p>")


@pytest.mark.django_db
def test_allauth_mails_go_out_in_the_layout_with_the_learners_name(client, home_page):
    user = UserFactory(first_name="Noor", last_name="de Vries", email="noor@example.com")
    client.post("/accounts/password/reset/", {"email": user.email})
    (reset,) = mail.outbox
    html = reset.alternatives[0][0]
    assert reset.body.startswith("Hallo Noor,")
    assert "<p>Hallo Noor,</p>" in html and "MCMT Academie" in html
    assert "/accounts/password/reset/key/" in html
    assert "noor@example.com" not in greeting(reset.body)


@pytest.mark.django_db
def test_a_mail_to_an_address_without_account_greets_neutrally(rf, home_page):
    from allauth.core import context as allauth_context

    request = rf.get("/")
    with allauth_context.request_context(request):
        AccountAdapter(request).send_mail(
            "account/email/unknown_account", "onbekend@example.com", {"signup_url": "/x/"}
        )
    (message,) = mail.outbox
    assert message.body.startswith("Hallo,") and message.alternatives
