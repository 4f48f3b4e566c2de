"""A real SMTP server for tests: aiosmtpd on 127.0.0.1, on a free port, in a thread.

    with SmtpSink() as sink:            # or the `smtp_server` fixture in tests/conftest.py
        ...send mail to 127.0.0.1:sink.port...
        sink.messages                   # parsed email.message.EmailMessage objects
        sink.wait_for(3)                # block until three messages arrived

`delay` makes the server slow (seconds per message), e.g. to kill a sender mid-way;
`temp_fail` lists recipients refused with a temporary 451.
"""

from __future__ import annotations

import asyncio
import email
import threading
import time
from email.message import EmailMessage
from email.policy import default as default_policy

from aiosmtpd.controller import Controller


class _FreePortController(Controller):
    """aiosmtpd's Controller, but with port 0 resolved to the port the OS picked."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class _Handler:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if address.lower() in self.sink.temp_fail:
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.sink.delay:
            await asyncio.sleep(self.sink.delay)
        if not self.sink.keep:  # benchmarks: count only, so the sink is not the bottleneck
            with self.sink._lock:
                self.sink.count += 1
            return "250 OK"
        message = email.message_from_bytes(envelope.original_content, policy=default_policy)
        with self.sink._lock:
            self.sink.count += 1
            self.sink.messages.append(message)
            self.sink.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


class SmtpSink:
    def __init__(
        self,
        *,
        delay: float = 0.0,
        host: str = "127.0.0.1",
        temp_fail: set[str] = frozenset(),
        keep: bool = True,
    ) -> None:
        self.delay = delay
        self.keep = keep  # False: only count messages (benchmarks)
        self.count = 0
        self.temp_fail = {a.lower() for a in temp_fail}  # answered "451 try again later"
        self.host = host
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self._lock = threading.Lock()
        self._controller = _FreePortController(
            _Handler(self), hostname=host, port=0, data_size_limit=0
        )

    @property
    def port(self) -> int:
        return self._controller.port

    @property
    def url(self) -> str:
        """An EMAIL_URL for django-environ pointing at this server."""
        return f"smtp://{self.host}:{self.port}"

    def start(self) -> SmtpSink:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def __enter__(self) -> SmtpSink:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()
            self.envelopes.clear()

    def to(self, address: str) -> list[EmailMessage]:
        """Messages whose To header contains `address` (case-insensitive)."""
        address = address.lower()
        return [m for m in list(self.messages) if address in str(m.get("To", "")).lower()]

    def wait_for(self, count: int, timeout: float = 10.0) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(self.messages)} of {count} messages within {timeout}s")
            time.sleep(0.02)
        return list(self.messages)


def text_part(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


def html_part(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    return part.get_content() if part is not None else ""
