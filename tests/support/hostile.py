"""Servers that answer what no one expected: behaviours for the provider proxy
(tests/support/providers.py) in front of a real server.

Fault injection is the one place a fake is right: each behaviour below imitates an
answer seen from a real server (GNU imap4d's BAD to a UID set, a line over imaplib's
limit, a UID that is no number, endless continuation requests, a literal too large to
hold) for one folder or one message, once or always.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from tests.support.providers import Behaviour, ProviderProxy, Session, _mailbox_argument

_FETCH_BODY = re.compile(rb"BODY(\.PEEK)?\[\]", re.I)
_UID_IN_FETCH = re.compile(rb"^(\* \d+ FETCH \(.*?\bUID )(\d+)", re.I)


@dataclass
class _Selected(Behaviour):
    """Knows which folder each session has selected (as sent, modified UTF-7)."""

    selected: dict[int, bytes] = field(default_factory=dict)

    def command(
        self, proxy: ProviderProxy, s: Session, tag: bytes, name: bytes, line: bytes
    ) -> bytes | None:
        if name in (b"SELECT", b"EXAMINE"):
            self.selected[s.number] = _mailbox_argument(line)
        return self.answer(s, tag, name, line)

    def answer(self, s: Session, tag: bytes, name: bytes, line: bytes) -> bytes | None:
        return None

    def in_folder(self, s: Session, folder: bytes) -> bool:
        return self.selected.get(s.number) == folder


@dataclass
class BadBodyFetch(_Selected):
    """Answers BAD to every body FETCH in `folder`, as GNU imap4d does when a UID in
    the set changed between sessions ("BAD Failed to parse message set"). With `uids`,
    only a FETCH naming one of those UIDs is refused (one bad message)."""

    folder: bytes = b"INBOX"
    uids: frozenset[int] = frozenset()
    refused: int = 0

    def answer(self, s: Session, tag: bytes, name: bytes, line: bytes) -> bytes | None:
        if name != b"FETCH" or not _FETCH_BODY.search(line) or not self.in_folder(s, self.folder):
            return None
        if self.uids and not (_uid_set(line) & self.uids):
            return None
        self.refused += 1
        return tag + b" BAD Failed to parse message set\r\n"


@dataclass
class ScanGarbage(_Selected):
    """In answers about `folder`, the UID of the first FETCH line becomes `abc`."""

    folder: bytes = b"INBOX"
    sessions: set[int] = field(default_factory=set)

    def answer(self, s: Session, tag: bytes, name: bytes, line: bytes) -> bytes | None:
        if self.in_folder(s, self.folder):
            self.sessions.add(s.number)
        else:
            self.sessions.discard(s.number)
        return None

    def response(self, s: Session, line: bytes) -> bytes:
        if s.number in self.sessions and b"UID" in line.upper():
            return _UID_IN_FETCH.sub(rb"\1abc", line, count=1)
        return line


@dataclass
class PoisonMessage(_Selected):
    """A body FETCH in `folder` that names one of `uids` breaks the link: the proxy
    answers with a line of 2 MB without CRLF (`line`), a literal announced as 10^12
    bytes (`literal`) or endless continuation requests (`plus`), `times` times (0:
    always)."""

    folder: bytes = b"INBOX"
    uids: frozenset[int] = frozenset()
    how: str = "literal"
    times: int = 0
    done: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(  # type: ignore[override]  # a stream for `plus`
        self, s: Session, tag: bytes, name: bytes, line: bytes
    ) -> bytes | Iterator[bytes] | None:
        if name != b"FETCH" or not _FETCH_BODY.search(line) or not self.in_folder(s, self.folder):
            return None
        if not (_uid_set(line) & self.uids):
            return None
        with self.lock:
            if self.times and self.done >= self.times:
                return None
            self.done += 1
        if self.how == "line":
            return b"* 1 FETCH (UID 1 BODY[] " + b"x" * (2 * 1024 * 1024) + b" "
        if self.how == "plus":
            return _endless_continuations()
        return b"* 1 FETCH (UID 1 BODY[] {1000000000000}\r\n"


@dataclass
class GoneAfterCopyStarts(_Selected):
    """The user renames `folder` in the old mailbox once the copy has started: from the
    first whole-message FETCH on, opening it or reading in it answers "doesn't exist"."""

    folder: bytes = b"INBOX"
    started: bool = False

    def answer(self, s: Session, tag: bytes, name: bytes, line: bytes) -> bytes | None:
        gone = tag + b" NO [NONEXISTENT] Mailbox doesn't exist: " + self.folder + b"\r\n"
        if name in (b"SELECT", b"EXAMINE", b"STATUS") and _mailbox_argument(line) == self.folder:
            return gone if self.started else None
        if name == b"FETCH" and _FETCH_BODY.search(line):
            if self.started and self.in_folder(s, self.folder):
                return gone
            self.started = True
        return None


@dataclass
class DeleteDuringCopy(Behaviour):
    """The user deletes `folder` in the new mailbox while the move writes to it: at the
    `after`-th APPEND into it, `delete` runs (on the real server) before the APPEND is
    passed on, which the server then answers `NO [TRYCREATE]`."""

    folder: bytes = b"INBOX"
    after: int = 3
    delete: Callable[[], None] = lambda: None
    appends: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def command(
        self, proxy: ProviderProxy, s: Session, tag: bytes, name: bytes, line: bytes
    ) -> bytes | None:
        if name == b"APPEND" and _mailbox_argument(line) == self.folder:
            with self.lock:
                self.appends += 1
                if self.appends == self.after:
                    self.delete()
        return None


@dataclass
class ExpungeDuringCopy(_Selected):
    """The user deletes one message of `folder` in the old mailbox once the copy has
    started: at the first whole-message FETCH there, `expunge` runs on the real server
    before the FETCH is passed on."""

    folder: bytes = b"INBOX"
    expunge: Callable[[], None] = lambda: None
    done: bool = False

    def answer(self, s: Session, tag: bytes, name: bytes, line: bytes) -> bytes | None:
        if name == b"FETCH" and _FETCH_BODY.search(line) and self.in_folder(s, self.folder):
            if not self.done:
                self.done = True
                self.expunge()
        return None


@dataclass
class WithholdMessage(_Selected):
    """A server that answers a body FETCH in `folder` OK but leaves `uid` out (it still
    holds the message: a UID SEARCH finds it)."""

    folder: bytes = b"INBOX"
    uid: int = 1

    def answer(self, s: Session, tag: bytes, name: bytes, line: bytes) -> bytes | None:
        if name == b"FETCH" and _FETCH_BODY.search(line) and self.in_folder(s, self.folder):
            if _uid_set(line) == {self.uid}:
                return tag + b" OK Fetch completed.\r\n"  # and nothing for it
        return None

    def rewrite(self, s: Session, line: bytes) -> bytes:
        if not (_FETCH_BODY.search(line) and self.in_folder(s, self.folder)):
            return line
        words = line.split(b" ")
        upper = [w.upper() for w in words]
        if b"FETCH" not in upper:
            return line
        i = upper.index(b"FETCH") + 1
        asked = sorted(_uid_set(line) - {self.uid})
        if not asked:
            return line
        words[i] = b",".join(b"%d" % u for u in asked)
        return b" ".join(words)


@dataclass
class AnswerTwice(_Selected):
    """In the first body FETCH answer of `folder` with two messages or more, the first
    UID is answered a second time, with the second message's bytes (a server that mixes
    up its answers: whoever trusts the last answer stores the wrong message)."""

    folder: bytes = b"INBOX"
    first: tuple[bytes, bytes] | None = None  # (UID, its item), until the next arrives
    done: bool = False

    def item(self, s: Session, data: bytes) -> bytes:
        if self.done or not self.in_folder(s, self.folder) or b"BODY[]" not in data[:300]:
            return data
        m = re.search(rb"\bUID (\d+)\b", data[:300])
        if m is None:
            return data
        if self.first is None:
            self.first = (m.group(1), data)
            return data
        self.done = True
        lie = data[: m.start(1)] + self.first[0] + data[m.end(1) :]
        return data + lie


@dataclass
class LieAboutSizes(Behaviour):
    """Every RFC822.SIZE answered as 100 bytes, whatever the message's size: whoever
    bounds memory by announced sizes holds many large messages at once."""

    told: int = 0

    def response(self, s: Session, line: bytes) -> bytes:
        lied, n = _SIZE.subn(b"RFC822.SIZE 100", line)
        self.told += n
        return lied


_SIZE = re.compile(rb"RFC822\.SIZE \d+", re.I)


@dataclass
class LoseAppends(Behaviour):
    """A destination without UIDPLUS that answers OK to an APPEND and then does not hold
    the message (GNU imap4d's mbox under load): an APPEND of a message of one of `sizes`
    bytes is stored in `elsewhere` instead, which the test never reads. Once per size,
    or with `always` every time. With `appenduid`, the server's APPENDUID is passed on:
    it names `elsewhere`'s UIDVALIDITY (a server whose APPENDUID is about another
    folder); without, none is sent, as a server without UIDPLUS does."""

    sizes: frozenset[int] = frozenset()
    elsewhere: bytes = b"Elsewhere"
    always: bool = False
    appenduid: bool = False
    lost: list[int] = field(default_factory=list)
    drop_capabilities: frozenset[bytes] = frozenset({b"UIDPLUS", b"MULTIAPPEND"})

    def response(self, s: Session, line: bytes) -> bytes:
        return line if self.appenduid else _APPENDUID_CODE.sub(b"", line)

    def rewrite(self, s: Session, line: bytes) -> bytes:
        words = line.split(b" ", 2)
        m = _APPEND_LITERAL.search(line)
        if len(words) < 3 or words[1].upper() != b"APPEND" or m is None:
            return line
        size = int(m.group(1))
        if size not in self.sizes or (size in self.lost and not self.always):
            return line
        self.lost.append(size)
        rest = words[2][len(_quoted_first(words[2])) :]
        return words[0] + b" APPEND " + self.elsewhere + rest


_APPENDUID_CODE = re.compile(rb"\[APPENDUID [0-9]+ [0-9:,]+\] ?", re.I)
_APPEND_LITERAL = re.compile(rb"\{(\d+)\+?\}\r?\n?$")


def _quoted_first(args: bytes) -> bytes:
    """The mailbox argument as written (quoted string or atom)."""
    if args.startswith(b'"'):
        i = 1
        while i < len(args) and args[i : i + 1] != b'"':
            i += 2 if args[i : i + 1] == b"\\" else 1
        return args[: i + 1]
    return args.split(b" ", 1)[0]


def _endless_continuations() -> Iterator[bytes]:
    # A line every 50 ms: bytes keep arriving, so no socket timeout ever fires.
    while True:
        yield b"+ more\r\n"
        time.sleep(0.05)


def _uid_set(line: bytes) -> set[int]:
    """The UIDs named by `UID FETCH <set> …` (ranges expanded, * as nothing)."""
    words = line.split(b" ")
    try:
        i = [w.upper() for w in words].index(b"FETCH")
    except ValueError:
        return set()
    out: set[int] = set()
    for part in words[i + 1].split(b","):
        lo, _, hi = part.partition(b":")
        if not lo.isdigit() or (hi and not hi.isdigit()):
            continue
        a, b = int(lo), int(hi or lo)
        out.update(range(min(a, b), max(a, b) + 1))
    return out
