"""Two web nodes behind the balancer (scripts/prodlike: two gunicorn masters behind HAProxy,
round-robin, sharing PostgreSQL and Redis). The balancer names the node that answered in
`X-Node`, so these tests can show that one visitor's requests really alternate between the
nodes, and that nothing a learner or an instructor does depends on which node answers.

A write is made through whichever node the balancer picks; it is then read back through the
other node, asked for again (a GET is safe to repeat) until the balancer hands the request
to that node.
"""

from __future__ import annotations

import http.client
import json
import re
import uuid
from dataclasses import dataclass
from html import unescape
from urllib.parse import urlencode, urlsplit

from tests.e2e.conftest import first_link, wait_for_mail

COURSE = "/en/sociale-media-zakelijk/"
PASSWORD = "Twee-nodes-2026!"
INSTRUCTOR = ("instructeur@mcmt.example", "mcmt-instructeur")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str
    node: str

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    def token(self) -> str:
        found = TOKEN.search(self.text)
        assert found, f"no CSRF token in the page (status {self.status})"
        return found.group(1)


class Visitor:
    """One browser: a cookie jar, and requests through the balancer on new connections."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.cookies: dict[str, str] = {}
        self.nodes: list[str] = []  # the node behind every answer, in order

    def request(self, method: str, path: str, form: dict | None = None, **headers) -> Answer:
        body = urlencode(form).encode() if form is not None else None
        headers = {"Host": f"{self.host}:{self.port}", **headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://{self.host}:{self.port}"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            cookie_value = rest.split(";")[0]
            if "max-age=0" in value.lower() or "expires=thu, 01 jan 1970" in value.lower():
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = cookie_value
        node = response.headers.get("X-Node", "")
        assert node, "no X-Node header: E2E_BASE_URL is not the two-node balancer"
        self.nodes.append(node)
        return Answer(response.status, response.headers, text, node)

    def get(self, path: str, **headers) -> Answer:
        return self.request("GET", path, **headers)

    def post(self, path: str, form: dict, **headers) -> Answer:
        return self.request("POST", path, form, **headers)

    def get_elsewhere(self, path: str, node: str) -> Answer:
        """GET `path` from a node other than `node`."""
        for _ in range(6):
            answer = self.get(path)
            if answer.node != node:
                return answer
        raise AssertionError(f"the balancer sent six requests in a row to {node}")


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_a_learners_requests_alternate_between_nodes_and_keep_session_and_progress(base_url):
    visitor = Visitor(base_url)
    email = f"two-nodes-{uuid.uuid4().hex[:10]}@example.com"

    # Signing up through one node and confirming through the other: allauth keeps the
    # pending log-in in the session, so the confirmation logs in only if it is shared.
    signup = visitor.get("/en/accounts/signup/")
    answer = visitor.post(
        "/en/accounts/signup/",
        {
            "csrfmiddlewaretoken": signup.token(),
            "first_name": "Noor",
            "last_name": "de Vries",
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert answer.status == 302 and "/confirm-email/" in answer.location, answer.text[:500]
    confirm_path = path_of(first_link(wait_for_mail(email), "/accounts/confirm-email/"))
    form = visitor.get(confirm_path)
    answer = visitor.post(confirm_path, {"csrfmiddlewaretoken": form.token()})
    assert answer.status == 302, answer.text[:500]

    # Logged in, whichever node answers: the session lives in the database behind Redis.
    dashboard = visitor.get_elsewhere("/en/learn/", answer.node)
    assert dashboard.status == 200, dashboard.location
    dashboard = visitor.get_elsewhere("/en/learn/", dashboard.node)
    assert dashboard.status == 200, dashboard.location

    # Enrolling through one node; the flash message (a signed cookie: both nodes share the
    # secret key) and the enrolment show on the other.
    course = visitor.get(COURSE)
    enrol_path = re.search(r'action="([^"]*/enrol/)"', course.text).group(1)
    enrolled = visitor.post(enrol_path, {"csrfmiddlewaretoken": course.token()})
    assert enrolled.status == 302, enrolled.text[:500]
    lesson_path = path_of(enrolled.location)
    lesson = visitor.get_elsewhere(lesson_path, enrolled.node)
    assert lesson.status == 200
    assert "alert-success" in lesson.text, "the enrolment's flash message was lost"
    # Both nodes render the lesson (and may cache what they need for it) before the write.
    lesson = visitor.get_elsewhere(lesson_path, lesson.node)
    assert lesson.status == 200
    done_path = re.search(r'action="([^"]*/done/)"', lesson.text).group(1)

    # Marking the lesson done through one node: the other node shows it done at once (the
    # learner's state is cached in Redis, never in a node's memory), and so does the dashboard.
    marked = visitor.post(
        done_path, {"csrfmiddlewaretoken": lesson.token()}, Accept="application/json"
    )
    assert marked.status == 200, marked.text[:500]
    progress = json.loads(marked.text)
    assert progress["done"] is True and progress["course"]["done"] == 1
    lesson = visitor.get_elsewhere(lesson_path, marked.node)
    assert re.search(r'action="[^"]*/undo/"', lesson.text), "the other node missed the mark"
    dashboard = visitor.get_elsewhere("/en/learn/", marked.node)
    value = re.search(r'<progress[^>]*value="(\d+)"', dashboard.text)
    assert value and int(value.group(1)) == progress["course"]["percent"] > 0

    # Taking it back through one node, then the other node shows the lesson to do again.
    undo_path = re.search(r'action="([^"]*/undo/)"', lesson.text).group(1)
    undone = visitor.post(
        undo_path, {"csrfmiddlewaretoken": lesson.token()}, Accept="application/json"
    )
    assert undone.status == 200 and json.loads(undone.text)["done"] is False
    lesson = visitor.get_elsewhere(lesson_path, undone.node)
    assert re.search(r'action="[^"]*/done/"', lesson.text), "the other node missed the undo"

    # The balancer really alternated: both nodes served this learner, many times each.
    assert set(visitor.nodes) == {"node1", "node2"}, visitor.nodes
    assert min(visitor.nodes.count("node1"), visitor.nodes.count("node2")) >= 4, visitor.nodes


def test_failed_log_ins_are_counted_across_both_nodes(base_url):
    visitor = Visitor(base_url)
    login = visitor.get("/en/accounts/login/")
    token = login.token()
    address = f"nobody-{uuid.uuid4().hex[:10]}@example.com"
    answers = [
        visitor.post(
            "/en/accounts/login/",
            {"csrfmiddlewaretoken": token, "login": address, "password": "wrong-password"},
        )
        for _ in range(6)
    ]
    # allauth allows five failed log-ins per address in five minutes (settings), counted in
    # Redis: the sixth is refused even though the attempts were spread over the two nodes.
    assert {a.node for a in answers[:5]} == {"node1", "node2"}, [a.node for a in answers]
    for answer in answers[:5]:
        assert "Too many failed login attempts" not in unescape(answer.text)
    assert "Too many failed login attempts" in unescape(answers[5].text)


def test_a_page_published_through_one_node_is_fresh_on_the_other_at_once(base_url, e2e_page):
    visitor = Visitor(base_url)
    # Both nodes have served the landing page, so a node that kept its own copy (or its own
    # idea of the cache generation) would serve the old outline below.
    for _ in range(4):
        assert visitor.get(COURSE).status == 200
    assert set(visitor.nodes) == {"node1", "node2"}, visitor.nodes

    page = e2e_page
    page.goto(f"{base_url}/cms/login/")
    page.fill("input[name=login]", INSTRUCTOR[0])
    page.fill("input[name=password]", INSTRUCTOR[1])
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/cms/")
    page.goto(f"{base_url}/cms/pages/search/?q=Draagvlak")
    page.get_by_role("link", name=re.compile("Draagvlak bouwen")).first.click()
    page.wait_for_url("**/edit/")
    marker = f"Draagvlak bouwen ({uuid.uuid4().hex[:6]})"
    page.fill("#id_title", marker)
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    with page.expect_response(
        lambda r: r.request.method == "POST" and "/edit/" in r.url
    ) as publish:
        page.get_by_role("button", name="Publiceren").or_(
            page.get_by_role("button", name="Publish")
        ).first.click()
    published_on = publish.value.headers.get("x-node")
    assert published_on in ("node1", "node2"), publish.value.headers
    page.wait_for_url("**/cms/pages/**")

    # At once, no waiting: the other node's landing page lists the new title.
    landing = visitor.get_elsewhere(COURSE, published_on)
    assert marker in unescape(landing.text), f"stale landing page on {landing.node}"
    landing = visitor.get_elsewhere(COURSE, landing.node)
    assert marker in unescape(landing.text), f"stale landing page on {landing.node}"
