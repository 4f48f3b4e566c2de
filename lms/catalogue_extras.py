"""Strings of Django's and allauth's that the site translates itself.

Django's Dutch catalogue speaks formally ("Uw wachtwoord") while the site says "je", and it
lacks the password-length message that Django 5.2.19 reworded, which then showed in English
on the Dutch sign-up page. Listing the msgids here lets `make messages` keep them in
locale/nl, which Django reads before its own catalogue. Nothing imports this module.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

PASSWORD_MESSAGES = [
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "count",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    _("The password is too similar to the %(verbose_name)s."),
    _("Your password can’t be too similar to your other personal information."),  # noqa: RUF001
    _("This password is too common."),
    _("Your password can’t be a commonly used password."),  # noqa: RUF001
    _("This password is entirely numeric."),
    _("Your password can’t be entirely numeric."),  # noqa: RUF001
]

# allauth's Dutch says "Aanmelden" for logging in, which the site uses for nothing: the
# header's "Inloggen" must open a page that says "Inloggen".
ACCOUNT_WORDS = [
    _("Sign In"),
    _("Sign Up"),
    _("Signup"),
    _("Sign Out"),
    _("Are you sure you want to sign out?"),
    _("If you have not created an account yet, then please %(link)ssign up%(end_link)s first."),
    _("Already have an account? Then please %(link)ssign in%(end_link)s."),
]

# allauth's Dutch for its e-mail and password-reset pages says "verificatie e-mail", and on
# the password-reset page tells the learner to follow a verification link. The site says
# "bevestigingsmail" and means what the page does.
ACCOUNT_MAIL_WORDS = [
    _("Re-send Verification"),
    _("Your email address is still pending verification."),
    _("Current email"),
    _("Changing to"),
    _("Change to"),
    _("Change Email"),
    _("Cancel Change"),
    _(
        "We have sent you an email. If you have not received it please check your spam folder. "
        "Otherwise contact us if you do not receive it in a few minutes."
    ),
    _("Bad Token"),
    _("Verify Your Email Address"),
    _(
        "We have sent an email to you for verification. Follow the link provided to finalize "
        "the signup process. If you do not see the verification email in your main inbox, "
        "check your spam folder. Please contact us if you do not receive the verification "
        "email within a few minutes."
    ),
    _(
        'This email confirmation link expired or is invalid. Please <a href="%(email_url)s">'
        "issue a new email confirmation request</a>."
    ),
    _("Unable to confirm %(email)s because it is already confirmed by a different account."),
]
