"""Every command the engine builds, with 0x00-0x1f, 0x7f and non-ASCII at any position of
the folder names and flags it carries (issue 26): each command line that reaches the
server is printable ASCII made of atoms, well-formed quoted strings, lists and literals.
Nothing from a server (a folder name, a FETCH's flags) can start a second command.

The peer is a recording server on 127.0.0.1 that answers OK to everything and checks
the bytes (fault injection: no real server would show us what it was sent)."""

from __future__ import annotations

import contextlib
import re
import socket
import threading
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailmover.engine.account import Account
from mailmover.engine.imap import group_scan, ops, scan, stats
from mailmover.engine.imap.append import Appender, AppendItem
from mailmover.engine.imap.connect import connect
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.messages import flags_to_copy

CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f"]
NON_ASCII = ["é", "张", "\u202e", "\u200b", "😀", "\x85"]
SPECIALS = ['"', "\\", "{", "}", "(", ")", " ", "%", "*", "]", "&", "{3}", "{3+}"]
CHARS = st.sampled_from(CONTROLS + NON_ASCII + SPECIALS)

CAPS = b"IMAP4rev1 LITERAL+ MULTIAPPEND UIDPLUS ID AUTH=PLAIN"
_LITERAL = re.compile(rb"\{(\d+)(\+?)\}\r\n$")
# One command line outside its literals: tag, then atoms, quoted strings and lists; a
# line after a literal continues the command (MULTIAPPEND's next message, or its end).
_QUOTED = rb'"(?:[^"\\\r\n]|\\["\\])*"'
_TOKEN = rb"(?:" + _QUOTED + rb'|[^\x00-\x20"()\x7f-\xff]+|[()])'
_ARGS = rb"(?: ?" + _TOKEN + rb")*(?: ?\{\d+\+?\})?\r\n"
_FIRST = re.compile(rb"[A-Za-z0-9.]+" + _ARGS)
_AFTER_LITERAL = re.compile(_ARGS)


