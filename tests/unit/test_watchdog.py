"""The progress watchdog (engine/imap/watchdog.py) against a scripted server on loopback:
an answer that never progresses ends as a lost connection, a slow one that does is read."""

from __future__ import annotations

import imaplib
import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from mailmover.engine.imap import faults, watchdog


def _server(answer: Callable[[socket.socket, bytes], None]) -> Iterator[int]:
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        conn, _ = listener.accept()
        conn.sendall(b"* OK ready\r\n")
        reader = conn.makefile("rb")
        try:
            while line := reader.readline():
                tag = line.split(b" ", 1)[0]
                if b"CAPABILITY" in line.upper():
                    conn.sendall(b"* CAPABILITY IMAP4rev1\r\n" + tag + b" OK done\r\n")
                else:
                    answer(conn, tag)
        except OSError:
            pass
        finally:
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield port
    finally:
        listener.close()


@pytest.fixture
def endless_plus() -> Iterator[int]:
    def answer(conn: socket.socket, tag: bytes) -> None:
        while True:  # a continuation request every 50 ms, for ever
            conn.sendall(b"+ more\r\n")
            time.sleep(0.05)

    yield from _server(answer)


@pytest.fixture
def slow_literal() -> Iterator[int]:
    def answer(conn: socket.socket, tag: bytes) -> None:
        size = 3 * (1 << 20)
        conn.sendall(b"* 1 FETCH (UID 1 BODY[] {%d}\r\n" % size)
        for _ in range(12):  # 3 MB in 12 parts, 0.3 s apart: 3.6 s in all
            conn.sendall(b"x" * (size // 12))
            time.sleep(0.3)
        conn.sendall(b")\r\n" + tag + b" OK done\r\n")

    yield from _server(answer)


def test_endless_continuation_requests_end_as_a_lost_connection(endless_plus: int) -> None:
    imap = imaplib.IMAP4("127.0.0.1", endless_plus, timeout=30)
    watchdog.watch(imap, 1.0)
    with pytest.raises(imaplib.IMAP4.abort) as caught:
        imap.noop()
    assert "no progress" in str(caught.value)
    fault = faults.classify(caught.value, faults.Scope("127.0.0.1", "INBOX", (1,)))
    assert isinstance(fault, faults.ConnectionFault)


def test_a_slow_literal_that_keeps_coming_is_read_whole(slow_literal: int) -> None:
    imap = imaplib.IMAP4("127.0.0.1", slow_literal, timeout=30)
    watchdog.watch(imap, 2.0)  # shorter than the literal takes, longer than a part
    typ, data = imap._simple_command("NOOP")
    assert typ == "OK"
    [(head, body)] = [d for d in imap.untagged_responses.get("FETCH", []) if isinstance(d, tuple)]
    assert len(body) == 3 * (1 << 20) and set(body) == {ord("x")}
