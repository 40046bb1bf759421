"""Append many messages over one connection with as few round trips as the server allows.

- LITERAL+ (RFC 7888): `{n+}` literals need no continuation, so APPEND commands stream
  back to back and their tagged answers are read later (`max_pending` outstanding).
  LITERAL- allows the same for literals up to 4096 bytes.
- MULTIAPPEND (RFC 3502), used only with LITERAL+: small messages travel several to one
  APPEND, one commit on the server. A group refused as a whole (it is atomic) is sent
  again message by message, so each message gets its own answer.
- Neither (Exmail): a synchronising literal needs the server's "+" before its bytes, one
  round trip per message; the tagged OK is not awaited, the next APPEND follows at once.

It speaks on imaplib's socket under imapclient with its own tags and reads every answer
it caused, so the connection goes back to imapclient clean. A message counts as stored
only when its own tagged OK arrived (docs/architecture.md, invariant 3).
"""

from __future__ import annotations

import contextlib
import itertools
import re
import socket
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from imapclient.datetime_util import datetime_to_INTERNALDATE

from mailmover.engine.imap import wire
from mailmover.engine.imap.connection import ImapConnection

_TAGGED = re.compile(rb"^(MM\d+) (OK|NO|BAD)\b ?(.*)$", re.I | re.S)
_LITERAL_AT_END = re.compile(rb"\{(\d+)\+?\}$")
_APPENDUID = re.compile(rb"\[APPENDUID (\d+) ([0-9:,]+)\]", re.I)
_LITERAL_MINUS_MAX = 4096
_SEND_ALONE = 64 * 1024  # bigger literals are sent as they are, not copied into a buffer
_TAGS = itertools.count(1)  # unique across appenders, whichever connection they use


class ServerClosed(EOFError):
    """The server said BYE or closed the connection: unanswered APPENDs are unknown."""


@dataclass(slots=True)
class AppendItem:
    key: object  # the caller's handle (e.g. the source Entry)
    raw: bytes
    flags: Sequence[bytes] = ()
    when: datetime | None = None


@dataclass(slots=True)
class AppendResult:
    item: AppendItem
    ok: bool
    uid: int | None = None  # from APPENDUID when the server has UIDPLUS
    text: str = ""  # the server's words when it refused
    uidvalidity: int | None = None  # the one APPENDUID named

    def uid_in(self, uidvalidity: int) -> int | None:
        """The new UID, if APPENDUID named the folder's `uidvalidity` (0: not known):
        an APPENDUID about another folder (a server that stored the message elsewhere,
        or lies) is no evidence of where the copy is."""
        if uidvalidity and self.uidvalidity is not None and self.uidvalidity != uidvalidity:
            return None
        return self.uid


def parse_uid_set(text: bytes, limit: int = 10_000) -> list[int]:
    """`1:3,7` -> [1, 2, 3, 7]; a set larger than `limit` (a hostile or broken server's
    `1:4000000000`) or anything but digits raises ValueError instead."""
    uids: list[int] = []
    for part in text.split(b","):
        lo, _, hi = part.partition(b":")
        if not lo.isdigit() or not (hi or lo).isdigit():
            raise ValueError("not a UID set")  # int() takes "-1", " 1", "1_0"
        a, b = int(lo), int(hi or lo)
        if len(uids) + abs(b - a) + 1 > limit:
            raise ValueError("UID set too large")
        uids.extend(range(min(a, b), max(a, b) + 1))
    return uids


