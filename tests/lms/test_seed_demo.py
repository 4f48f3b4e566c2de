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
    call_command("seed_demo", "--demo-accounts", verbosity=0)
    course = CoursePage.objects.get()
    assert course.title == "Sociale media succesvol zakelijk inzetten"
    assert course.live
    assert (
        Site.objects.get(is_default_site=True)
        .root_page.specific.get_children()
        .filter(pk=course.pk)
    )
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    # An opening module on the model as a whole, one per pillar, and a closing module.
    assert [m.pillar for m in modules] == ["", *[p.value for p in Pillar], ""]
    assert course.instructor_name == "Femke Janssen"
    for module in modules:
        lessons = LessonPage.objects.child_of(module)
        assert lessons.count() >= (3 if module.pillar else 1)
        for lesson in lessons:
            text = " ".join(strip_tags(str(block.render())) for block in lesson.body)
            assert len(re.findall(r"\w+", text)) >= 250, lesson.title
    user_model = get_user_model()
    instructor = user_model.objects.get(email="instructeur@mcmt.example")
    assert instructor.get_full_name() == course.instructor_name  # one person, one name
    assert instructor.groups.filter(name="Instructors").exists()
    assert not instructor.is_superuser
    assert user_model.objects.filter(email="leerling@mcmt.example").exists()


def test_seeding_twice_changes_nothing():
    call_command("seed_demo", "--demo-accounts", verbosity=0)
    before = _counts()
    call_command("seed_demo", "--demo-accounts", verbosity=0)
    assert _counts() == before


def test_seeded_pages_render_for_the_enrolled_demo_learner(client):
    call_command("seed_demo", "--demo-accounts", verbosity=0)
    learner = get_user_model().objects.get(email="leerling@mcmt.example")
    enrollment_create(user=learner, course=CoursePage.objects.get())
    client.force_login(learner)
    for page in Page.objects.live().filter(depth__gte=2).specific():
        assert client.get(page.url).status_code == 200, page.url


# --- Demo accounts never reach production ------------------------------------------------------


def test_without_debug_the_demo_loads_the_course_and_no_account_with_a_known_password(settings):
    from io import StringIO

    settings.DEBUG = False
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert CoursePage.objects.filter(live=True).exists()
    assert not get_user_model().objects.filter(email__endswith="@mcmt.example").exists()
    assert "createsuperuser" in out.getvalue()


def test_demo_accounts_with_debug_off_need_the_flag_and_come_with_a_warning(settings):
    from io import StringIO

    settings.DEBUG = False
    err = StringIO()
    call_command("seed_demo", "--demo-accounts", stderr=err, verbosity=0)
    admin = get_user_model().objects.get(email="admin@mcmt.example")
    assert admin.is_superuser
    assert "WARNING" in err.getvalue()


def test_with_debug_on_the_demo_accounts_are_made(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    assert get_user_model().objects.filter(email="leerling@mcmt.example").exists()


def test_the_demo_admin_password_does_not_open_the_admin_of_a_production_set_up(client, settings):
    settings.DEBUG = False
    call_command("seed_demo", verbosity=0)
    for url in ("/cms/login/", "/accounts/login/"):
        client.post(url, {"login": "admin@mcmt.example", "password": "mcmt-beheerder"})
        assert "_auth_user_id" not in client.session


def test_the_demo_instructor_is_the_course_pages_instructor():
    call_command("seed_demo", "--demo-accounts", verbosity=0)
    instructor = get_user_model().objects.get(email="instructeur@mcmt.example")
    assert CoursePage.objects.get().instructor_name == instructor.get_full_name()
