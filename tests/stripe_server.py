"""A local stand-in for Stripe's API, for tests: no request ever leaves the machine.

The real SDK is pointed at it through settings.STRIPE_API_BASE. It records every request
(method, path, parsed form or query parameters, headers) and answers:

- POST /v1/checkout/sessions  a new open Checkout Session whose `url` is `checkout_url_base` +
                              its id (by default a page this server serves itself)
- GET  /v1/checkout/sessions  a list object with `sessions` (tests put paid sessions there)
- GET  /checkout/<id>         a small HTML page standing in for Stripe's hosted Checkout
"""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Recorded:
    method: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]


@dataclass
class FakeStripe:
    url: str = ""
    checkout_url_base: str = ""
    requests: list[Recorded] = field(default_factory=list)
    sessions: list[dict[str, Any]] = field(default_factory=list)
    fail_next: int = 0  # answer this many API requests with a 500 (the SDK retries those)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def calls(self, method: str, path: str) -> list[Recorded]:
        return [r for r in self.requests if r.method == method and r.path == path]

    def new_session(self, params: dict[str, str]) -> dict[str, Any]:
        session_id = f"cs_test_{next(self._ids):04d}"
        metadata = {
            key[len("metadata[") : -1]: value
            for key, value in params.items()
            if key.startswith("metadata[")
        }
        return {
            "id": session_id,
            "object": "checkout.session",
            "mode": params.get("mode"),
            "status": "open",
            "payment_status": "unpaid",
            "amount_total": int(params.get("line_items[0][price_data][unit_amount]", 0)),
            "currency": params.get("line_items[0][price_data][currency]"),
            "client_reference_id": params.get("client_reference_id"),
            "customer_email": params.get("customer_email"),
            "metadata": metadata,
            "payment_intent": None,
            "created": 0,
            "url": f"{self.checkout_url_base}{session_id}",
        }


def _handler(fake: FakeStripe):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output clean
            pass

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Request-Id", "req_fake")
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, data: dict[str, Any]) -> None:
            self._send(status, json.dumps(data).encode(), "application/json")

        def _record(self, params: dict[str, str]) -> Recorded:
            parts = urlsplit(self.path)
            recorded = Recorded(self.command, parts.path, params, dict(self.headers.items()))
            fake.requests.append(recorded)
            return recorded

        def _maybe_fail(self) -> bool:
            if fake.fail_next > 0:
                fake.fail_next -= 1
                self._json(500, {"error": {"type": "api_error", "message": "fake outage"}})
                return True
            return False

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            params = dict(parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True))
            recorded = self._record(params)
            if self._maybe_fail():
                return
            if recorded.path == "/v1/checkout/sessions":
                self._json(200, fake.new_session(params))
            else:
                self._json(404, {"error": {"type": "invalid_request_error", "message": "no"}})

        def do_GET(self):
            parts = urlsplit(self.path)
            recorded = self._record(dict(parse_qsl(parts.query, keep_blank_values=True)))
            if recorded.path.startswith("/checkout/"):
                body = (
                    "<!DOCTYPE html><html lang='en'><head><title>Fake Stripe Checkout</title>"
                    "</head><body><h1>Fake Stripe Checkout</h1></body></html>"
                )
                self._send(200, body.encode(), "text/html; charset=utf-8")
                return
            if self._maybe_fail():
                return
            if recorded.path == "/v1/checkout/sessions":
                self._json(
                    200,
                    {
                        "object": "list",
                        "url": "/v1/checkout/sessions",
                        "has_more": False,
                        "data": list(fake.sessions),
                    },
                )
            else:
                self._json(404, {"error": {"type": "invalid_request_error", "message": "no"}})

    return Handler


class StripeServer:
    """Context manager: `with StripeServer() as fake: ...` runs the server in a thread."""

    def __init__(self, checkout_url_base: str | None = None):
        self.fake = FakeStripe()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.fake))
        host, port = self._server.server_address[:2]
        self.fake.url = f"http://{host}:{port}"
        self.fake.checkout_url_base = checkout_url_base or f"{self.fake.url}/checkout/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FakeStripe:
        self._thread.start()
        return self.fake

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
