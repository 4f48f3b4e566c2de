from django import template

from waitlist.forms import SignupForm

register = template.Library()


@register.simple_tag
def waitlist_signup_form(course):
    """An empty signup form for `course` (the landing page renders it without a CSRF token)."""
    return SignupForm(course=course)
