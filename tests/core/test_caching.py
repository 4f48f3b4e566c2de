"""The cache's one owner (core/caching.py): generations, releases, unreadable entries, and
which changes make what stale."""

import json
import sys

import pytest
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.module_loading import import_string
from wagtail.images.tests.utils import get_test_image_file

from core import caching
from core.release import code_fingerprint
from courses.models import LessonPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class Vanishing:
    """Stands for a class that a deploy renamed or moved: pickled now, gone when read."""


def preview_lesson(course) -> LessonPage:
    return LessonPage.objects.in_course(course).filter(free_preview=True).first()


# --- Releases and unreadable entries ------------------------------------------------------------


def test_the_release_is_part_of_every_cache_key():
    assert settings.RELEASE
    assert cache.make_key("anything").startswith(f"lms:{settings.RELEASE}:")


def test_an_entry_written_by_another_release_is_never_read():
    backend = settings.CACHES["default"]
    older = import_string(backend["BACKEND"])(
        backend.get("LOCATION", ""), {**backend, "KEY_PREFIX": "lms:an-older-release"}
    )
    older.set("route:1:testserver:cursus/", Vanishing(), 60)
    assert cache.get("route:1:testserver:cursus/") is None
    older.delete("route:1:testserver:cursus/")


def test_a_cached_route_that_cannot_be_unpickled_is_a_miss_not_a_500(client, course, monkeypatch):
    lesson = preview_lesson(course)
    assert client.get(lesson.url).status_code == 200  # the route is cached now
    key = caching.content_key("route", "testserver", lesson.url.lstrip("/"))
    assert caching.get(key) is not None
    caching.store(key, Vanishing(), 60)  # what an older release left under this key
    monkeypatch.delattr(sys.modules[__name__], "Vanishing")
    with pytest.raises(AttributeError):
        cache.get(key)  # Django's own get fails on it ...
    caching.forget_process_copies()  # as a process that has not read the route yet
    response = client.get(lesson.url)  # ... the platform's does not
    assert response.status_code == 200
    assert lesson.title in response.content.decode()


def test_a_process_reads_a_content_entry_once_until_the_next_generation(monkeypatch):
    built = []

    def build():
        built.append(1)
        return "outline"

    assert caching.cached_content("outline", 1, build=build) == "outline"
    reads = []
    real_get = cache.get
    monkeypatch.setattr(cache, "get", lambda *a, **k: reads.append(a) or real_get(*a, **k))
    assert caching.cached_content("outline", 1, build=build) == "outline"
    # From this process's copy: only the generation is read (once per request in a request).
    assert built == [1] and [key for key, *_ in reads] == ["generation:content"]
    caching.invalidate_content()  # a publish, here or on another node
    caching.cached_content("outline", 1, build=build)
    assert built == [1, 1]


def test_each_request_gets_its_own_copy_of_a_cached_page(learner_client, lessons):
    first = learner_client.get(lessons[1].url).context["page"]
    second = learner_client.get(lessons[1].url).context["page"]
    assert first is not second and first.pk == second.pk


def test_the_code_fingerprint_changes_with_a_template_and_not_with_a_test(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "tests").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>one</p>")
    first = code_fingerprint(tmp_path)
    (tmp_path / "tests" / "test_x.py").write_text("assert True")
    assert code_fingerprint(tmp_path) == first
    page.write_text("<p>two</p>")
    assert code_fingerprint(tmp_path) != first


# --- Generations ------------------------------------------------------------------------------


def test_a_lost_generation_counter_brings_no_stale_route_back(client, course):
    lesson = preview_lesson(course)
    module = lesson.get_parent()
    assert client.get(module.url).status_code == 200  # route cached
    module.unpublish()
    assert client.get(module.url).status_code == 404
    cache.delete("generation:content")  # evicted, or Redis restarted without its data
    assert client.get(module.url).status_code == 404


def test_caches_filled_between_a_delete_and_its_commit_are_retired_by_the_commit(
    course, django_capture_on_commit_callbacks
):
    """Another request can read the old rows after the delete's signal bumped the generation
    but before the delete commits; what it caches then must not outlive the commit."""
    lesson = LessonPage.objects.in_course(course).first()
    with django_capture_on_commit_callbacks(execute=True):
        lesson.delete()
        during = caching.content_generation()  # what that other request would cache under
    assert caching.content_generation() != during


def test_one_request_reads_the_generation_once_and_forgets_it_when_it_publishes(rf):
    seen = []

    def view(request):
        seen.append(caching.content_generation())
        cache.set("generation:content", 99, None)  # another process publishes meanwhile
        seen.append(caching.content_generation())  # this request keeps what it began with
        caching.invalidate_content()  # this request publishes
        seen.append(caching.content_generation())
        return HttpResponse()

    caching.GenerationPerRequestMiddleware(view)(rf.get("/"))
    first = seen[0]
    assert seen == [first, first, 100]
    cache.set("generation:content", 7, None)
    assert caching.content_generation() == 7  # outside a request: read every time


# --- What makes what stale ----------------------------------------------------------------------


def test_a_draft_save_leaves_cached_pages_alone_and_a_publish_does_not(course):
    lesson = preview_lesson(course)
    before = caching.content_generation()
    lesson.title = "Nog niet gepubliceerd"
    revision = lesson.save_revision()
    assert caching.content_generation() == before
    revision.publish()
    assert caching.content_generation() != before


def test_an_image_replaced_in_the_library_shows_in_cached_lesson_bodies(client, course):
    from wagtail.images.models import Image

    image = Image.objects.create(title="Model", file=get_test_image_file(filename="model.png"))
    lesson = preview_lesson(course)
    body = [{"type": "image", "value": {"image": image.pk, "alt_text": "Het model"}}]
    lesson.body = json.dumps(body)
    lesson.save_revision().publish()
    first = client.get(lesson.url).content.decode()
    assert "model" in first
    # What the admin's image form does with a new file: save, then drop the old renditions.
    image.file = get_test_image_file(filename="vernieuwd.png")
    image.save()
    image.renditions.all().delete()
    second = client.get(lesson.url).content.decode()
    assert "vernieuwd" in second


def test_a_login_keeps_the_cached_permissions_and_a_superuser_flag_does_not(client):
    user = UserFactory()
    key = caching.permissions_key(user)
    user.get_all_permissions()  # cached under `key`
    assert caching.get(key) is not None
    client.force_login(user)  # writes last_login
    assert caching.permissions_key(user) == key
    user.is_superuser = True
    user.save()
    assert caching.permissions_key(user) != key


def test_a_group_change_makes_every_cached_permission_set_stale():
    from django.contrib.auth.models import Group

    user = UserFactory()
    key = caching.permissions_key(user)
    Group.objects.create(name="Redactie")
    assert caching.permissions_key(user) != key


def test_rate_limit_counts_hits_within_the_window():
    hits = [caching.hit_rate_limit("t", "1.2.3.4", limit=2, window=60) for _ in range(3)]
    assert hits == [False, False, True]
    assert caching.hit_rate_limit("t", "5.6.7.8", limit=2, window=60) is False


def test_a_slot_is_claimed_once_until_it_expires():
    assert caching.claim_slot("t", "x", seconds=60) is True
    assert caching.claim_slot("t", "x", seconds=60) is False
