"""The loopback redirect of a native app's browser sign-in (RFC 8252 §7.3).

A small HTTP listener on 127.0.0.1 at a port the system picks, started before the
browser opens, so the answer can never come to nobody. It takes the one answer that
carries this sign-in's `state` (an answer without it may be a page trying to inject
its own code: refused), for a Host of 127.0.0.1 or localhost only (DNS rebinding), and
waits until the answer, a cancel, or the timeout.
"""

from __future__ import annotations

import contextlib
import html
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

DONE_PAGE = (
    "<!doctype html><meta charset=utf-8><title>mailmover</title>"
    "<p>{text}</p><p>You can close this window and return to mailmover.</p>"
)


class _Server(ThreadingHTTPServer):
    # A thread per connection: browsers open spare connections that send nothing, which
    # would keep a one-at-a-time server from reading the real answer.
    allow_reuse_address = False
    daemon_threads = True

    def __init__(self, address: tuple[str, int], family: int, owner: Loopback) -> None:
        self.address_family = family
        self.owner = owner
        super().__init__(address, _Handler)


class Loopback:
    """`with Loopback() as lb:` send the browser to an URL with `lb.redirect_uri`, then
    `lb.wait(state, timeout)` returns the answer's query parameters."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host  # what the redirect URI says: 127.0.0.1 or localhost
        self._servers: list[_Server] = []
        self._answer: dict[str, str] | None = None
        self._state = ""
        self._got = threading.Event()
        self.port = 0

    def __enter__(self) -> Loopback:
        v4 = _Server(("127.0.0.1", 0), socket.AF_INET, self)
        self._servers.append(v4)
        self.port = int(v4.server_address[1])
        if self.host == "localhost":
            # A browser may try ::1 first for localhost: listen there too, where we can.
            with contextlib.suppress(OSError):
                self._servers.append(_Server(("::1", self.port), socket.AF_INET6, self))
        for server in self._servers:
            threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True,
                             name="mm-oauth-redirect").start()
        return self

    def __exit__(self, *exc: object) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()

    @property
    def redirect_uri(self) -> str:
        return f"http://{self.host}:{self.port}"

    def expect(self, state: str) -> None:
        self._state = state

    def wait(self, timeout: float, cancel: threading.Event | None = None) -> dict[str, str] | None:
        """The answer, or None when `timeout` passed or `cancel` was set."""
        deadline = time.monotonic() + timeout
        while not self._got.wait(0.1):
            if (cancel is not None and cancel.is_set()) or time.monotonic() > deadline:
                return None
        return self._answer

    # -- called by the handler ---------------------------------------------------------
    def offer(self, host: str, query: dict[str, str]) -> tuple[int, str]:
        if host not in (f"127.0.0.1:{self.port}", f"localhost:{self.port}",
                        f"[::1]:{self.port}"):
            return 400, "This address does not belong to mailmover's sign-in."
        if "code" not in query and "error" not in query:
            return 404, "Nothing here."
        if not self._state or query.get("state") != self._state:
            return 400, "This answer does not belong to the sign-in mailmover started."
        if self._got.is_set():
            return 200, "mailmover already has the answer."
        self._answer = query
        self._got.set()
        if "error" in query:
            return 200, "The sign-in did not finish: " + query.get("error", "")
        return 200, "Signed in."


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = 15  # a connection that sends nothing is closed

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - no code in logs
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        status, text = self.server.owner.offer(self.headers.get("Host", ""), query)
        body = DONE_PAGE.format(text=html.escape(text)).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)
