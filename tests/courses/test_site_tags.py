"""Template helpers for the front end: times with their zone, course text marked with its
language on English pages, and the landing page's intro split around the call to action."""

from datetime import UTC, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from courses.templatetags.site_tags import content_lang, content_span, intro_parts, with_zone

WINTER = datetime(2026, 3, 3, 20, 36, tzinfo=UTC)  # 21:36 in Amsterdam (CET, UTC+1)
SUMMER = datetime(2026, 7, 3, 19, 36, tzinfo=UTC)  # 21:36 in Amsterdam (CEST, UTC+2)


@pytest.mark.parametrize(
    ("language", "moment", "expected"),
    [
        ("nl", WINTER, "3 maart 2026, 21:36 CET"),
        ("en", WINTER, "3 March 2026, 21:36 CET"),
        ("nl", SUMMER, "3 juli 2026, 21:36 CEST"),
        ("en", SUMMER, "3 July 2026, 21:36 CEST"),
    ],
)
def test_a_time_is_shown_in_the_academys_clock_with_its_zone(language, moment, expected):
    with translation.override(language):
        assert with_zone(moment) == expected


def test_a_time_alone_keeps_its_zone_and_nothing_shows_nothing():
    assert with_zone(WINTER, "H:i") == "21:36 CET"
    assert with_zone(None) == ""


def test_course_text_is_marked_dutch_only_under_an_english_interface():
    with translation.override("nl"):
        assert content_lang() == ""
        assert content_span("Mensen & media") == "Mensen &amp; media"
    with translation.override("en"):
        assert content_lang() == 'lang="nl"'
        assert content_span("Mensen & media") == '<span lang="nl">Mensen &amp; media</span>'


def test_content_span_keeps_a_translated_sentence_around_the_title_escaped_once():
    template = Template(
        "{% load i18n site_tags %}{% blocktranslate with title=t|content_span %}"
        "Back to {{ title }}{% endblocktranslate %}"
    )
    with translation.override("en"):
        html = template.render(Context({"t": "<Cursus>"}))
    assert html == 'Back to <span lang="nl">&lt;Cursus&gt;</span>'


def test_intro_is_split_after_its_first_paragraph():
    parts = intro_parts('<p class="x">Kort.</p>\n<p>Meer <b>uitleg</b>.</p><ul><li>a</li></ul>')
    assert parts["lead"] == '<p class="x">Kort.</p>'
    assert parts["rest"] == "<p>Meer <b>uitleg</b>.</p><ul><li>a</li></ul>"


def test_intro_without_paragraphs_is_all_lead():
    assert intro_parts("<ul><li>a</li></ul>") == {"lead": "<ul><li>a</li></ul>", "rest": ""}
    assert intro_parts("") == {"lead": "", "rest": ""}
