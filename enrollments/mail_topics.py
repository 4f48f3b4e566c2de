"""The learner-side topic of mail that a learner may refuse (delivery.topics): course news,
which the congratulation mail belongs to, as do instructors' messages (outreach)."""

from django.utils.translation import gettext_lazy as _

from delivery.topics import Topic, register

COURSE_NEWS = register(
    Topic(
        key="course_news",
        label=_("Course news"),
        help_text=_("Messages from your instructors, and congratulations when you finish."),
        order=10,
    )
).key
