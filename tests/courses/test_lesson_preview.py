"""Wagtail's preview of a lesson shows the draft, and never hands the draft to learners."""

import pytest

pytestmark = pytest.mark.django_db


def _draft_with(lesson, text: str):
    draft = lesson.get_latest_revision_as_object()
    draft.body = [("paragraph", f"<p>{text}</p>")]
    draft.save_revision()
    return draft


def test_preview_shows_the_draft_body_after_learners_read_the_live_one(learner_client, lessons):
    lesson = lessons[0]
    live = learner_client.get(lesson.url).content.decode()
    draft = _draft_with(lesson, "Nieuwe alinea in concept")
    assert "Nieuwe alinea in concept" not in live
    preview = draft.make_preview_request()
    assert "Nieuwe alinea in concept" in preview.content.decode()


def test_a_previewed_draft_is_not_served_to_learners(learner_client, lessons):
    lesson = lessons[0]
    draft = _draft_with(lesson, "Nieuwe alinea in concept")
    assert "Nieuwe alinea in concept" in draft.make_preview_request().content.decode()
    assert "Nieuwe alinea in concept" not in learner_client.get(lesson.url).content.decode()