class Appender:
    """Pipelined APPEND into one mailbox; `submit` and `flush` return finished results."""

    def __init__(
        self,
        conn: ImapConnection,
        mailbox: str,
        *,
        literal_plus: bool | None = None,
        multiappend: bool | None = None,
        max_pending: int = 64,
        group_bytes: int = 512 * 1024,
        group_count: int = 32,
    ) -> None:
        self._conn = conn
        self._imap = wire.transport(conn.client)
        self._mailbox: bytes = wire.encode_folder(conn.client, mailbox)
        self._names = {mailbox: self._mailbox}
        self.literal_plus = conn.has("LITERAL+") if literal_plus is None else literal_plus
        self.literal_minus = self.literal_plus or conn.has("LITERAL-")
        use_multi = conn.has("MULTIAPPEND") if multiappend is None else multiappend
        self.multiappend = use_multi and self.literal_plus
        self.max_pending = max(1, max_pending)
        self.group_bytes = group_bytes
        self.group_count = group_count
        # (tag, items, mailbox): a refused MULTIAPPEND is sent again to its own mailbox.
        self._pending: deque[tuple[bytes, list[AppendItem], bytes]] = deque()
        self._group: list[AppendItem] = []
        self._group_size = 0
        self._done: list[AppendResult] = []
        self._out = bytearray()
        sock = getattr(self._imap, "sock", None)
        quickack = getattr(socket, "TCP_QUICKACK", 0)
        self._quickack = quickack if sock is not None and not self.literal_plus else 0
        if sock is not None:
            # Small command lines must not wait for the ACK of the previous literal.
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass

    @property
    def pending(self) -> int:
        """Messages sent or queued whose answer has not been read yet."""
        return sum(len(items) for _, items, _ in self._pending) + len(self._group)

    # -- public -------------------------------------------------------------------
    def unanswered(self) -> list[AppendItem]:
        """Sent or grouped without an answer: unknown fate, never recorded as copied."""
        return [it for _, items, _ in self._pending for it in items] + list(self._group)

    def set_mailbox(self, mailbox: str) -> None:
        """APPEND into `mailbox` from now on; what is in flight keeps its own mailbox (a
        copy of several folders at once switches without waiting for answers)."""
        encoded = self._names.get(mailbox)
        if encoded is None:  # asked for each message: encoded once per folder
            encoded = self._names[mailbox] = wire.encode_folder(self._conn.client, mailbox)
        if encoded != self._mailbox:
            with self._conn.guard():
                self._send_group()  # a MULTIAPPEND group is one mailbox
            self._mailbox = encoded

    def submit(self, item: AppendItem) -> list[AppendResult]:
        """Send `item` (or group it); the answers that came meanwhile. A broken link
        raises ConnectionFault: what is unanswered then has an unknown fate."""
        with self._conn.guard():
            return self._submit(item)

    def _submit(self, item: AppendItem) -> list[AppendResult]:
        if self.multiappend and len(item.raw) <= self.group_bytes:
            self._group.append(item)
            self._group_size += len(item.raw)
            if len(self._group) >= self.group_count or self._group_size >= self.group_bytes:
                self._send_group()
        else:
            self._send_group()
            self._send([item])
        while len(self._pending) > self.max_pending:
            self._read_response()
        return self._take()

    def collect_one(self) -> list[AppendResult]:
        """Send what is grouped and read one answer (when any is due): a caller that is
        waiting for more to send takes it as soon as it comes, without first waiting
        for every answer."""
        with self._conn.guard():
            self._send_group()
            if self._pending:
                self._read_response()
        return self._take()

    def flush(self) -> list[AppendResult]:
        """Send what is grouped and wait for every outstanding answer."""
        with self._conn.guard():
            self._send_group()
            while self._pending:
                self._read_response()
        return self._take()

    # -- sending ------------------------------------------------------------------
    def _take(self) -> list[AppendResult]:
        done, self._done = self._done, []
        return done

    def _send_group(self) -> None:
        if self._group:
            group, self._group, self._group_size = self._group, [], 0
            self._send(group)

    def _tag(self) -> bytes:
        return b"MM%d" % next(_TAGS)

    @staticmethod
    def _message_args(item: AppendItem) -> bytes:
        flags = b"(" + b" ".join(wire.valid_flags(item.flags)) + b")"
        when = b""
        if item.when is not None:
            when = b' "' + datetime_to_INTERNALDATE(item.when).encode("ascii") + b'"'
        return b" " + flags + when

    def _send(self, items: list[AppendItem], mailbox: bytes | None = None) -> None:
        tag = self._tag()
        mailbox = self._mailbox if mailbox is None else mailbox
        head = tag + b" APPEND " + mailbox
        if len(items) == 1 and not self.literal_plus:
            item = items[0]
            size = len(item.raw)
            if self.literal_minus and size <= _LITERAL_MINUS_MAX:
                self._write(head + self._message_args(item) + b" {%d+}\r\n" % size)
            else:
                # Synchronising literal: the "+" must come back before the bytes go.
                self._write(head + self._message_args(item) + b" {%d}\r\n" % size)
                self._flush_out()
                if not self._await_continuation(tag, item):
                    return
            self._write(item.raw)
            self._write(b"\r\n")  # stays buffered: it leaves with the next command line
            self._pending.append((tag, items, mailbox))
            return
        self._write(head)
        for item in items:
            self._write(self._message_args(item) + b" {%d+}\r\n" % len(item.raw))
            self._write(item.raw)
        self._write(b"\r\n")
        self._pending.append((tag, items, mailbox))

    def _write(self, data: bytes) -> None:
        if len(data) >= _SEND_ALONE:
            self._flush_out()
            self._imap.send(data)
        else:
            self._out += data
            if len(self._out) >= _SEND_ALONE:
                self._flush_out()

    def _flush_out(self) -> None:
        if self._out:
            data, self._out = bytes(self._out), bytearray()
            self._imap.send(data)

    # -- reading ------------------------------------------------------------------
    def _line(self) -> bytes:
        self._flush_out()
        if self._quickack:
            # Servers that leave Nagle on hold a "+" behind an unacknowledged tagged OK
            # until our delayed ACK (40 ms) fires; acknowledge at once instead (Linux).
            with contextlib.suppress(OSError):
                self._imap.sock.setsockopt(socket.IPPROTO_TCP, self._quickack, 1)
        line: bytes = self._imap.readline()
        if not line:
            raise ServerClosed("connection closed by the server")
        # An untagged answer may carry literals; read them so the stream stays aligned.
        while True:
            m = _LITERAL_AT_END.search(line.rstrip(b"\r\n"))
            if not m or line.startswith(b"+"):
                return line.rstrip(b"\r\n")
            literal = self._imap.read(int(m.group(1)))
            line = line.rstrip(b"\r\n") + b"[literal %d]" % len(literal) + self._imap.readline()

    def _await_continuation(self, tag: bytes, item: AppendItem) -> bool:
        """Read until the server invites the literal; False if it answered `tag` at once."""
        while True:
            line = self._line()
            if line.startswith(b"+"):
                return True
            m = _TAGGED.match(line)
            if m and m.group(1).upper() == tag.upper():
                self._done.append(AppendResult(item, False, None, _decode(m.group(3))))
                return False
            self._handle(line)

    def _read_response(self) -> None:
        self._handle(self._line())

    def _handle(self, line: bytes) -> None:
        if line.startswith(b"* "):
            if line[2:5].upper() == b"BYE":
                raise ServerClosed(_decode(line[6:]))
            return  # EXISTS, RECENT and the like: nothing to do
        if line.startswith(b"+"):
            raise ServerClosed("unexpected continuation: " + _decode(line))
        m = _TAGGED.match(line)
        if not m:
            return
        tag, status, text = m.group(1).upper(), m.group(2).upper(), m.group(3)
        index = next((i for i, (t, _, _) in enumerate(self._pending) if t.upper() == tag), None)
        if index is None:
            return  # not ours (cannot happen on a clean connection)
        _, items, mailbox = self._pending[index]
        del self._pending[index]
        if status == b"OK":
            uids: list[int | None] = []
            um = _APPENDUID.search(text)
            named = int(um.group(1)) if um else None
            if um:
                try:
                    uids = list(parse_uid_set(um.group(2), limit=len(items)))
                except ValueError:
                    uids = []  # unusable: the messages are copied, only their UIDs unknown
            if len(uids) != len(items):
                uids = [None] * len(items)
            for item, uid in zip(items, uids, strict=True):
                self._done.append(AppendResult(item, True, uid, uidvalidity=named))
        elif len(items) > 1:
            # MULTIAPPEND is all or nothing: ask again one by one to learn which failed.
            for item in items:
                self._send([item], mailbox)
            self._flush_out()
        else:
            self._done.append(AppendResult(items[0], False, None, _decode(text)))


def _decode(text: bytes) -> str:
    return text.decode("utf-8", "replace").strip()
