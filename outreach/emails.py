"""The mails of outreach, built with `core.mail`: an instructor's message and a reminder,
each in the learner's language (the chrome; the instructor's own words go as written), with
a deep link to the learner's next step and the one-click unsubscribe link."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.utils import translation
from django.utils.translation import gettext as _

from core import mail
from courses.outline import OutlineItem, course_outline
from delivery import preferences
from enrollments.access import locked_modules
from enrollments.selectors import learner_progress


def fill_placeholders(text: str, *, name: str, course_title: str, continue_url: str) -> str:
    # Plain replacement, not str.format: an instructor's stray brace must not break a send.
    return (
        text.replace("{name}", name)
        .replace("{continue_url}", continue_url)
        .replace("{course}", course_title)
    )


def next_step(enrollment, done_ids, *, language: str) -> OutlineItem | None:
    """The learner's next released, unfinished step, with its URL in `language`."""
    with translation.override(language):
        outline = course_outline(enrollment.course)
    progress = learner_progress(
        outline=outline,
        done_ids=done_ids,
        completed_at=enrollment.completed_at,
        locked=locked_modules(outline, enrollment),
    )
    return progress.next_step


def continue_url(enrollment, step: OutlineItem | None, *, language: str) -> str:
    if step is not None:
        return mail.absolute_url(step.url)
    with translation.override(language):
        return mail.absolute_url(enrollment.course.get_url() or "/")


def message_mail(
    message, *, to: str, name: str, language: str, link: str, unsubscribe_url: str = ""
) -> EmailMultiAlternatives:
    """An instructor's message to one learner (or, for "send me a test", to its writer)."""
    course = message.course
    values = {"name": name, "course_title": course.title, "continue_url": link}
    return mail.build(
        template="outreach_message",
        to=to,
        subject=fill_placeholders(message.subject, **values),
        language=language,
        name=name,
        context={
            "body": fill_placeholders(message.body, **values),
            "course_title": course.title,
            "continue_url": link,
            "settings_url": preferences.settings_url(language=language),
        },
        unsubscribe_url=unsubscribe_url,
    )


def reminder_mail(
    enrollment, *, step: OutlineItem, language: str, unsubscribe_url: str
) -> EmailMultiAlternatives:
    user, course = enrollment.user, enrollment.course
    with translation.override(language):
        subject = _("Your next step in %(course)s") % {"course": course.title}
    return mail.build(
        template="outreach_reminder",
        to=user.email,
        subject=subject,
        language=language,
        name=mail.greeting_name(user),
        context={
            "course_title": course.title,
            "step_title": step.title,
            "step_minutes": step.minutes,
            "step_url": mail.absolute_url(step.url),
            "settings_url": preferences.settings_url(language=language),
        },
        unsubscribe_url=unsubscribe_url,
    )
