"""Drip release: a module opens at enrolment, a number of days after it, or at a date."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from courses.models import ModulePage
from courses.outline import course_outline
from enrollments.access import locked_modules
from enrollments.selectors import learner_progress, learner_state
from enrollments.services import step_record_done

pytestmark = pytest.mark.django_db


def release(module: ModulePage, **fields) -> None:
    for name, value in fields.items():
        setattr(module, name, value)
    module.save_revision().publish()


@pytest.fixture
def second_module(course):
    return ModulePage.objects.child_of(course).order_by("path")[1]


def test_a_module_opening_in_three_days_is_locked_today_and_open_after_the_clock_moves(
    course, second_module, learner_client, enrollment
):
    release(second_module, release="days", release_after_days=3)
    lesson = second_module.get_children().live().first()
    response = learner_client.get(lesson.url)
    assert response.status_code == 302  # a clear message, not a 404
    assert response["Location"] == course.url
    page = learner_client.get(course.url)
    assert "This module opens on" in page.content.decode() or "Deze module" in page.content.decode()
    assert f'data-module-locked="{second_module.pk}"' in page.content.decode()

    with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
        assert learner_client.get(lesson.url).status_code == 200
        assert (
            f'data-module-locked="{second_module.pk}"'
            not in learner_client.get(course.url).content.decode()
        )


def test_a_module_opening_at_a_date_is_locked_until_that_date(
    course, second_module, learner_client
):
    opens = timezone.now() + timedelta(days=10)
    release(second_module, release="date", release_at=opens)
    lesson = second_module.get_children().live().first()
    assert learner_client.get(lesson.url).status_code == 302
    with time_machine.travel(opens + timedelta(seconds=1)):
        assert learner_client.get(lesson.url).status_code == 200


def test_staff_and_instructors_open_a_locked_module(
    client, course, second_module, staff, instructor
):
    release(second_module, release="days", release_after_days=30)
    lesson = second_module.get_children().live().first()
    for user in (staff, instructor):
        client.force_login(user)
        assert client.get(lesson.url).status_code == 200


def test_continue_skips_locked_modules_but_completion_still_needs_every_step(
    course, second_module, enrollment
):
    release(second_module, release="days", release_after_days=3)
    outline = course_outline(course)
    first_module = outline.modules[0]
    for item in first_module.items:
        step_record_done(enrollment=enrollment, page=item_page(item))
    locked = locked_modules(outline, enrollment)
    assert set(locked) == {second_module.pk}
    state = learner_state(user=enrollment.user, course=course)
    progress = learner_progress(outline=outline, done_ids=state.done_ids, locked=locked)
    assert progress.next_step is not None
    assert progress.next_step.module_id not in locked  # the third module, not the locked second
    assert progress.next_step.module_id == outline.modules[2].id
    enrollment.refresh_from_db()
    assert enrollment.completed_at is None


def test_marking_a_step_of_a_locked_module_done_is_refused(
    course, second_module, learner_client, enrollment
):
    release(second_module, release="days", release_after_days=3)
    lesson = second_module.get_children().live().first()
    response = learner_client.post(
        f"/learn/steps/{lesson.pk}/done/", HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 403
    assert not enrollment.progress.exists()


def item_page(item):
    from wagtail.models import Page

    return Page.objects.get(pk=item.id).specific
