"""WCAG 2.1 A/AA with axe-core on every public and learner page type, in Dutch and English,
on a phone (390 px) and a desktop (1366 px). Zero violations; any new one fails the test.

One site is built per language and two browser contexts (an anonymous visitor and the
enrolled demo learner) visit every page type in turn, so the whole check costs one browser.
Each page type, language and width is a subtest of its own, so a failure names the page
and every failing page is reported; a screenshot of each lands in test-artifacts/screenshots/.
The page types are listed in tests/browser/page_types.py.
"""

import pytest
from django.utils import translation

from tests.browser.axe import axe_violations, describe, install_axe
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.page_types import ANONYMOUS, LEARNER, PAGE_TYPES, build_site, take_quiz

WIDTHS = {"390": PHONE, "1366": DESKTOP}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_page_type_meets_wcag_21_aa_in_both_widths(
    language, browser, live_server, log_in, settings, screenshot, subtests
):
    settings.ROOT_URLCONF = "tests.browser.error_urls"  # adds pages that answer 403 and 500
    site = build_site()
    pages = {}
    for visitor in (ANONYMOUS, LEARNER):
        context = browser.new_context(viewport=DESKTOP, locale=f"{language}-NL")
        install_axe(context)
        pages[visitor] = context.new_page()
        pages[visitor].set_default_timeout(15_000)
    log_in(pages[LEARNER], site.learner)
    take_quiz(pages[LEARNER], live_server.url, site)

    for page_type in PAGE_TYPES:
        with translation.override(language):
            path = page_type.path(site)
        page = pages[page_type.visitor]
        for width, viewport in WIDTHS.items():
            with subtests.test(msg=f"{page_type.name} {language} {width}px", path=path):
                page.set_viewport_size(viewport)
                response = page.goto(live_server.url + path)
                if page_type.then is not None:
                    page_type.then(page)
                else:
                    assert response.status == page_type.status
                screenshot(page, f"a11y-{page_type.name}-{language}-{width}")
                assert page.locator("html").get_attribute("lang") == language
                violations = axe_violations(page)
                assert violations == [], f"{page.url}\n{describe(violations)}"
                if viewport is PHONE:
                    assert page.evaluate(
                        "document.documentElement.scrollWidth <= window.innerWidth + 1"
                    ), f"{page.url} scrolls sideways at {width} px"
