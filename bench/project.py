"""Everything the benches know about the project's apps, in one place.

The benches drive the site over HTTP; only their set-up and their checks run Django code,
as scripts in a fresh process (`Deployment.script`, `manage.py shell -c`). Those scripts are
here, so that when models or services move between apps this is the one file to follow.
Each prints one JSON line last.
"""

from __future__ import annotations

LEARNER = "leerling@mcmt.example"
COURSE_SLUG = "sociale-media-zakelijk"

# The demo learner is enrolled with the first two lessons done (seed_demo); lesson three is
# where "continue" leads. The free-preview lesson is the one anonymous visitors may read.
PAGES = """
import json
from django.urls import reverse
from courses.models import CoursePage, LessonPage
course = CoursePage.objects.live().get(slug={course!r})
lessons = list(LessonPage.objects.in_course(course))
preview = next(lesson for lesson in lessons if lesson.free_preview)
print(json.dumps({{
    "landing": course.url,
    "lesson": lessons[2].url,
    "preview": preview.url,
    "dashboard": reverse("enrollments:dashboard"),
    "lessons": len(lessons),
}}))
"""


def pages_script(course: str = COURSE_SLUG) -> str:
    return PAGES.format(course=course)


# A course `scale` times larger: every module gets (scale - 1) copies of each of its lessons
# and quizzes, published, so the outline, the sidebar and the learner's state grow by as
# much. Copies go after the originals, so the demo learner's lesson three stays lesson three.
ENLARGE = """
import json
from wagtail.models import Page
from courses.models import CoursePage, ModulePage
course = CoursePage.objects.live().get(slug={course!r})
created = 0
for module in ModulePage.objects.child_of(course).live():
    steps = [page.specific for page in Page.objects.child_of(module).live().order_by("path")]
    for copy in range(2, {scale} + 1):
        for step in steps:
            attrs = {{"slug": f"{{step.slug}}-{{copy}}", "title": f"{{step.title}} ({{copy}})"}}
            step.copy(
                to=module,
                update_attrs=attrs,
                keep_live=True,
                copy_revisions=False,
                log_action=None,
            )
            created += 1
steps = Page.objects.descendant_of(course).live().filter(depth=course.depth + 2).count()
print(json.dumps({{"created": created, "steps": steps}}))
"""


def enlarge_script(scale: int, course: str = COURSE_SLUG) -> str:
    return ENLARGE.format(scale=scale, course=course)


# Learners for the capacity and launch-day benches: `count` users named <prefix><n>, each
# enrolled in the demo course and logged in through a session made in the session store
# (no log-in form: no password hashing, no rate limit). Idempotent.
LEARNERS = """
import json
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.cached_db import SessionStore
from django.urls import reverse
from courses.models import CoursePage, LessonPage
from enrollments.services import enrollment_create
course = CoursePage.objects.get(slug={course!r})
from plans.selectors import lesson_exercises
# Lessons whose "done" needs no answer first (a required exercise would refuse it with 400).
lessons = [
    [page.pk, page.url, reverse("enrollments:step_done", args=[page.pk])]
    for page in LessonPage.objects.in_course(course)
    if not any(exercise.required for exercise in lesson_exercises(page))
]
User = get_user_model()
existing = {{u.username: u for u in User.objects.filter(username__startswith={prefix!r})}}
new = [
    User(username=f"{prefix}{{n}}", email=f"{prefix}{{n}}@example.com")
    for n in range({count})
    if f"{prefix}{{n}}" not in existing
]
for user in new:
    user.set_unusable_password()
User.objects.bulk_create(new, batch_size=500)
users = {{u.username: u for u in User.objects.filter(username__startswith={prefix!r})}}
sessions = []
for n in range({count}):
    user = users[f"{prefix}{{n}}"]
    enrollment_create(user=user, course=course)
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    sessions.append([user.pk, store.session_key])
print(json.dumps({{
    "lessons": lessons,
    "sessions": sessions,
    "dashboard": reverse("enrollments:dashboard"),
}}))
"""


def learners_script(count: int, prefix: str = "bench", course: str = COURSE_SLUG) -> str:
    return LEARNERS.format(count=count, prefix=prefix, course=course)


# The progress marks of those learners, as [user id, page id] pairs.
MARKS = """
import json
from enrollments.models import StepProgress
marks = list(
    StepProgress.objects.filter(enrollment__user__username__startswith={prefix!r})
    .values_list("enrollment__user_id", "page_id")
)
print(json.dumps({{"marks": marks}}))
"""


def marks_script(prefix: str = "bench") -> str:
    return MARKS.format(prefix=prefix)


# Back to no progress (and not completed), so that a run's marks are its own.
RESET = """
import json
from enrollments.models import Enrollment, StepProgress
deleted, _ = StepProgress.objects.filter(
    enrollment__user__username__startswith={prefix!r}
).delete()
Enrollment.objects.filter(user__username__startswith={prefix!r}).update(
    completed_at=None, completion_email_sent_at=None, last_step=None
)
print(json.dumps({{"deleted": deleted}}))
"""


def reset_script(prefix: str = "bench") -> str:
    return RESET.format(prefix=prefix)
