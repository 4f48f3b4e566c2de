"""Page weight: every public page type ships at most BUDGET bytes of CSS and JavaScript,
compressed as whitenoise serves it (gzip), and loads no style sheet, script or font from
another site (each would hold up the first paint, and the Content-Security-Policy forbids
them anyway).

What shipped when the budget was set (the same on every public page): Bootstrap's CSS
30.8 KB and JS bundle 23.8 KB, the site's CSS 2.5 KB and JS 0.6 KB, learners.css 0.6 KB:
about 58 KB. The budget leaves room for a page's own script or two, not for a second
framework.
"""

import gzip
from urllib.parse import urlsplit

from tests.browser.conftest import DESKTOP
from tests.browser.page_types import ANONYMOUS, PAGE_TYPES, build_site

BUDGET = 75 * 1024  # bytes of compressed CSS + JS per page
RENDER_BLOCKING = {"stylesheet", "script", "font"}


def test_public_pages_stay_within_the_css_and_js_budget(live_server, browser, settings):
    settings.ROOT_URLCONF = "tests.browser.error_urls"
    site = build_site()
    own_host = urlsplit(live_server.url).netloc
    weights, third_party = {}, []
    # A page type reached through a button (`then`) has the same layout as the page with the
    # button, which is the one measured here.
    for page_type in [p for p in PAGE_TYPES if p.visitor == ANONYMOUS]:
        context = browser.new_context(viewport=DESKTOP)  # a cold cache for every page
        page = context.new_page()
        requests = []
        page.on("requestfinished", lambda request: requests.append(request))  # noqa: B023
        page.goto(live_server.url + page_type.path(site))
        total = 0
        for request in requests:
            if urlsplit(request.url).netloc != own_host:
                if request.resource_type in RENDER_BLOCKING:
                    third_party.append(f"{page_type.name}: {request.resource_type} {request.url}")
                continue
            if request.resource_type in ("stylesheet", "script"):
                total += len(gzip.compress(request.response().body(), compresslevel=9))
        weights[page_type.name] = total
        context.close()

    assert third_party == []
    assert min(weights.values()) > 20_000  # the measurement saw the style sheets at all
    over = {name: weight for name, weight in weights.items() if weight > BUDGET}
    assert over == {}, f"over the {BUDGET} byte budget: {over}"
