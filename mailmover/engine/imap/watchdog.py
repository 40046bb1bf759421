"""A command whose answer makes no progress for the timeout ends as a lost connection,
even while bytes keep arriving.

The socket's own timeout fires only when nothing arrives at all. A server that answers
a FETCH with endless continuation requests (`+ …`), or trickles a line a byte at a
time, would keep it from ever firing: the run would never end (issue 23). Progress is
what moves an answer forward: a whole line that is not a continuation request, a part
of a literal, or something we sent (a `+` right after a send is the answer to it). One
thread watches every connection; when one has been reading for the timeout with no
progress, it shuts the socket down, and the read ends as imaplib's `abort`, which the
boundary classifies as a lost connection.
"""

from __future__ import annotations

import imaplib
import logging
import socket
import threading
import time
import weakref
from collections.abc import Callable

log = logging.getLogger(__name__)

# Literals larger than this are read in parts, so a large message on a slow link makes
# progress part by part (one call per part: a copy of the whole only when it is large).
_PART = 1 << 20


class _Watch:
    def __init__(self, imap: imaplib.IMAP4, timeout: float) -> None:
        self.imap = weakref.ref(imap)
        self.timeout = timeout
        self.progress = time.monotonic()
        self.reading = 0
        self.sent = False  # something sent since the last continuation request
        self.fired = False

    def check(self, now: float) -> None:
        if self.fired or not self.reading or now - self.progress <= self.timeout:
            return
        imap = self.imap()
        if imap is None:
            return
        self.fired = True
        log.warning("no progress for %.0f s in an answer: closing the connection", self.timeout)
        try:
            imap.sock.shutdown(socket.SHUT_RDWR)  # the blocked read returns at once
        except OSError:
            pass

    def abort(self) -> imaplib.IMAP4.abort:
        return imaplib.IMAP4.abort(
            f"the server's answer made no progress for {self.timeout:.0f} s"
        )


_watched: weakref.WeakSet[_Watch] = weakref.WeakSet()
_lock = threading.Lock()
_thread: threading.Thread | None = None


def _loop() -> None:
    while True:
        time.sleep(0.5)
        now = time.monotonic()
        with _lock:
            watches = list(_watched)
        for w in watches:
            w.check(now)


def watch(imap: imaplib.IMAP4, timeout: float | None) -> None:
    """Watch `imap` from now on (its reads and sends are wrapped on the instance)."""
    global _thread
    if not timeout:
        return
    w = _Watch(imap, timeout)
    imap._mm_watch = w  # type: ignore[attr-defined]  # keeps the watch alive with it
    with _lock:
        _watched.add(w)
        if _thread is None:
            _thread = threading.Thread(target=_loop, name="mm-watchdog", daemon=True)
            _thread.start()
    readline: Callable[[], bytes] = imap.readline
    read: Callable[[int], bytes] = imap.read
    send: Callable[[bytes], None] = imap.send

    def watched_readline() -> bytes:
        w.reading += 1
        try:
            line = readline()
        finally:
            w.reading -= 1
        if w.fired:
            raise w.abort()
        if not line.startswith(b"+") or w.sent:
            w.progress = time.monotonic()
        w.sent = False
        return line

    def watched_read(size: int) -> bytes:
        w.reading += 1
        try:
            if size <= _PART:
                data = read(size)
            else:
                parts: list[bytes] = []
                left = size
                while left > 0 and not w.fired:
                    part = read(min(left, _PART))
                    if not part:
                        break
                    parts.append(part)
                    left -= len(part)
                    w.progress = time.monotonic()
                data = b"".join(parts)
        finally:
            w.reading -= 1
        if w.fired:
            raise w.abort()
        w.progress = time.monotonic()
        return data

    def watched_send(data: bytes) -> None:
        send(data)
        w.sent = True
        w.progress = time.monotonic()

    imap.readline = watched_readline  # type: ignore[method-assign]
    imap.read = watched_read  # type: ignore[method-assign]
    imap.send = watched_send  # type: ignore[method-assign,assignment]
