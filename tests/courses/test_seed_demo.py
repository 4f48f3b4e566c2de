import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils.html import strip_tags
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from courses.models import CoursePage, LessonPage, ModulePage, Pillar
from enrollments.services import enrollment_create

pytestmark = pytest.mark.django_db


def _counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "images": get_image_model().objects.count(),
    }


def test_seed_builds_the_mcmt_course_with_four_pillars_and_real_lessons():
    call_command("seed_demo", verbosity=0)
    course = CoursePage.objects.get()
    assert course.title == "Sociale media succesvol zakelijk inzetten"
    assert course.live
    assert (
        Site.objects.get(is_default_site=True)
        .root_page.specific.get_children()
        .filter(pk=course.pk)
    )
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    assert [m.pillar for m in modules] == [p.value for p in Pillar]
    for module in modules:
        lessons = LessonPage.objects.child_of(module)
        assert lessons.count() >= 3
        for lesson in lessons:
            text = " ".join(strip_tags(str(block.render())) for block in lesson.body)
            assert len(re.findall(r"\w+", text)) >= 250, lesson.title
    user_model = get_user_model()
    instructor = user_model.objects.get(email="instructeur@mcmt.example")
    assert instructor.groups.filter(name="Instructors").exists()
    assert not instructor.is_superuser
    assert user_model.objects.filter(email="leerling@mcmt.example").exists()


def test_seeding_twice_changes_nothing():
    call_command("seed_demo", verbosity=0)
    before = _counts()
    call_command("seed_demo", verbosity=0)
    assert _counts() == before


def test_seeded_pages_render_for_the_enrolled_demo_learner(client):
    call_command("seed_demo", verbosity=0)
    learner = get_user_model().objects.get(email="leerling@mcmt.example")
    enrollment_create(user=learner, course=CoursePage.objects.get())
    client.force_login(learner)
    for page in Page.objects.live().filter(depth__gte=2).specific():
        assert client.get(page.url).status_code == 200, page.url
