from django import template

from waitlist.forms import SignupForm

register = template.Library()


@register.simple_tag
def waitlist_signup_form(course, placement: str = "") -> SignupForm:
    """An empty signup form for `course` (the landing page renders it without a CSRF token).

    `placement` names a second or later copy of the form on the same page (for example
    "bottom"), so that copy's element ids differ from the first one's.
    """
    return SignupForm(course=course, placement=placement)
