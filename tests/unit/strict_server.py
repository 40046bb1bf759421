"""A scripted, strict IMAP peer for transcript tests: no socket, no real server.

It stands in for imaplib's transport (`send`, `readline`, `read`, `sock`) and parses
every APPEND the client writes against RFC 3501 / RFC 3502 / RFC 7888 grammar:

    append   = "APPEND" SP mailbox 1*append-message          ; MULTIAPPEND
    append-message = [SP flag-list] [SP date-time] SP literal
    literal  = "{" number ["+"] "}" CRLF *CHAR8

A command that breaks the grammar is answered `BAD` (as pymap and other strict servers
do) and recorded in `violations`, so a test fails on the bytes, not on a server's mood.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from mailmover.engine.account import Account
from mailmover.engine.imap.connection import ImapConnection

_TAG = rb"[!#$&'*,.\-/0-9:;<=>?@A-Z\[^_`a-z|~]+"  # ASTRING-CHAR minus "+"
_QUOTED = rb'"(?:[^"\\\r\n]|\\["\\])*"'
_ATOM = rb"[!#$&'+,\-./0-9:;<=>?@A-Z\[\]^_`a-z|~]+"
_FLAG = rb"(?:\\[A-Za-z]+|" + _ATOM.replace(rb"\]", b"") + rb")"
_FLAG_LIST = rb"\((?:" + _FLAG + rb"(?: " + _FLAG + rb")*)?\)"
_DATE_TIME = (
    rb'"(?:[ 0-9][0-9])-(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-[0-9]{4} '
    rb'[0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}"'
)
_HEAD = re.compile(rb"^(" + _TAG + rb") APPEND (" + _QUOTED + rb"|" + _ATOM + rb")")
_MESSAGE = re.compile(
    rb"^ (?:(" + _FLAG_LIST + rb") )?(?:(" + _DATE_TIME + rb") )?\{([0-9]+)(\+?)\}\r\n"
)
_MESSAGE_FIRST = re.compile(
    rb"^(?: (" + _FLAG_LIST + rb"))?(?: (" + _DATE_TIME + rb"))? \{([0-9]+)(\+?)\}\r\n"
)


@dataclass
class Appended:
    mailbox: bytes
    flags: bytes | None
    date: bytes | None
    body: bytes


@dataclass
class StrictServer:
    """Holds what the client sent and answers like a strict server would."""

    literal_plus: bool = False
    literal_minus: bool = False
    multiappend: bool = False
    # Decide the answer to one APPEND command: None = OK with APPENDUID, else the NO text.
    refuse: Callable[[list[Appended]], bytes | None] = lambda msgs: None
    appended: list[Appended] = field(default_factory=list)
    violations: list[bytes] = field(default_factory=list)
    commands: list[bytes] = field(default_factory=list)
    continuations: int = 0
    _inbuf: bytearray = field(default_factory=bytearray)
    _out: deque[bytes] = field(default_factory=deque)
    _next_uid: int = 1
    _continued_at: set[tuple[bytes, int]] = field(default_factory=set)
    sock: None = None

    # -- the transport imaplib would be ----------------------------------------------
    def send(self, data: bytes) -> None:
        self._inbuf += data
        self._parse()

    def readline(self) -> bytes:
        return self._out.popleft() if self._out else b""

    def read(self, n: int) -> bytes:
        raise AssertionError("the strict server sends no literals")

    # -- parsing ---------------------------------------------------------------------
    def _parse(self) -> None:
        while True:
            consumed = self._try_command(bytes(self._inbuf))
            if consumed == 0:
                return
            del self._inbuf[:consumed]

    def _try_command(self, buf: bytes) -> int:
        """Consume one whole command from `buf`; 0 when more bytes are needed."""
        if b"\r\n" not in buf:
            return 0
        head = _HEAD.match(buf)
        if head is None:
            line = buf.split(b"\r\n", 1)[0]
            self._bad(line, line.split(b" ", 1)[0] or b"*")
            return len(line) + 2
        tag, mailbox = head.group(1), head.group(2)
        pos = head.end()
        messages: list[Appended] = []
        pattern = _MESSAGE_FIRST
        while True:
            m = pattern.match(buf[pos:])
            if m is None:
                if b"\r\n" not in buf[pos:]:
                    return 0
                line_end = buf.index(b"\r\n", pos)
                self._bad(buf[:line_end], tag)
                return line_end + 2
            m_end = pos + m.end()
            size, plus = int(m.group(3)), m.group(4) == b"+"
            if plus and not (self.literal_plus or (self.literal_minus and size <= 4096)):
                self._bad(buf[:m_end], tag, b"non-synchronising literal not offered")
                return len(buf)
            if not plus and not self._continued(tag, len(messages)):
                # A synchronising literal: the bytes may only follow our "+".
                if m_end < len(buf):
                    self._bad(buf[:m_end], tag, b"literal sent before continuation")
                    return len(buf)
                self._out.append(b"+ go ahead\r\n")
                self.continuations += 1
                self._mark_continued(tag, len(messages))
                return 0
            if len(buf) < m_end + size:
                return 0
            messages.append(Appended(mailbox, m.group(1), m.group(2), buf[m_end : m_end + size]))
            pos = m_end + size
            if buf[pos : pos + 2] == b"\r\n":
                self.commands.append(buf[: head.end()])
                self._answer(tag, messages)
                self._forget(tag)
                return pos + 2
            if len(buf) < pos + 2:
                return 0
            if not self.multiappend:
                self._bad(buf[:pos], tag, b"MULTIAPPEND not offered")
                return len(buf)
            pattern = _MESSAGE

    def _continued(self, tag: bytes, index: int) -> bool:
        return (tag, index) in self._continued_at

    def _mark_continued(self, tag: bytes, index: int) -> None:
        self._continued_at.add((tag, index))

    def _forget(self, tag: bytes) -> None:
        self._continued_at = {k for k in self._continued_at if k[0] != tag}

    def _answer(self, tag: bytes, messages: list[Appended]) -> None:
        refusal = self.refuse(messages)
        if refusal is not None:
            self._out.append(tag + b" NO " + refusal + b"\r\n")
            return
        first = self._next_uid
        self._next_uid += len(messages)
        self.appended.extend(messages)
        uids = b"%d" % first if len(messages) == 1 else b"%d:%d" % (first, self._next_uid - 1)
        self._out.append(tag + b" OK [APPENDUID 1 " + uids + b"] APPEND completed\r\n")

    def _bad(self, line: bytes, tag: bytes, why: bytes = b"Invalid arguments") -> None:
        self.violations.append(line)
        self._out.append(tag + b" BAD " + why + b"\r\n")


class FakeClient:
    """What the appender reads from imapclient: its transport and folder encoding."""

    def __init__(self, server: StrictServer) -> None:
        self._imap = server

    def _normalise_folder(self, name: str) -> bytes:
        return b'"' + name.encode("ascii") + b'"'


class FakeConnection(ImapConnection):
    """An ImapConnection on the scripted peer (its guard classifies as the real one)."""

    def __init__(self, server: StrictServer) -> None:  # no super(): no login to make
        self.account = Account("strict.test", "user")
        self.selected = None
        self.round_trip = None
        self.client = FakeClient(server)
        caps = set()
        if server.literal_plus:
            caps.add("LITERAL+")
        if server.literal_minus:
            caps.add("LITERAL-")
        if server.multiappend:
            caps.add("MULTIAPPEND")
        self.capabilities = frozenset(caps)

    def has(self, capability: str) -> bool:
        return capability.upper() in self.capabilities
