"""Page frames (core.frames): the shared parts of a lesson page rendered once, the personal
parts per request. Nothing one visitor sees may reach another: every page served from a
frame must equal the page rendered without frames for the same visitor. A page that opts in
to frames (a `page_frame` in its context) belongs in the first test."""

import re

import pytest
from django.core.cache import cache
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client, RequestFactory
from django.urls import reverse

from core import frames
from enrollments.models import StepProgress
from enrollments.services import enrollment_create, enrollment_revoke, step_record_done
from plans.selectors import lesson_exercises
from plans.services import exercise_save
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return _TOKEN.sub(r"\1TOKEN\2", response.content.decode())


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def visitors(course, lessons, learner, other, staff, enrollment):
    """Visitors who each see the second lesson differently."""
    step_record_done(enrollment=enrollment, page=lessons[0])
    exercise = lesson_exercises(lessons[1])[0]
    exercise_save(
        user=learner, course=course, page=lessons[1], block_id=exercise.block_id, text="Anna"
    )
    enrollment_create(user=other, course=course)
    revoked = UserFactory(username="revoked")
    enrollment_revoke(enrollment=enrollment_create(user=revoked, course=course), reason="test")
    return {
        "learner": _logged_in(learner),
        "other learner": _logged_in(other),
        "staff": _logged_in(staff),
        "revoked": _logged_in(revoked),
    }


def test_framed_pages_equal_the_unframed_ones_for_every_visitor(
    settings, visitors, lessons, course
):
    lesson, preview = lessons[1].url, lessons[0].url  # lessons[0] is a free preview
    dashboard = reverse("enrollments:dashboard")
    visitors["anonymous"] = Client()
    pages = [
        *(
            (who, url)
            for who in ("learner", "other learner", "staff")
            for url in (lesson, "/en" + lesson, dashboard, "/en" + dashboard)
        ),
        *((who, preview) for who in ("learner", "revoked", "anonymous", "staff")),
        ("revoked", dashboard),
    ]
    framed = {(who, url): _page(visitors[who], url) for who, url in pages}
    # One frame per page and language, whoever reads it.
    assert len(frames.frames) == 5

    settings.PAGE_FRAMES = False
    cache.clear()  # nor from the anonymous page cache
    for (who, url), html in framed.items():
        assert html == _page(visitors[who], url), f"{who} on {url}"
    # The visitors did see different things: the comparison is not between equals.
    assert "Anna" in framed[("learner", lesson)]
    assert "Anna" not in framed[("other learner", lesson)]
    assert len({framed[(who, lesson)] for who in ("learner", "other learner", "staff")}) == 3
    assert len({framed[(who, preview)] for who in ("learner", "revoked", "anonymous")}) == 3
    assert len({framed[(who, dashboard)] for who in ("learner", "other learner", "revoked")}) == 3


def test_the_token_in_a_framed_page_is_the_visitors_own(learner, enrollment, lessons):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    client.get(lessons[0].url)  # records the frame
    html = client.get(lessons[0].url).content.decode()  # served from it
    token = _TOKEN.search(html).group(0).split('value="')[1].rstrip('"')
    assert frames.CSRF_MARKER not in html
    response = client.post(
        reverse("enrollments:step_done", args=[lessons[0].pk]), {"csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert StepProgress.objects.filter(enrollment=enrollment, page_id=lessons[0].pk).exists()


def test_a_publish_is_seen_at_once(learner_client, lessons):
    lesson = lessons[1]
    assert "Nieuwe titel" not in learner_client.get(lesson.url).content.decode()
    lesson.title = "Nieuwe titel"
    lesson.save_revision().publish()
    assert "Nieuwe titel" in learner_client.get(lesson.url).content.decode()


def test_marking_a_step_done_shows_in_the_next_framed_page(learner_client, lessons):
    lesson = lessons[1]
    before = learner_client.get(lesson.url).content.decode()
    learner_client.post(reverse("enrollments:step_done", args=[lesson.pk]))
    after = learner_client.get(lesson.url).content.decode()
    assert "Undo: not done yet" not in before and "Mark as done" not in after
    assert before != after


def _render(source: str, **values) -> str:
    request = RequestFactory().get("/les/")
    template = Template("{% load frame_tags %}{% frame key %}" + source + "{% endframe %}")
    return template.render(Context({"request": request, "key": "k", **values}))


def test_a_personal_block_in_a_loop_is_refused():
    with pytest.raises(TemplateSyntaxError, match="loop"):
        _render(
            "{% for i in items %}{% personal %}{{ i }}{% endpersonal %}{% endfor %}", items=[1, 2]
        )


def test_a_personal_block_inside_a_varying_one_is_refused():
    source = "{% personal vary a %}{% personal %}x{% endpersonal %}{% endpersonal %}"
    with pytest.raises(TemplateSyntaxError, match="inside"):
        _render(source, a=1)


def test_varying_blocks_are_kept_per_value_and_plain_ones_rendered_each_time():
    source = (
        "[{{ n }}]{% personal vary a %}a={{ a }} n={{ n }}{% endpersonal %}"
        "{% personal %}n={{ n }}{% endpersonal %}"
    )
    assert _render(source, a=1, n=1) == "[1]a=1 n=1n=1"
    # The shared part and the block varying by `a` come from the first rendering.
    assert _render(source, a=1, n=2) == "[1]a=1 n=1n=2"
    assert _render(source, a=2, n=3) == "[1]a=2 n=3n=3"


def test_without_a_key_nothing_is_kept():
    source = "[{{ n }}]{% personal %}{{ n }}{% endpersonal %}"
    assert _render(source, key="", n=1) == "[1]1"
    assert _render(source, key="", n=2) == "[2]2"
    assert len(frames.frames) == 0