class Recorder:
    """Answers OK to every command; records each command line and any that is not
    well-formed printable ASCII."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(2)
        self.port = self.sock.getsockname()[1]
        self.lines: list[bytes] = []
        self.violations: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        with contextlib.suppress(OSError):
            conn, _ = self.sock.accept()
            with conn:
                f = conn.makefile("rb")
                conn.sendall(b"* OK [CAPABILITY " + CAPS + b"] recorder\r\n")
                while command := self._command(conn, f):
                    conn.sendall(self._answer(conn, f, command))

    def _command(self, conn: socket.socket, f) -> bytes:  # type: ignore[no-untyped-def]
        whole = b""
        grammar = _FIRST
        while True:
            line = f.readline()
            if not line:
                return b""
            self.lines.append(line)
            if not grammar.fullmatch(line) or not all(0x20 <= b < 0x7F for b in line[:-2]):
                self.violations.append(line)
            grammar = _AFTER_LITERAL
            whole += line
            m = _LITERAL.search(line)
            if m is None:
                return whole
            if not m.group(2):
                conn.sendall(b"+ go ahead\r\n")
            f.read(int(m.group(1)))  # the literal's bytes: anything goes

    @staticmethod
    def _answer(conn: socket.socket, f, command: bytes) -> bytes:  # type: ignore[no-untyped-def]
        tag, _, rest = command.partition(b" ")
        verb = rest.split(b" ", 1)[0].strip().upper()
        if verb == b"UID":
            verb = rest.split(b" ", 2)[1].upper()
        if verb == b"AUTHENTICATE":
            conn.sendall(b"+ \r\n")
            f.readline()  # the SASL response
        if verb == b"CAPABILITY":
            return b"* CAPABILITY " + CAPS + b"\r\n" + tag + b" OK done\r\n"
        if verb in (b"SELECT", b"EXAMINE"):
            return (b"* 1 EXISTS\r\n* OK [UIDVALIDITY 7] v\r\n* FLAGS (\\Seen)\r\n"
                    + tag + b" OK [READ-WRITE] done\r\n")  # fmt: skip
        if verb == b"APPEND":
            return tag + b" OK [APPENDUID 7 1] done\r\n"
        if verb == b"LOGOUT":
            return b"* BYE bye\r\n" + tag + b" OK done\r\n"
        return tag + b" OK done\r\n"


@pytest.fixture(scope="module")
def wire() -> Iterator[tuple[Recorder, ImapConnection]]:
    rec = Recorder()
    acc = Account("127.0.0.1", "张三@uni.edu.cn", rec.port, "plain", 'pw "\\ 密码',
                  allow_plaintext=True, timeout=10)  # fmt: skip
    conn = connect(acc)
    yield rec, conn
    conn.close()
    rec.sock.close()


def _with(base: str, char: str, at: int) -> str:
    at = min(at, len(base))
    return base[:at] + char + base[at:]


def _every_command(conn: ImapConnection, name: str, keyword: bytes) -> None:
    """Each builder once, with `name` as the folder and `keyword` among the flags."""
    flags = flags_to_copy((b"\\Seen", keyword, b"$Label1"), True)
    raw = b"Subject: x\r\n\r\nbody\r\n"
    calls = [
        lambda: ops.exists(conn, name),
        lambda: ops.create(conn, name),
        lambda: ops.subscribe(conn, name),
        lambda: ops.delete(conn, name),
        lambda: ops.message_count(conn, name),
        lambda: ops.examine_count(conn, name),
        lambda: ops.append_one(conn, name, raw, [b"\\Seen", keyword]),
        lambda: scan.select(conn, name, readonly=False),
        lambda: ops.store_flags(conn, [1], add=[keyword, b"\\Flagged"], remove=[keyword]),
        lambda: stats.message_counts(conn, [name, "INBOX"]),
        lambda: stats.folder_sizes(conn, [name]),
        lambda: stats.create_and_subscribe(conn, [name], [name]),
        lambda: group_scan.read_folders(conn, [name, "INBOX"], readonly=True),
    ]
    for call in calls:
        with contextlib.suppress(Exception):  # the recorder's answers are minimal
            call()
    for multi in (False, True):
        appender = Appender(conn, name, literal_plus=True, multiappend=multi)
        for i in range(2):
            appender.submit(AppendItem(i, raw, [*flags, keyword]))
        appender.flush()
    synchronising = Appender(conn, name, literal_plus=False, multiappend=False)
    synchronising.submit(AppendItem(0, raw, [keyword]))
    synchronising.flush()


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["INBOX", "已发送", "课题组/2019", "A.B", "x"]), CHARS,
       st.integers(0, 12))  # fmt: skip
def test_every_command_stays_one_well_formed_line(wire, base, char, at):
    rec, conn = wire
    before = len(rec.lines)
    name = _with(base, char, at)
    keyword = _with("$Label", char, at).encode("utf-8")
    _every_command(conn, name, keyword)
    sent = rec.lines[before:]
    assert len(sent) >= 20  # the commands did reach the server
    assert sum(line.split(b" ", 2)[1:2] == [b"APPEND"] for line in sent) >= 4
    assert rec.violations == [], rec.violations[:3]


def test_a_keyword_that_is_not_an_atom_is_never_sent(wire):
    """What a hostile source's FETCH can return (a literal inside FLAGS)."""
    rec, conn = wire
    before = len(rec.lines)
    evil = b"x\r\nA1 DELETE INBOX"
    appender = Appender(conn, "INBOX", literal_plus=True)
    appender.submit(AppendItem(0, b"Subject: x\r\n\r\n", flags_to_copy((evil,), True)))
    appender.submit(AppendItem(1, b"Subject: y\r\n\r\n", [evil, b"\\Seen"]))
    appender.flush()
    ops.store_flags(conn, [1], add=[evil])
    sent = b"".join(rec.lines[before:])
    assert b"APPEND" in sent and b"DELETE" not in sent
    assert rec.violations == []
