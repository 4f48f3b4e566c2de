"""Every learner-facing page renders for an enrolled learner (English interface)."""

import pytest
from django.urls import reverse

from enrollments import services


@pytest.mark.django_db
def test_lesson_module_course_and_dashboard_render_for_an_enrolled_learner(
    client, learner, enrollment, course, lessons
):
    lesson_url, module_url, course_url = lessons[1].url, lessons[1].get_parent().url, course.url
    services.step_record_done(enrollment=enrollment, page=lessons[0])
    client.force_login(learner)
    lesson = client.get("/en" + lesson_url)
    assert lesson.status_code == 200
    html = lesson.content.decode()
    assert "Mark as done" in html and 'action="/en/learn/steps/' in html
    assert '<progress class="learn-progress" max="100" value="8"' in html  # 1 of 12
    assert "js/progress.js" in html
    module = client.get("/en" + module_url).content.decode()
    assert 'value="33"' in module  # 1 of 3 in the module
    landing = client.get("/en" + course_url).content.decode()
    assert "Continue:" in landing and lesson_url in landing
    # On a phone the intro fills screens: a returning learner's way back in comes first.
    assert landing.index("Continue:") < landing.index('class="lead course-lead"')
    dashboard = client.get(reverse("enrollments:dashboard"))
    assert dashboard.status_code == 200
    assert course.title in dashboard.content.decode()
    client.logout()
    visitor = client.get("/en" + course_url).content.decode()
    assert visitor.index('class="lead course-lead"') < visitor.index('class="course-cta"')
